//
// easynet-echo-server talks to an EasyNetwork peer over UDP: each datagram EasyNetwork
// 1.2.0 writes (test/data/wire-vectors, kind "datagram": the one-shot form, no framing) is
// sent over a real UDP socket and its echo compared byte for byte (none, base64), or
// decoded to the same packet (zlib, bz2, whose compressed bytes depend on the library
// version: WIRE_FORMATS.md §6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "loopback_socket.hpp"
#include "tool_process.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/wrapper.hpp>
#include <easynet_test/wire_vectors.hpp>

using namespace echo_tools_test;
namespace data = boost::unit_test::data;
namespace serializers = easynet::serializers;

namespace {

template <class Packet>
std::shared_ptr<const serializers::packet_serializer<Packet>> with_wrap(
    std::shared_ptr<const serializers::packet_serializer<Packet>> inner, const std::string& wrap)
{
    if (wrap == "zlib")
        return std::make_shared<serializers::wrapper::zlib_compressor_serializer<Packet>>(inner);
    return std::make_shared<serializers::wrapper::bz2_compressor_serializer<Packet>>(inner);
}

/// The packet of a compressed echo datagram, as compact JSON text (or the line itself).
std::string decode_compressed(const std::string& format, const std::string& wrap, const std::string& datagram)
{
    if (format == "line") {
        auto inner = std::make_shared<const serializers::string_line_serializer>(
            serializers::string_line_options{.encoding = serializers::text_encoding::utf8, .limit = 1 << 20});
        return with_wrap<std::string>(inner, wrap)->deserialize(datagram);
    }
    std::shared_ptr<const serializers::packet_serializer<boost::json::value>> inner;
    if (format == "json")
        inner = std::make_shared<const serializers::json_serializer<>>();
    else if (format == "msgpack")
        inner = std::make_shared<const serializers::msgpack_serializer>();
    else
        inner = std::make_shared<const serializers::cbor_serializer>();
    return serializers::json_serializer<>().serialize(with_wrap<boost::json::value>(inner, wrap)->deserialize(datagram));
}

std::string vector_text(const easynet_test::wire_vector& v)
{
    if (v.format == "line")
        return std::string(v.value.as_string());
    return serializers::json_serializer<>().serialize(v.value);
}

const std::vector<std::string> formats{"line", "json", "msgpack", "cbor"};
const std::vector<std::string> wraps{"none", "base64", "zlib", "bz2"};

} // namespace

BOOST_AUTO_TEST_SUITE(golden_datagrams)

BOOST_DATA_TEST_CASE(echo_of_easynetwork_datagrams_matches, data::make(formats) * data::make(wraps), format, wrap)
{
    const auto vectors = easynet_test::load_wire_vectors(format, wrap, "datagram");
    BOOST_TEST_REQUIRE(!vectors.empty());

    echo_server server({"--transport", "udp", "--host", "127.0.0.1", "--port", "0", "--format", format, "--wrap", wrap});
    loopback_datagram_socket socket = loopback_datagram_socket::udp(static_cast<std::uint16_t>(std::stoi(server.port())));
    for (const auto& v : vectors) {
        socket.send(v.bytes);
        const std::optional<std::string> echo = socket.recv();
        BOOST_TEST_REQUIRE(echo.has_value(), "no echo for vector line " << v.line);
        if (wrap == "none" || wrap == "base64")
            BOOST_TEST((*echo == v.bytes), "the echo differs from the EasyNetwork datagram, vector line " << v.line);
        else
            BOOST_TEST(decode_compressed(format, wrap, *echo) == vector_text(v), "vector line " << v.line);
    }
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
