//
// easynet-echo-server talks to an EasyNetwork peer: the golden bytes EasyNetwork 1.2.0
// writes (test/data/wire-vectors, kind "stream") are sent over a real TCP socket, all
// vectors of one format × wrap pipelined on one connection, and the echo is compared byte
// for byte (none, base64), or decoded to the same packets (zlib, bz2, whose compressed
// bytes depend on the library version: WIRE_FORMATS.md §6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "golden_support.hpp"
#include "loopback_socket.hpp"
#include "tool_process.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <thread>

using namespace echo_tools_test;
namespace data = boost::unit_test::data;

namespace {

/// Writes `bytes` to 127.0.0.1:`port` (from another thread), half-closes, and returns
/// everything received until the server closes (at most 20 s per read).
std::string exchange(std::uint16_t port, const std::string& bytes)
{
    loopback_socket socket = loopback_socket::connect(port);
    std::thread writer([&] {
        try {
            socket.send(bytes);
        } catch (const std::exception&) {
        }
        socket.shutdown_write();
    });
    std::string received = socket.recv_exactly(std::string::npos);
    writer.join();
    return received;
}

/// The packets of a compressed echo stream, each as compact JSON text (or the line itself).
std::vector<std::string> decode_compressed(const std::string& format, const std::string& wrap, std::string stream)
{
    std::vector<std::string> packets;
    auto drain = [&](const auto& serializer, auto to_text) {
        auto deserializer = serializer->make_incremental_deserializer();
        while (!stream.empty()) {
            std::size_t consumed = 0;
            auto packet = deserializer->try_parse(stream, consumed);
            stream.erase(0, consumed);
            if (!packet) {
                if (consumed == 0)
                    break;
                continue;
            }
            packets.push_back(to_text(*packet));
            deserializer = serializer->make_incremental_deserializer();
        }
    };
    if (format == "line") {
        drain(compressed<std::string>(golden_line_serializer(), wrap), [](const std::string& s) { return s; });
        return packets;
    }
    drain(compressed<boost::json::value>(golden_document_serializer(format), wrap), document_text);
    return packets;
}

} // namespace

BOOST_AUTO_TEST_SUITE(golden_bytes)

BOOST_DATA_TEST_CASE(echo_of_easynetwork_stream_bytes_matches, data::make(golden_formats) * data::make(golden_wraps), format, wrap)
{
    const auto vectors = easynet_test::load_wire_vectors(format, wrap, "stream");
    BOOST_TEST_REQUIRE(!vectors.empty());
    std::string sent;
    for (const auto& v : vectors)
        sent += v.bytes;

    echo_server server({"--transport", "tcp", "--host", "127.0.0.1", "--port", "0", "--format", format, "--wrap", wrap});
    const std::string echo = exchange(static_cast<std::uint16_t>(std::stoi(server.port())), sent);

    if (wrap == "none" || wrap == "base64") {
        BOOST_TEST(echo.size() == sent.size());
        BOOST_TEST((echo == sent), "the echo differs from the EasyNetwork bytes");
    } else {
        const auto packets = decode_compressed(format, wrap, echo);
        BOOST_TEST_REQUIRE(packets.size() == vectors.size());
        for (std::size_t i = 0; i < vectors.size(); ++i)
            BOOST_TEST(packets[i] == vector_text(vectors[i]), "vector line " << vectors[i].line);
    }
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
