//
// easynet echo tools — format and wrap plumbing (see echo_format.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_format.hpp"

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>
#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/wrapper.hpp>

#include <array>
#include <memory>
#include <optional>
#include <utility>

namespace easynet_echo {

namespace serializers = easynet::serializers;

namespace {

/** Bytes as they are: one-shot form is the identity; on a stream every chunk received is
    one packet (nothing is ever incomplete), so the buffered protocol echoes each chunk as
    it came. */
class raw_bytes_serializer final : public serializers::buffered_incremental_packet_serializer<std::string> {
public:
    std::string serialize(const std::string& packet) const override { return packet; }
    std::string deserialize(std::string_view data) const override { return std::string(data); }

    void incremental_serialize(const std::string& packet, std::vector<std::string>& chunks) const override
    {
        if (!packet.empty())
            chunks.push_back(packet);
    }

    std::unique_ptr<serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
    {
        return std::make_unique<chunk_deserializer>();
    }

    serializers::deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override
    {
        return {sizehint, sizehint};
    }

private:
    struct chunk_deserializer final : serializers::incremental_deserializer<std::string> {
        std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
        {
            consumed = data.size();
            return std::string(data);
        }
    };
};

template <class Packet>
using serializer_ptr = std::shared_ptr<const serializers::packet_serializer<Packet>>;

template <class Packet>
serializer_ptr<Packet> wrapped(serializer_ptr<Packet> inner, wrap w)
{
    namespace wrapper = serializers::wrapper;
    switch (w) {
    case wrap::none:
        return inner;
    case wrap::base64:
        return std::make_shared<wrapper::base64_encoder_serializer<Packet>>(
            std::move(inner), wrapper::base64_encoder_options{.limit = packet_limit});
    case wrap::zlib:
        return std::make_shared<wrapper::zlib_compressor_serializer<Packet>>(std::move(inner), 9);
    case wrap::bz2:
        return std::make_shared<wrapper::bz2_compressor_serializer<Packet>>(std::move(inner), 9);
    }
    throw std::logic_error("unknown wrap");
}

serializer_ptr<boost::json::value> document_serializer(format f)
{
    switch (f) {
    case format::json:
        return std::make_shared<serializers::json_serializer<>>(serializers::json_serializer_options{.limit = packet_limit});
    case format::msgpack:
        return std::make_shared<serializers::msgpack_serializer>(
            serializers::msgpack_serializer_options{.limit = packet_limit});
    case format::cbor:
        return std::make_shared<serializers::cbor_serializer>(serializers::cbor_serializer_options{.limit = packet_limit});
    default:
        throw std::logic_error("not a document format");
    }
}

constexpr std::array<std::string_view, 5> format_names{"raw", "line", "json", "msgpack", "cbor"};
constexpr std::array<std::string_view, 4> wrap_names{"none", "base64", "zlib", "bz2"};

template <class Enum, std::size_t N>
Enum parse_word(std::string_view text, const std::array<std::string_view, N>& names, std::string_view option)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == text)
            return static_cast<Enum>(i);
    }
    std::string choices;
    for (std::string_view name : names)
        choices += std::string(choices.empty() ? "" : ", ") + std::string(name);
    throw usage_error("invalid " + std::string(option) + " '" + std::string(text) + "' (choose from " + choices + ")");
}

const serializers::json_serializer<>& console_json()
{
    static const serializers::json_serializer<> instance(serializers::json_serializer_options{.limit = packet_limit});
    return instance;
}

} // namespace

format parse_format(std::string_view text) { return parse_word<format>(text, format_names, "--format"); }
wrap parse_wrap(std::string_view text) { return parse_word<wrap>(text, wrap_names, "--wrap"); }
std::string_view to_string(format f) noexcept { return format_names[static_cast<std::size_t>(f)]; }
std::string_view to_string(wrap w) noexcept { return wrap_names[static_cast<std::size_t>(w)]; }

namespace {

/// The line serializer of WIRE_FORMATS.md §0 (LF, UTF-8, 1 MiB).
serializer_ptr<std::string> line_serializer()
{
    return std::make_shared<const serializers::string_line_serializer>(serializers::string_line_options{
        .newline = serializers::line_separator::lf, .encoding = serializers::text_encoding::utf8, .limit = packet_limit});
}

} // namespace

echo_protocol make_echo_protocol(format f, wrap w)
{
    switch (f) {
    case format::raw:
        if (w == wrap::none)
            return chunk_protocol(std::make_shared<const raw_bytes_serializer>());
        return text_protocol(wrapped<std::string>(std::make_shared<const raw_bytes_serializer>(), w));
    case format::line:
        return text_protocol(wrapped<std::string>(line_serializer(), w));
    case format::json:
    case format::msgpack:
    case format::cbor:
        return document_protocol(wrapped<boost::json::value>(document_serializer(f), w));
    }
    throw std::logic_error("unknown format");
}

echo_datagram_protocol make_echo_datagram_protocol(format f, wrap w)
{
    switch (f) {
    case format::raw:
        return text_datagram_protocol(wrapped<std::string>(std::make_shared<const raw_bytes_serializer>(), w));
    case format::line:
        return text_datagram_protocol(wrapped<std::string>(line_serializer(), w));
    case format::json:
    case format::msgpack:
    case format::cbor:
        return document_datagram_protocol(wrapped<boost::json::value>(document_serializer(f), w));
    }
    throw std::logic_error("unknown format");
}

boost::json::value parse_document_line(std::string_view line)
{
    try {
        return console_json().deserialize(line);
    } catch (const easynet::deserialize_error& error) {
        throw std::runtime_error(std::string("not a JSON document: ") + error.what());
    }
}

std::string document_to_text(const boost::json::value& document) { return console_json().serialize(document); }

} // namespace easynet_echo
