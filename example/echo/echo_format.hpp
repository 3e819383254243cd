//
// easynet echo tools — the `--format` × `--wrap` plumbing shared by easynet-echo-server
// and easynet-echo-client (WIRE_FORMATS.md §0): which serializer, which packet type,
// and how a packet is read from / printed to a text line.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_EXAMPLE_ECHO_ECHO_FORMAT_HPP
#define EASYNET_EXAMPLE_ECHO_ECHO_FORMAT_HPP

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace easynet_echo {

/// `--format`: how a packet is encoded.
enum class format { raw, line, json, msgpack, cbor };
/// `--wrap`: a transform applied to the one-shot form of the format (WIRE_FORMATS §5, §6).
enum class wrap { none, base64, zlib, bz2 };

/// The per-packet buffer limit of both tools: 1 MiB.
inline constexpr std::size_t packet_limit = 1024 * 1024;

/// A command-line value that is not one of the accepted words.
class usage_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// @throws usage_error for anything but raw, line, json, msgpack, cbor.
format parse_format(std::string_view text);
/// @throws usage_error for anything but none, base64, zlib, bz2.
wrap parse_wrap(std::string_view text);
std::string_view to_string(format f) noexcept;
std::string_view to_string(wrap w) noexcept;

/// json, msgpack, cbor: packets are documents (`boost::json::value`).
using document_protocol = easynet::protocol::stream_protocol<boost::json::value>;
/// line (UTF-8 text without its newline), or a wrapped raw payload.
using text_protocol = easynet::protocol::stream_protocol<std::string>;
/// raw without wrap: every received chunk is a packet, echoed as it came.
using chunk_protocol = easynet::protocol::buffered_stream_protocol<std::string>;

/// One of the three, chosen at run time from `--format` and `--wrap`.
using echo_protocol = std::variant<document_protocol, text_protocol, chunk_protocol>;

/** The stream protocol of `f` wrapped by `w`, configured as WIRE_FORMATS.md §0 says
    (1 MiB limits, UTF-8 lines, url-safe base64 with "\r\n", zlib/bz2 level 9).
    raw with a wrap: the payload bytes themselves go through the wrapper. */
echo_protocol make_echo_protocol(format f, wrap w);

/// json, msgpack, cbor over udp / unix-dgram: one datagram holds one document.
using document_datagram_protocol = easynet::protocol::datagram_protocol<boost::json::value>;
/// line or raw (wrapped or not) over udp / unix-dgram: one datagram holds one packet, with
/// no framing (a line has no newline; raw is the datagram's bytes as they are).
using text_datagram_protocol = easynet::protocol::datagram_protocol<std::string>;
/// One of the two, chosen at run time from `--format` and `--wrap`.
using echo_datagram_protocol = std::variant<document_datagram_protocol, text_datagram_protocol>;

/** The datagram protocol of `f` wrapped by `w` (WIRE_FORMATS.md §0: a datagram holds the
    one-shot `serialize()` form, never the stream framing). */
echo_datagram_protocol make_echo_datagram_protocol(format f, wrap w);

/** Reads one line of the client's input as a packet of `f`.
    json/msgpack/cbor: the line is one JSON document (Python `json.loads` rules);
    line and raw: the text itself.
    @throws std::runtime_error with a message if the line is not a JSON document. */
boost::json::value parse_document_line(std::string_view line);

/// A document as compact JSON text (Python `json.dumps(..., separators=(",", ":"))`).
std::string document_to_text(const boost::json::value& document);

} // namespace easynet_echo

#endif
