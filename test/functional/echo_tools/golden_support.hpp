//
// What the golden-bytes tests of the echo tools share (golden_bytes.cpp over TCP,
// golden_datagrams.cpp over UDP): the vector sets, the wrapped serializers used to decode
// compressed echoes, and a vector's packet as text. Not a test suite (a header).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_GOLDEN_SUPPORT_HPP
#define EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_GOLDEN_SUPPORT_HPP

#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/wrapper.hpp>
#include <easynet_test/wire_vectors.hpp>

#include <memory>
#include <string>
#include <vector>

namespace echo_tools_test {

/// The formats and wraps of the wire-vector sets (raw has none).
inline const std::vector<std::string> golden_formats{"line", "json", "msgpack", "cbor"};
inline const std::vector<std::string> golden_wraps{"none", "base64", "zlib", "bz2"};

/// `inner` wrapped by the compressor named `wrap` ("zlib" or "bz2").
template <class Packet>
std::shared_ptr<const easynet::serializers::incremental_packet_serializer<Packet>> compressed(
    std::shared_ptr<const easynet::serializers::packet_serializer<Packet>> inner, const std::string& wrap)
{
    namespace wrapper = easynet::serializers::wrapper;
    if (wrap == "zlib")
        return std::make_shared<wrapper::zlib_compressor_serializer<Packet>>(inner);
    return std::make_shared<wrapper::bz2_compressor_serializer<Packet>>(inner);
}

/// The line serializer of the echo tools (UTF-8, 1 MiB).
inline std::shared_ptr<const easynet::serializers::string_line_serializer> golden_line_serializer()
{
    return std::make_shared<const easynet::serializers::string_line_serializer>(easynet::serializers::string_line_options{
        .encoding = easynet::serializers::text_encoding::utf8, .limit = 1 << 20});
}

/// The document serializer of `format` ("json", "msgpack" or "cbor").
inline std::shared_ptr<const easynet::serializers::packet_serializer<boost::json::value>> golden_document_serializer(
    const std::string& format)
{
    if (format == "json")
        return std::make_shared<const easynet::serializers::json_serializer<>>();
    if (format == "msgpack")
        return std::make_shared<const easynet::serializers::msgpack_serializer>();
    return std::make_shared<const easynet::serializers::cbor_serializer>();
}

/// A document as compact JSON text.
inline std::string document_text(const boost::json::value& document)
{
    return easynet::serializers::json_serializer<>().serialize(document);
}

/// The packet of vector `v` as text: the line itself, or its document as compact JSON.
inline std::string vector_text(const easynet_test::wire_vector& v)
{
    if (v.format == "line")
        return std::string(v.value.as_string());
    return document_text(v.value);
}

} // namespace echo_tools_test

#endif
