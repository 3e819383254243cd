//
// easynet-echo-client: exit codes and messages. 0 at the end of input; 1 with a message
// for a refused connection (TCP, UDP: ICMP port unreachable), a line that is not JSON, a
// missing echo, a server that closes; 2 for a bad command line.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "loopback_socket.hpp"
#include "tool_process.hpp"

#include <boost/test/unit_test.hpp>

#include <thread>

using namespace echo_tools_test;

BOOST_AUTO_TEST_SUITE(client_errors)

BOOST_AUTO_TEST_CASE(empty_input_exits_0)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "cbor"});
    process_result result = run_tool(client_path, {"--transport", "tcp", "--port", server.port(), "--format", "cbor"});
    BOOST_TEST(result.exit_code == 0);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err == "");
}

BOOST_AUTO_TEST_CASE(refused_connection_exits_1)
{
    std::uint16_t port = 0;
    {
        loopback_listener closed_soon;
        port = closed_soon.port();
    }
    process_result result = run_tool(client_path, {"--transport", "tcp", "--port", std::to_string(port), "--format", "json"},
                                     "1\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error: cannot connect: ") == 0, result.err);
    BOOST_TEST(result.err.find("refused") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(missing_unix_socket_exits_1)
{
    process_result result = run_tool(
        client_path, {"--transport", "unix-stream", "--path", "/nonexistent/echo.sock", "--format", "line"}, "x\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error: cannot connect: ") == 0, result.err);
}

BOOST_AUTO_TEST_CASE(line_that_is_not_json_exits_1_after_the_previous_echoes)
{
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "json"});
    process_result result = run_tool(client_path, {"--transport", "tcp", "--port", server.port(), "--format", "json"},
                                     "{\"a\": 1}\n{oops\n[2]\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "{\"a\":1}\n");
    BOOST_TEST(result.err.find("easynet-echo-client: error: input line 2: not a JSON document") == 0, result.err);
}

BOOST_AUTO_TEST_CASE(no_echo_within_the_timeout_exits_1)
{
    // A line client talking to a JSON server: "hello" is no JSON, so the server stays silent.
    echo_server server({"--transport", "tcp", "--port", "0", "--format", "json"});
    process_result result = run_tool(
        client_path, {"--transport", "tcp", "--port", server.port(), "--format", "line", "--timeout", "0.5"}, "hello\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error: no echo for input line 1 within") == 0, result.err);
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(server_closing_the_connection_exits_1)
{
    loopback_listener listener;
    tool_process client(client_path,
                        {"--transport", "tcp", "--port", std::to_string(listener.port()), "--format", "line"});
    std::string received;
    std::thread server([&] {
        loopback_socket peer = listener.accept();
        received = peer.recv_line(); // read the packet, then close without answering
    });
    process_result result = client.finish("hello\n");
    server.join();
    BOOST_TEST(received == "hello\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error: the server closed the connection") == 0, result.err);
}

BOOST_AUTO_TEST_CASE(bad_command_lines_exit_2)
{
    struct bad {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<bad> cases{
        {{"--transport", "tcp", "--format", "json"}, "--transport tcp needs --port"},
        {{"--transport", "tcp", "--port", "1", "--format", "json", "--cert", "x"}, "unrecognized argument '--cert'"},
        {{"--transport", "tcp", "--port", "1", "--format", "json", "--cafile", "x"}, "--cafile needs --tls"},
        {{"--transport", "unix-stream", "--path", "/tmp/x", "--format", "json", "--tls"},
         "--tls is only available with --transport tcp"},
        {{"--transport", "tcp", "--port", "1", "--format", "json", "--timeout", "soon"}, "invalid value for --timeout"},
        {{"--transport", "tcp", "--port"}, "option --port expects a value"},
    };
    for (const auto& c : cases) {
        process_result result = run_tool(client_path, c.args);
        BOOST_TEST(result.exit_code == 2, c.message);
        BOOST_TEST(result.err.find("easynet-echo-client: error: " + c.message) == 0, result.err);
    }
}

BOOST_AUTO_TEST_CASE(udp_without_a_server_exits_1_with_connection_refused)
{
    // A port nobody listens on: the ICMP port unreachable surfaces as "connection refused"
    // (C6), on the send or on the wait for the echo.
    std::uint16_t port = 0;
    {
        int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = loopback_socket::loopback(0);
        ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
        socklen_t length = sizeof address;
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
        ::close(fd); // the port is free again
    }
    process_result result = run_tool(
        client_path, {"--transport", "udp", "--port", std::to_string(port), "--format", "line", "--timeout", "5"},
        "hello\nworld\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.out == "");
    BOOST_TEST(result.err.find("easynet-echo-client: error:") == 0, result.err);
    BOOST_TEST(result.err.find("Connection refused") != std::string::npos, result.err);
}

BOOST_AUTO_TEST_CASE(udp_datagram_without_echo_exits_1_after_the_timeout)
{
    // A line client talking to a JSON server: "hello" is no JSON, so the server stays silent.
    echo_server server({"--transport", "udp", "--port", "0", "--format", "json"});
    process_result result = run_tool(
        client_path, {"--transport", "udp", "--port", server.port(), "--format", "line", "--timeout", "0.5"},
        "hello\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error: no echo for input line 1 within") == 0, result.err);
    BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(missing_unix_datagram_socket_exits_1)
{
    process_result result = run_tool(
        client_path, {"--transport", "unix-dgram", "--path", "/nonexistent/echo.sock", "--format", "json"}, "1\n");
    BOOST_TEST(result.exit_code == 1);
    BOOST_TEST(result.err.find("easynet-echo-client: error:") == 0, result.err);
}

BOOST_AUTO_TEST_SUITE_END()
