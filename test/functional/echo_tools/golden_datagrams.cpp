//
// easynet-echo-server talks to an EasyNetwork peer over UDP: each datagram EasyNetwork
// 1.2.0 writes (test/data/wire-vectors, kind "datagram": the one-shot form, no framing) is
// sent over a real UDP socket and its echo compared byte for byte (none, base64), or
// decoded to the same packet (zlib, bz2, whose compressed bytes depend on the library
// version: WIRE_FORMATS.md §6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "golden_support.hpp"
#include "loopback_socket.hpp"
#include "tool_process.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

using namespace echo_tools_test;
namespace data = boost::unit_test::data;

namespace {

/// The packet of a compressed echo datagram, as compact JSON text (or the line itself).
std::string decode_compressed(const std::string& format, const std::string& wrap, const std::string& datagram)
{
    if (format == "line")
        return compressed<std::string>(golden_line_serializer(), wrap)->deserialize(datagram);
    return document_text(compressed<boost::json::value>(golden_document_serializer(format), wrap)->deserialize(datagram));
}

} // namespace

BOOST_AUTO_TEST_SUITE(golden_datagrams)

BOOST_DATA_TEST_CASE(echo_of_easynetwork_datagrams_matches, data::make(golden_formats) * data::make(golden_wraps), format, wrap)
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
