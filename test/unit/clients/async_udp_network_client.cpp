#include <easynet/clients/async_udp_network_client.hpp>

#include "datagram_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::async_udp_network_client<std::string>;

BOOST_AUTO_TEST_SUITE(async_udp_network_client)

BOOST_AUTO_TEST_CASE(lazy_connection_then_datagrams_both_ways_C3_C4_C11)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), datagram_line_protocol());
        BOOST_TEST(!client.is_connected());
        BOOST_TEST(error_of([&] { client.get_local_address(); }) == ENOTCONN);
        BOOST_TEST(error_of([&] { client.get_remote_address(); }) == ENOTCONN);
        BOOST_CHECK_THROW(client.socket(), easynet::typed_attribute_lookup_error);
        BOOST_TEST(client.extra_attributes().size() == 0u);

        client.send_packet("hello");
        BOOST_TEST(client.is_connected());
        const auto request = server.recv_from();
        BOOST_TEST(request.data == "hello");
        const auto local = client.get_local_address();
        BOOST_TEST(local.as_inet().port() != 0); // C11: bound
        BOOST_TEST(local.as_inet().port() == port_of(request));
        BOOST_TEST(client.get_remote_address().as_inet().port() == server.port());
        BOOST_TEST(&client.socket() == &client.socket());
        BOOST_TEST(client.socket().fileno() >= 0);

        server.send_to(request, "world\n");
        BOOST_TEST(client.recv_packet() == "world");
        client.wait_connected(); // a no-op once connected
        client.aclose();
        client.aclose(); // idempotent (C12)
        BOOST_TEST(client.is_closing());
        BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.send_packet("late"); }) ==
                   "Client is closing, or is already closed");
        BOOST_CHECK_THROW(client.recv_packet(), easynet::client_closed_error);
        BOOST_CHECK_THROW(client.get_local_address(), easynet::client_closed_error);
    });
}

BOOST_AUTO_TEST_CASE(server_socket_closed_then_send_twice_raises_connection_refused_item43_C6)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), datagram_line_protocol());
        client.wait_connected();
        server.close();
        // The first datagram gets an ICMP port unreachable back; its error is pending on
        // the socket, raised by the check after that send or by the next send.
        const int first = error_of([&] { client.send_packet("ping"); });
        const int second = error_of([&] { client.send_packet("ping"); });
        BOOST_TEST((first == 0 || first == ECONNREFUSED));
        BOOST_TEST(second == ECONNREFUSED); // not mapped to ECONNABORTED
        BOOST_TEST(!client.is_closing());   // the client stays usable
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(invalid_datagram_raises_parse_error_and_the_next_one_is_received_C8_M4)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
        client.send_packet("hi");
        const auto request = server.recv_from();
        server.send_to(request, "bad");
        server.send_to(request, "good");
        BOOST_CHECK_THROW(client.recv_packet(), easynet::datagram_protocol_parse_error);
        BOOST_TEST(client.recv_packet() == "good");
        BOOST_TEST(message_of<easynet::protocol_crash_error>([&] { client.send_packet("crash"); }) ==
                   "protocol.make_datagram() crashed");
        BOOST_TEST(!server.has_pending(50)); // nothing was sent
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(iter_received_packets_ends_silently_when_the_budget_is_spent_C10)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
        client.send_packet("hi");
        const auto request = server.recv_from();
        for (const char* packet : {"A", "B", "C"})
            server.send_to(request, packet);
        std::vector<std::string> packets;
        const double start = backend::current_time();
        for (const std::string& packet : client.iter_received_packets(300ms))
            packets.push_back(packet);
        const double elapsed = backend::current_time() - start;
        BOOST_TEST(packets == (std::vector<std::string>{"A", "B", "C"}), boost::test_tools::per_element());
        BOOST_TEST(elapsed >= 0.25);
        BOOST_TEST(elapsed < 5.0);
        // Budget 0 (the default): a receive always waits for the socket once, so nothing
        // is yielded, and nothing is lost.
        server.send_to(request, "D");
        BOOST_TEST(!client.iter_received_packets().next());
        BOOST_TEST(client.recv_packet() == "D");
        // Parse errors are not swallowed.
        server.send_to(request, "bad");
        auto range = client.iter_received_packets(2s);
        BOOST_CHECK_THROW(range.next(), easynet::datagram_protocol_parse_error);
        client.aclose();
        BOOST_TEST(!client.iter_received_packets(backend::seconds{INFINITY}).next()); // closed: ends
    });
}

BOOST_AUTO_TEST_CASE(datagrams_from_other_addresses_are_ignored_M6)
{
    udp_peer server;
    udp_peer stranger;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
        client.send_packet("hi");
        const auto request = server.recv_from();
        stranger.send_to(request, "unsolicited");
        server.send_to(request, "expected");
        BOOST_TEST(client.recv_packet() == "expected");
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(concurrent_senders_and_a_receiver_blocked_during_close_C5)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), scripted_datagram_protocol());
        std::string recv_outcome;
        backend::with_task_group([&](backend::task_group& tg) {
            for (int i = 0; i < 8; ++i)
                tg.start_soon([&client, i] { client.send_packet("p" + std::to_string(i)); });
        });
        std::vector<std::string> received;
        for (int i = 0; i < 8; ++i)
            received.push_back(server.recv_from().data);
        BOOST_TEST(received.size() == 8u);
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    client.recv_packet();
                } catch (const easynet::client_closed_error& e) {
                    recv_outcome = e.what();
                }
            });
            client.aclose(); // does not wait for the pending receive
        });
        BOOST_TEST(recv_outcome == "Client is closing, or is already closed");
    });
}

BOOST_AUTO_TEST_CASE(aclose_before_connecting_then_wait_connected_raises_client_closed_C3)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), datagram_line_protocol());
        client.aclose();
        BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.wait_connected(); }) ==
                   "Client is closing, or is already closed");
        BOOST_TEST(!client.is_connected());
    });
    BOOST_TEST(!server.has_pending(0));
}

BOOST_AUTO_TEST_CASE(local_address_option_binds_the_socket_C11)
{
    udp_peer server;
    udp_peer reserved; // a free port, released just below
    const std::uint16_t local_port = reserved.port();
    reserved.close();
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), datagram_line_protocol(),
                           {.local_address = backend::host_and_port{"127.0.0.1", local_port}});
        client.send_packet("x");
        BOOST_TEST(port_of(server.recv_from()) == local_port);
        BOOST_TEST(client.get_local_address().as_inet().port() == local_port);
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    udp_peer server(AF_INET6);
    easynet_test::run([&] {
        client_type client("::1", server.port(), datagram_line_protocol(), {.family = AF_INET6});
        client.send_packet("six");
        const auto request = server.recv_from();
        BOOST_TEST(request.data == "six");
        BOOST_TEST(client.get_remote_address().as_inet().family() == AF_INET6);
        server.send_to(request, "back\n");
        BOOST_TEST(client.recv_packet() == "back");
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(invalid_arguments_are_refused_without_io_C1_C2)
{
    BOOST_CHECK_THROW(client_type("127.0.0.1", 9, datagram_line_protocol(), {.family = AF_UNIX}),
                      std::invalid_argument);

    int unix_socket = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(unix_socket, datagram_line_protocol()); }) ==
               "Only these families are supported: AF_INET, AF_INET6");
    BOOST_TEST(!is_open(unix_socket)); // ownership was taken: closed on failure

    int stream_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_CHECK_THROW(client_type(stream_socket, datagram_line_protocol()), std::invalid_argument);
    BOOST_TEST(!is_open(stream_socket));

    int unconnected = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(error_of([&] { client_type c(unconnected, datagram_line_protocol()); }) == ENOTCONN);
    BOOST_TEST(!is_open(unconnected));
}

BOOST_AUTO_TEST_CASE(adopted_connected_socket_C2)
{
    udp_peer server;
    easynet_test::run([&] {
        client_type client(connect_udp_raw(server.port()), datagram_line_protocol());
        client.send_packet("adopted");
        const auto request = server.recv_from();
        BOOST_TEST(request.data == "adopted");
        BOOST_TEST(client.get_local_address().as_inet().port() == port_of(request));
        client.aclose();
    });
}

BOOST_AUTO_TEST_SUITE_END()
