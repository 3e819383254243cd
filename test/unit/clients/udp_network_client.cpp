#include <easynet/clients/udp_network_client.hpp>

#include "datagram_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::udp_network_client<std::string>;
using seconds = lowlevel::api_sync::transports::seconds;

namespace {

double elapsed_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

BOOST_AUTO_TEST_SUITE(udp_network_client)

BOOST_AUTO_TEST_CASE(constructor_connects_then_datagrams_both_ways_Y1_C11)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol());
    const auto local = client.get_local_address();
    BOOST_TEST(local.as_inet().port() != 0); // C11: bound
    BOOST_TEST(client.get_remote_address().as_inet().port() == server.port());
    BOOST_TEST(client.fileno() >= 0);
    BOOST_TEST(client.socket().fileno() == client.fileno());

    client.send_packet("hello", 1s);
    const auto request = server.recv_from();
    BOOST_TEST(request.data == "hello");
    BOOST_TEST(port_of(request) == local.as_inet().port());
    server.send_to(request, "world\n");
    BOOST_TEST(client.recv_packet(5s) == "world");
    client.close();
}

BOOST_AUTO_TEST_CASE(server_socket_closed_then_send_twice_raises_connection_refused_item43_C6)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol());
    server.close();
    const int first = error_of([&] { client.send_packet("ping"); });
    const int second = error_of([&] { client.send_packet("ping"); });
    BOOST_TEST((first == 0 || first == ECONNREFUSED));
    BOOST_TEST(second == ECONNREFUSED); // not mapped to ECONNABORTED
    BOOST_TEST(!client.is_closed());
}

BOOST_AUTO_TEST_CASE(timeouts_zero_is_one_attempt_expiry_raises_timeout_error_Y2)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
    BOOST_CHECK_THROW(client.recv_packet(seconds{0}), easynet::timeout_error);
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(client.recv_packet(200ms), easynet::timeout_error);
    const double elapsed = elapsed_since(start);
    BOOST_TEST(elapsed >= 0.15);
    BOOST_TEST(elapsed < 5.0);
    BOOST_CHECK_THROW(client.recv_packet(seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(client.send_packet("x", seconds{NAN}), std::invalid_argument);

    client.send_packet("hi");
    const auto request = server.recv_from();
    server.send_to(request, "ready");
    // A datagram already queued is read by a zero-timeout attempt.
    pollfd queued{client.fileno(), POLLIN, 0};
    BOOST_REQUIRE(::poll(&queued, 1, 5000) == 1);
    BOOST_TEST(client.recv_packet(seconds{0}) == "ready");
}

BOOST_AUTO_TEST_CASE(invalid_datagram_raises_parse_error_and_the_next_one_is_received_C8)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
    client.send_packet("hi");
    const auto request = server.recv_from();
    server.send_to(request, "bad");
    server.send_to(request, "good");
    BOOST_CHECK_THROW(client.recv_packet(5s), easynet::datagram_protocol_parse_error);
    BOOST_TEST(client.recv_packet(5s) == "good");
    BOOST_TEST(message_of<easynet::protocol_crash_error>([&] { client.send_packet("crash"); }) ==
               "protocol.make_datagram() crashed");
    BOOST_TEST(!server.has_pending(50));
}

BOOST_AUTO_TEST_CASE(iter_received_packets_yields_what_arrived_then_ends_C10)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
    client.send_packet("hi");
    const auto request = server.recv_from();
    for (const char* packet : {"A", "B", "C"})
        server.send_to(request, packet);
    std::vector<std::string> packets;
    for (const std::string& packet : client.iter_received_packets(1s))
        packets.push_back(packet);
    BOOST_TEST(packets == (std::vector<std::string>{"A", "B", "C"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(closed_client_Y5)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol());
    client.close();
    client.close(); // idempotent
    BOOST_TEST(client.is_closed());
    BOOST_TEST(client.fileno() == -1);
    BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.send_packet("x"); }) == "Closed client");
    BOOST_CHECK_THROW(client.recv_packet(), easynet::client_closed_error);
    BOOST_CHECK_THROW(client.get_local_address(), easynet::client_closed_error);
    BOOST_TEST(!client.iter_received_packets().next());
}

BOOST_AUTO_TEST_CASE(creation_failures_are_grouped_Y1)
{
    udp_peer server;
    // No local address of the remote's family: every attempt fails.
    try {
        client_type client("127.0.0.1", server.port(), datagram_line_protocol(),
                           {.local_address = lowlevel::api_async::backend::host_and_port{"::1", 0}});
        BOOST_FAIL("created");
    } catch (const easynet::exception_group& group) {
        BOOST_TEST(std::string(group.what()).find("Could not create the UDP socket") != std::string::npos);
        BOOST_TEST(group.exceptions().size() >= 1u);
    } catch (const boost::system::system_error&) {
        // "::1" does not resolve on a machine without IPv6: a resolution error instead.
        BOOST_TEST(!easynet_test::ipv6_loopback_available());
    }
    // An IPv4 literal asked as IPv6: nothing resolves.
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), datagram_line_protocol(), {.family = AF_INET6}),
                      boost::system::system_error);
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), datagram_line_protocol(), {.family = AF_UNIX}),
                      std::invalid_argument);
    BOOST_CHECK_THROW(client_type("127.0.0.1", server.port(), datagram_line_protocol(), {.retry_interval = 0s}),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(local_address_option_binds_the_socket_Y1)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol(),
                       {.local_address = lowlevel::api_async::backend::host_and_port{"127.0.0.1", 0}});
    client.send_packet("x");
    const auto request = server.recv_from();
    BOOST_TEST(client.get_local_address().as_inet().port() == port_of(request));
    BOOST_TEST(client.get_local_address().as_inet().address().to_string() == "127.0.0.1");
}

BOOST_AUTO_TEST_CASE(ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    udp_peer server(AF_INET6);
    client_type client("::1", server.port(), datagram_line_protocol());
    client.send_packet("six", 1s);
    const auto request = server.recv_from();
    BOOST_TEST(request.data == "six");
    server.send_to(request, "back\n");
    BOOST_TEST(client.recv_packet(5s) == "back");
}

BOOST_AUTO_TEST_CASE(adopted_socket_checks_C2)
{
    int unix_socket = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(unix_socket, datagram_line_protocol()); }) ==
               "Only these families are supported: AF_INET, AF_INET6");
    BOOST_TEST(!is_open(unix_socket));
    int unconnected = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(error_of([&] { client_type c(unconnected, datagram_line_protocol()); }) == ENOTCONN);
    BOOST_TEST(!is_open(unconnected));

    udp_peer server;
    int with_family = connect_udp_raw(server.port());
    BOOST_CHECK_THROW(client_type(with_family, datagram_line_protocol(), {.family = AF_INET}), std::invalid_argument);
    BOOST_TEST(!is_open(with_family));

    client_type client(connect_udp_raw(server.port()), datagram_line_protocol());
    client.send_packet("adopted");
    BOOST_TEST(server.recv_from().data == "adopted");
}

BOOST_AUTO_TEST_SUITE_END()
