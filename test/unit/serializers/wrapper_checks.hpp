//
// easynet tests — golden-vector checks shared by the wrapper tests (base64, zlib, bz2):
// every format (line, json, msgpack, cbor) wrapped, datagram and stream, any chunking.
//
#ifndef EASYNET_TEST_UNIT_SERIALIZERS_WRAPPER_CHECKS_HPP
#define EASYNET_TEST_UNIT_SERIALIZERS_WRAPPER_CHECKS_HPP

#include "document_serializer_checks.hpp"

#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

namespace wrapper_checks {

namespace json = boost::json;
namespace ser = easynet::serializers;

constexpr std::size_t echo_limit = 1024 * 1024;

/// The inner serializer of the echo tools for a document format (WIRE_FORMATS §0).
inline std::shared_ptr<const ser::packet_serializer<json::value>> document_inner(const std::string& format)
{
    if (format == "json")
        return std::make_shared<ser::json_serializer<>>(ser::json_serializer_options{.limit = echo_limit});
    if (format == "msgpack")
        return std::make_shared<ser::msgpack_serializer>(ser::msgpack_serializer_options{.limit = echo_limit});
    return std::make_shared<ser::cbor_serializer>(ser::cbor_serializer_options{.limit = echo_limit});
}

/// The echo tools' line serializer (UTF-8, LF).
inline std::shared_ptr<const ser::packet_serializer<std::string>> line_inner()
{
    return std::make_shared<ser::string_line_serializer>(
        ser::string_line_options{.encoding = ser::text_encoding::utf8, .limit = echo_limit});
}

inline bool same_packet(const json::value& a, const json::value& b)
{
    return document_checks::same_document(a, b);
}

inline bool same_packet(const std::string& a, const std::string& b)
{
    return a == b;
}

template <class Packet>
Packet packet_of(const json::value& v)
{
    if constexpr (std::is_same_v<Packet, std::string>)
        return std::string(v.as_string());
    else
        return v;
}

/** For the vectors of `format` wrapped with `wrap`: `wrapper` (built around the right
    inner serializer) must produce the bytes exactly when `exact_bytes` (else its output
    must decode back to the value), decode every vector to its value, and parse all stream
    vectors concatenated, in several chunkings. */
template <class Packet>
void check_golden(const ser::incremental_packet_serializer<Packet>& wrapper, const std::string& format,
                  const std::string& wrap, bool exact_bytes)
{
    const auto vectors = document_checks::load_wire_vectors(format, wrap);
    BOOST_TEST_REQUIRE(!vectors.empty());
    std::string stream;
    std::vector<Packet> stream_packets;
    for (const auto& v : vectors) {
        const Packet packet = packet_of<Packet>(v.value);
        BOOST_TEST_CONTEXT(format << "/" << wrap << " " << v.kind << " " << json::serialize(v.value).substr(0, 60))
        {
            std::string produced;
            if (v.kind == "datagram") {
                produced = wrapper.serialize(packet);
                BOOST_TEST(same_packet(wrapper.deserialize(v.bytes), packet));
            }
            else {
                std::vector<std::string> chunks;
                wrapper.incremental_serialize(packet, chunks);
                for (const auto& c : chunks)
                    produced += c;
                stream += v.bytes;
                stream_packets.push_back(packet);
            }
            if (exact_bytes)
                BOOST_TEST(document_checks::to_hex(produced) == document_checks::to_hex(v.bytes));
            else if (v.kind == "datagram")
                BOOST_TEST(same_packet(wrapper.deserialize(produced), packet));
            else {
                const auto r = easynet_test::feed(wrapper, produced, {produced.size()});
                BOOST_TEST_REQUIRE(r.events.size() == 1u);
                BOOST_TEST(same_packet(*r.events[0].packet, packet));
            }
        }
    }
    std::vector<std::vector<std::size_t>> chunkings = {{stream.size()}, easynet_test::fixed_chunks(stream.size(), 1)};
    for (std::uint32_t seed = 1; seed <= 3; ++seed)
        chunkings.push_back(easynet_test::random_chunks(stream.size(), seed, 200 * seed));
    for (const auto& chunks : chunkings) {
        BOOST_TEST_CONTEXT(format << "/" << wrap << " stream in " << chunks.size() << " chunks")
        {
            const auto r = easynet_test::feed(wrapper, stream, chunks);
            BOOST_TEST_REQUIRE(r.error_count() == 0u);
            BOOST_TEST_REQUIRE(r.events.size() == stream_packets.size());
            BOOST_TEST(r.pending.empty());
            for (std::size_t i = 0; i < stream_packets.size(); ++i)
                BOOST_TEST(same_packet(*r.events[i].packet, stream_packets[i]));
        }
    }
}

/// `check_golden` for the four formats; `make` builds the wrapper around an inner serializer.
template <class Make>
void check_golden_all_formats(const std::string& wrap, bool exact_bytes, Make make)
{
    check_golden<std::string>(*make(line_inner()), "line", wrap, exact_bytes);
    for (const std::string format : {"json", "msgpack", "cbor"})
        check_golden<json::value>(*make(document_inner(format)), format, wrap, exact_bytes);
}

} // namespace wrapper_checks

#endif
