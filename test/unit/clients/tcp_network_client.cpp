#include <easynet/clients/tcp_network_client.hpp>

#include "client_test_support.hpp"

#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/tcp.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

using namespace clients_test;
using client_type = clients::tcp_network_client<std::string>;
using seconds = client_type::seconds;

namespace {

/// A client connected to `server`, and the server's side of the connection.
struct connection {
    client_type client;
    int peer;
    connection(const tcp_listener& server, const clients::tcp_client_options& options = {})
        : client("127.0.0.1", server.port(), line_protocol(), options), peer(server.accept())
    {
    }
    ~connection() { ::close(peer); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_network_client)

BOOST_AUTO_TEST_CASE(constructor_connects_and_packets_round_trip_Y1)
{
    tcp_listener server;
    connection c(server, {.connect_timeout = 5s});
    BOOST_TEST(!c.client.is_closed());
    c.client.send_packet("hello", 1s);
    BOOST_TEST(read_exactly(c.peer, 6) == "hello\n");
    write_all(c.peer, "world\n");
    BOOST_TEST(c.client.recv_packet(5s) == "world");
    BOOST_TEST(c.client.get_remote_address().as_inet().port() == server.port());
    BOOST_TEST(c.client.get_local_address().as_inet().address().to_string() == "127.0.0.1");
    BOOST_TEST(c.client.socket().get_option(IPPROTO_TCP, TCP_NODELAY) != 0); // C11
    BOOST_TEST(c.client.socket().get_option(SOL_SOCKET, SO_KEEPALIVE) != 0);
}

BOOST_AUTO_TEST_CASE(localhost_tries_every_address_Y1)
{
    tcp_listener server; // IPv4 only: an IPv6 entry of "localhost" is refused first
    client_type client("localhost", server.port(), line_protocol(), {.connect_timeout = 5s});
    BOOST_TEST(client.get_remote_address().family() == AF_INET);
    ::close(server.accept());
}

BOOST_AUTO_TEST_CASE(every_failure_is_aggregated_in_an_exception_group_Y1)
{
    std::uint16_t port = 0;
    {
        tcp_listener closed;
        port = closed.port();
    }
    try {
        client_type client("127.0.0.1", port, line_protocol());
        BOOST_FAIL("connected to a closed port");
    } catch (const easynet::exception_group& group) {
        BOOST_TEST(group.message() == "create_connection() failed");
        BOOST_REQUIRE(group.exceptions().size() == 1u);
        BOOST_TEST(error_of([&] { std::rethrow_exception(group.exceptions()[0]); }) == ECONNREFUSED);
    }
}

BOOST_AUTO_TEST_CASE(local_address_is_bound_before_connecting_Y1)
{
    tcp_listener server;
    connection c(server, {.local_address = easynet::lowlevel::api_async::backend::host_and_port{"127.0.0.1", 0}});
    BOOST_TEST(c.client.get_local_address().as_inet().address().to_string() == "127.0.0.1");
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), line_protocol(),
                                  {.local_address = easynet::lowlevel::api_async::backend::host_and_port{"::1", 0}}),
                      easynet::exception_group);
}

BOOST_AUTO_TEST_CASE(zero_timeout_keeps_the_partial_packet_item39_Y2)
{
    tcp_listener server;
    connection c(server);
    write_all(c.peer, "E\nF\nG\nH\nI");
    for (const char* expected : {"E", "F", "G", "H"})
        BOOST_TEST(c.client.recv_packet(5s) == expected);
    BOOST_CHECK_THROW(c.client.recv_packet(seconds{0}), easynet::timeout_error);
    write_all(c.peer, "J\n");
    BOOST_TEST(c.client.recv_packet(5s) == "IJ");
}

BOOST_AUTO_TEST_CASE(zero_timeout_then_blocking_recv_item40_Y2)
{
    tcp_listener server;
    connection c(server);
    write_all(c.peer, "ABC");
    try {
        c.client.recv_packet(seconds{0});
        BOOST_FAIL("no timeout");
    } catch (const easynet::timeout_error& e) {
        BOOST_TEST(e.code().value() == ETIMEDOUT);
    }
    write_all(c.peer, "DEF\n");
    BOOST_TEST(c.client.recv_packet() == "ABCDEF");
}

BOOST_AUTO_TEST_CASE(finite_timeout_expires_and_invalid_timeouts_are_refused_Y2)
{
    tcp_listener server;
    connection c(server);
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(c.client.recv_packet(200ms), easynet::timeout_error);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(elapsed >= 0.15);
    BOOST_TEST(elapsed < 5.0);
    BOOST_CHECK_THROW(c.client.recv_packet(seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(c.client.send_packet("x", seconds{NAN}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(closed_client_fileno_and_errors_Y5)
{
    tcp_listener server;
    connection c(server);
    BOOST_TEST(c.client.fileno() >= 0);
    c.client.close();
    c.client.close(); // idempotent
    BOOST_TEST(c.client.is_closed());
    BOOST_TEST(c.client.fileno() == -1);
    BOOST_TEST(message_of<easynet::client_closed_error>([&] { c.client.send_packet("x"); }) == "Closed client");
    BOOST_TEST(message_of<easynet::client_closed_error>([&] { c.client.recv_packet(); }) == "Closed client");
    BOOST_TEST(message_of<easynet::client_closed_error>([&] { c.client.get_local_address(); }) == "Closed client");
    c.client.send_eof(); // no-op
    BOOST_TEST(read_exactly(c.peer, 10).empty()); // the server saw the close
}

BOOST_AUTO_TEST_CASE(end_of_stream_is_sticky_and_sending_still_works_C7)
{
    tcp_listener server;
    connection c(server);
    write_all(c.peer, "A\nB");
    ::shutdown(c.peer, SHUT_WR);
    BOOST_TEST(c.client.recv_packet(5s) == "A");
    BOOST_TEST(error_of([&] { c.client.recv_packet(5s); }) == ECONNABORTED);
    BOOST_TEST(error_of([&] { c.client.recv_packet(5s); }) == ECONNABORTED);
    c.client.send_packet("still", 1s);
    BOOST_TEST(read_exactly(c.peer, 6) == "still\n");
}

BOOST_AUTO_TEST_CASE(connection_reset_becomes_connection_aborted_Y5)
{
    tcp_listener server;
    client_type client("127.0.0.1", server.port(), line_protocol());
    close_with_reset(server.accept());
    BOOST_TEST(error_of([&] { client.recv_packet(5s); }) == ECONNABORTED);
}

BOOST_AUTO_TEST_CASE(send_eof_then_send_raises_runtime_error_C9)
{
    tcp_listener server;
    connection c(server);
    c.client.send_packet("bye");
    c.client.send_eof();
    c.client.send_eof();
    BOOST_TEST(read_exactly(c.peer, 100) == "bye\n");
    BOOST_TEST(message_of<std::runtime_error>([&] { c.client.send_packet("x"); }) ==
               "send_eof() has been called earlier");
    write_all(c.peer, "still\n");
    BOOST_TEST(c.client.recv_packet(5s) == "still");
}

BOOST_AUTO_TEST_CASE(iter_received_packets_C10)
{
    tcp_listener server;
    connection c(server);
    write_all(c.peer, "A\nB\nC\nD\nE\nF");
    BOOST_TEST(c.client.recv_packet(5s) == "A"); // the rest is buffered now
    std::vector<std::string> immediate;
    for (const std::string& packet : c.client.iter_received_packets())
        immediate.push_back(packet);
    BOOST_TEST(immediate == (std::vector<std::string>{"B", "C", "D", "E"}), boost::test_tools::per_element());
    ::shutdown(c.peer, SHUT_WR);
    std::vector<std::string> rest;
    for (const std::string& packet : c.client.iter_received_packets(client_type::seconds{INFINITY}))
        rest.push_back(packet);
    BOOST_TEST(rest.empty()); // "F" is dropped at end of stream
}

BOOST_AUTO_TEST_CASE(adopted_socket_checks_C2)
{
    check_adoption_refusals<client_type>(AF_INET, AF_UNIX, "Only these families are supported: AF_INET, AF_INET6");
    tcp_listener server;
    client_type adopted(connect_raw(server.port()), line_protocol());
    int peer = server.accept();
    adopted.send_packet("adopted", 1s);
    BOOST_TEST(read_exactly(peer, 8) == "adopted\n");
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(invalid_options_are_refused)
{
    tcp_listener server;
    BOOST_TEST(message_of<std::invalid_argument>([&] {
                   client_type c("127.0.0.1", server.port(), line_protocol(), {.max_recv_size = 0});
               }) == "'max_recv_size' must be a strictly positive integer");
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), line_protocol(), {.retry_interval = seconds{0}}),
                      std::invalid_argument);
    while (server.has_pending())
        ::close(server.accept());
}

BOOST_AUTO_TEST_CASE(connects_to_ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    tcp_listener server(AF_INET6);
    client_type client("::1", server.port(), line_protocol());
    BOOST_TEST(client.get_remote_address().family() == AF_INET6);
    ::close(server.accept());
}

BOOST_AUTO_TEST_CASE(connect_timeout_expires_on_a_listener_with_a_full_backlog_Y1)
{
    tcp_listener server(AF_INET, 0);
    server.fill_backlog(); // a new SYN is dropped: the connection never completes
    const auto start = std::chrono::steady_clock::now();
    try {
        client_type client("127.0.0.1", server.port(), line_protocol(), {.connect_timeout = 300ms});
        BOOST_FAIL("connected to a full backlog");
    } catch (const easynet::exception_group& group) {
        BOOST_TEST(group.message() == "create_connection() failed");
        BOOST_REQUIRE(group.exceptions().size() == 1u);
        BOOST_CHECK_THROW(std::rethrow_exception(group.exceptions()[0]), easynet::timeout_error);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(elapsed >= 0.25);
    BOOST_TEST(elapsed < 5.0);
}

BOOST_AUTO_TEST_CASE(send_raises_the_error_left_pending_in_so_error_C6)
{
    if (!pending_error_premise_holds())
        return;
    tcp_listener server;
    client_type client("127.0.0.1", server.port(), line_protocol());
    ::close(server.accept());
    // The bytes are sent, the peer's RST comes back while send() runs and is left in
    // SO_ERROR: this very send_packet raises it (as a connection error, Y5).
    BOOST_TEST(error_of([&] { client.send_packet("first", 1s); }) == ECONNABORTED);
}

BOOST_AUTO_TEST_CASE(options_are_validated_before_connecting_C1)
{
    tcp_listener server;
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), line_protocol(), {.server_hostname = "x"}),
                      std::invalid_argument);
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), line_protocol(), {.max_recv_size = 0}),
                      std::invalid_argument);
    BOOST_TEST(!server.has_pending(100)); // no connection was attempted
}

BOOST_AUTO_TEST_SUITE_END()
