//
// Smoke tests of the tutorials in example/tutorials/: each server is started on
// 127.0.0.1 port 0, talked to over a real socket, then stopped with SIGTERM.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "../echo_tools/loopback_socket.hpp"
#include "../echo_tools/tool_process.hpp"

#include <boost/test/unit_test.hpp>

#include <csignal>

using namespace echo_tools_test;

namespace {

#ifdef EASYNET_EXAMPLE_ECHO_TCP_SERVER_PATH
const std::string echo_tcp_server_path = EASYNET_EXAMPLE_ECHO_TCP_SERVER_PATH;
const std::string echo_udp_server_path = EASYNET_EXAMPLE_ECHO_UDP_SERVER_PATH;
const std::string ftp_server_path = EASYNET_EXAMPLE_FTP_SERVER_PATH;
#else
const std::string echo_tcp_server_path = "easynet-example-echo-tcp-server";
const std::string echo_udp_server_path = "easynet-example-echo-udp-server";
const std::string ftp_server_path = "easynet-example-ftp-server";
#endif

/// The port of the first "Listening on 127.0.0.1:PORT" line (at most 20 s).
std::uint16_t wait_listening(tool_process& server)
{
    auto line = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(line.has_value(), "no output; stderr: " << server.err());
    BOOST_TEST_REQUIRE(line->rfind("Listening on 127.0.0.1:", 0) == 0, *line);
    return static_cast<std::uint16_t>(std::stoi(line->substr(line->rfind(':') + 1)));
}

/// SIGTERM ends the tutorial servers (default action, as Ctrl-C does).
void stop(tool_process& server)
{
    server.send_signal(SIGTERM);
    BOOST_TEST(server.wait(std::chrono::seconds(20)) == 128 + SIGTERM);
}

} // namespace

BOOST_AUTO_TEST_SUITE(tutorials)

BOOST_AUTO_TEST_CASE(echo_tcp_server_echoes_json_and_answers_parse_errors)
{
    tool_process server(echo_tcp_server_path, {"0", "127.0.0.1"});
    loopback_socket client = loopback_socket::connect(wait_listening(server));
    client.send("{\"command-line arguments\":[\"hello\",\"world\"]}\n");
    BOOST_TEST(client.recv_line() == "{\"command-line arguments\":[\"hello\",\"world\"]}\n");
    client.send("not json\n");
    BOOST_TEST(client.recv_line() == "{\"error\":\"Invalid JSON\",\"code\":\"parse_error\"}\n");
    client.send("[1,2]\n"); // the connection goes on after a parse error
    BOOST_TEST(client.recv_line() == "[1,2]\n");
    auto printed = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(printed.has_value());
    BOOST_TEST(printed->find(" sent {\"command-line arguments\":[\"hello\",\"world\"]}") != std::string::npos, *printed);
    stop(server);
}

BOOST_AUTO_TEST_CASE(echo_udp_server_echoes_json_datagrams_and_answers_parse_errors)
{
    tool_process server(echo_udp_server_path, {"0", "127.0.0.1"});
    loopback_datagram_socket client = loopback_datagram_socket::udp(wait_listening(server));
    client.send("{\"command-line arguments\":[\"hello\",\"world\"]}");
    BOOST_TEST(client.recv().value_or("<no answer>") == "{\"command-line arguments\":[\"hello\",\"world\"]}");
    client.send("not json");
    BOOST_TEST(client.recv().value_or("<no answer>") == "{\"error\":\"Invalid JSON\",\"code\":\"parse_error\"}");
    client.send("[1,2]");
    BOOST_TEST(client.recv().value_or("<no answer>") == "[1,2]");
    auto printed = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(printed.has_value());
    BOOST_TEST(printed->find(" sent {\"command-line arguments\":[\"hello\",\"world\"]}") != std::string::npos, *printed);
    stop(server);
}

BOOST_AUTO_TEST_CASE(ftp_server_answers_the_rfc_959_replies)
{
    tool_process server(ftp_server_path, {"0", "127.0.0.1"});
    loopback_socket client = loopback_socket::connect(wait_listening(server));
    BOOST_TEST(client.recv_line() == "220 Service ready for new user.\r\n");
    client.send("noop\r\n");
    BOOST_TEST(client.recv_line() == "200 Command okay.\r\n");
    client.send("STOR file.txt\r\n");
    BOOST_TEST(client.recv_line() == "502 Command not implemented.\r\n");
    client.send("hello world\r\n");
    BOOST_TEST(client.recv_line() == "500 Syntax error, command unrecognized.\r\n");
    client.send("QUIT\r\n");
    BOOST_TEST(client.recv_line() == "221 Service closing control connection.\r\n");
    BOOST_TEST(client.recv_line() == ""); // closed by the server
    stop(server);
}

BOOST_AUTO_TEST_CASE(ftp_server_says_421_when_the_client_leaves)
{
    tool_process server(ftp_server_path, {"0", "127.0.0.1"});
    loopback_socket client = loopback_socket::connect(wait_listening(server));
    BOOST_TEST(client.recv_line() == "220 Service ready for new user.\r\n");
    client.shutdown_write(); // end of stream without QUIT
    BOOST_TEST(client.recv_line() == "421 Service not available, closing control connection.\r\n");
    stop(server);
}

BOOST_AUTO_TEST_SUITE_END()
