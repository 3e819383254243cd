//
// easynet-echo-server: clean exit 0 on SIGTERM/SIGINT (with clients connected), no echo
// for an undecodable packet or datagram while the server goes on serving, 65,507-byte UDP
// datagrams, the Unix datagram socket file, bad command lines, a Unix socket path already
// taken.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "loopback_socket.hpp"
#include "tool_process.hpp"

#include <boost/test/unit_test.hpp>

#include <easynet_test/network.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>

using namespace echo_tools_test;

namespace {

std::uint16_t port_of(const echo_server& server) { return static_cast<std::uint16_t>(std::stoi(server.port())); }

} // namespace

BOOST_AUTO_TEST_SUITE(server_lifecycle)

BOOST_AUTO_TEST_CASE(sigterm_with_a_connected_client_exits_0)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "line"});
    loopback_socket client = loopback_socket::connect(port_of(server));
    client.send("ping\n");
    BOOST_TEST(client.recv_line() == "ping\n"); // the connection is being served
    BOOST_TEST(server.stop(SIGTERM) == 0);
    BOOST_TEST(client.recv_line() == ""); // the server closed it
}

BOOST_AUTO_TEST_CASE(sigint_exits_0)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "json", "--threads", "2"});
    BOOST_TEST(server.address().rfind("127.0.0.1:", 0) == 0);
    BOOST_TEST(server.stop(SIGINT) == 0);
}

BOOST_AUTO_TEST_CASE(undecodable_json_gets_no_echo_and_the_next_packet_does)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "json"});
    loopback_socket first = loopback_socket::connect(port_of(server));
    first.send("{not json\n\n{\"ok\":1}\n");
    // The first bytes back are the echo of the valid document: nothing came for the two bad lines.
    BOOST_TEST(first.recv_line() == "{\"ok\":1}\n");

    loopback_socket second = loopback_socket::connect(port_of(server));
    second.send("[1,2]\n");
    BOOST_TEST(second.recv_line() == "[1,2]\n");
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(invalid_msgpack_then_valid_on_another_connection)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "msgpack"});
    loopback_socket bad = loopback_socket::connect(port_of(server));
    bad.send("\xc1");
    loopback_socket good = loopback_socket::connect(port_of(server));
    using namespace std::string_literals;
    const std::string packet = "\x81\xa1k\x94\x01\xcb\x40\x04\x00\x00\x00\x00\x00\x00\xc0\xa2\xc3\xa9"s;
    good.send(packet);
    BOOST_TEST(good.recv_exactly(packet.size()) == packet);
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(line_longer_than_1_mib_gets_no_echo_and_others_are_served)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "line"});
    loopback_socket flooder = loopback_socket::connect(port_of(server));
    flooder.send(std::string(3 * 1024 * 1024, 'x')); // no newline: a limit overrun, no echo
    loopback_socket other = loopback_socket::connect(port_of(server));
    other.send("still here\n");
    BOOST_TEST(other.recv_line() == "still here\n");
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(unix_stream_socket_path_in_use_is_an_error)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "taken.sock").string();
    std::ofstream(path) << "someone else's file";
    process_result result =
        run_tool(server_path, {"--transport", "unix-stream", "--path", path, "--format", "line"});
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err.find("easynet-echo-server: error:") == 0, result.err);
    BOOST_TEST(std::filesystem::exists(path)); // not removed: it is not the server's
}

BOOST_AUTO_TEST_CASE(undecodable_datagram_gets_no_echo_and_the_next_datagram_does)
{
    echo_server server({"--transport", "udp", "--port", "0", "--format", "json"});
    loopback_datagram_socket client = loopback_datagram_socket::udp(port_of(server));
    client.send("{not json");
    client.send("");
    client.send("{\"ok\":1}");
    // The first datagram back is the echo of the valid document: nothing came for the two bad ones.
    BOOST_TEST(client.recv().value_or("<no echo>") == "{\"ok\":1}");

    loopback_datagram_socket other = loopback_datagram_socket::udp(port_of(server));
    other.send("[1,2]");
    BOOST_TEST(other.recv().value_or("<no echo>") == "[1,2]");
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(udp_raw_echo_of_a_65507_byte_datagram)
{
    echo_server server({"--transport", "udp", "--port", "0", "--format", "raw"});
    loopback_datagram_socket client = loopback_datagram_socket::udp(port_of(server));
    std::string big(65507, 'x');
    for (std::size_t i = 0; i < big.size(); i += 97)
        big[i] = static_cast<char>('a' + i % 26);
    client.send(big);
    const auto echo = client.recv();
    BOOST_TEST_REQUIRE(echo.has_value());
    BOOST_TEST(echo->size() == big.size());
    BOOST_TEST((*echo == big));
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(unix_dgram_server_serves_and_removes_its_socket_file)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "echo-dgram.sock").string();
    {
        echo_server server({"--transport", "unix-dgram", "--path", path, "--format", "line", "--threads", "2"});
        BOOST_TEST(server.address() == path);
        BOOST_TEST(std::filesystem::exists(path));
        loopback_datagram_socket client = loopback_datagram_socket::unix_path(path);
        client.send("h\xc3\xa9llo");
        BOOST_TEST(client.recv().value_or("<no echo>") == "h\xc3\xa9llo");
        BOOST_TEST(server.stop(SIGINT) == 0);
    }
    BOOST_TEST(!std::filesystem::exists(path));
}

BOOST_AUTO_TEST_CASE(bad_command_lines_exit_2_with_a_message)
{
    struct bad {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<bad> cases{
        {{"--format", "json"}, "the option --transport is required"},
        {{"--transport", "tcp"}, "the option --format is required"},
        {{"--transport", "tcp", "--format", "xml"}, "invalid --format 'xml'"},
        {{"--transport", "tcp", "--format", "json", "--wrap", "gzip"}, "invalid --wrap 'gzip'"},
        {{"--transport", "sctp", "--format", "json"}, "invalid --transport 'sctp'"},
        {{"--transport", "tcp", "--format", "json", "--port", "70000"}, "invalid value for --port"},
        {{"--transport", "tcp", "--format", "json", "--tls"}, "--tls needs --cert and --key"},
        {{"--transport", "unix-stream", "--format", "json"}, "--transport unix-stream needs --path"},
        {{"--transport", "tcp", "--format", "json", "--threads", "0"}, "invalid value for --threads"},
        {{"--transport", "tcp", "--format", "json", "--bogus"}, "unrecognized argument '--bogus'"},
    };
    for (const auto& c : cases) {
        process_result result = run_tool(server_path, c.args);
        BOOST_TEST(result.exit_code == 2, c.message);
        BOOST_TEST(result.err.find("easynet-echo-server: error: " + c.message) == 0, result.err);
    }
}

BOOST_AUTO_TEST_SUITE_END()
