#include <easynet/clients/async_unix_stream_client.hpp>

#include "unix_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <array>

#include <string>

using namespace clients_test;
using client_type = clients::async_unix_stream_client<std::string>;

BOOST_AUTO_TEST_SUITE(async_unix_stream_client)

BOOST_AUTO_TEST_CASE(lazy_connection_names_and_peer_credentials_C3_A5)
{
    unix_listener server;
    easynet_test::run([&] {
        const auto local = lowlevel::unix_socket_address::from_pathname(server.temp_path("client.sock").string());
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol(),
                           {.local_path = local});
        BOOST_TEST(!server.has_pending(50));
        BOOST_TEST(error_of([&] { client.get_peer_credentials(); }) == ENOTCONN);
        BOOST_TEST(error_of([&] { client.get_peer_name(); }) == ENOTCONN);
        client.send_packet("hello");
        int peer = server.accept();
        BOOST_TEST(read_exactly(peer, 6) == "hello\n");
        BOOST_TEST(client.get_peer_name().to_string() == server.path());
        BOOST_TEST(client.get_local_name().to_string() == local.to_string());
        const auto credentials = client.get_peer_credentials();
        BOOST_TEST(credentials.pid.value() == ::getpid());
        BOOST_TEST(credentials.uid == ::getuid());
        write_all(peer, "A\nB");
        ::shutdown(peer, SHUT_WR);
        BOOST_TEST(client.recv_packet() == "A");
        BOOST_TEST(error_of([&] { client.recv_packet(); }) == ECONNABORTED); // C7
        client.aclose();
        BOOST_CHECK_THROW(client.get_peer_credentials(), easynet::client_closed_error);
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(adopted_socket_checks_C2)
{
    check_adoption_refusals<client_type>(AF_UNIX, AF_INET, "Only these families are supported: AF_UNIX");
    unix_listener server;
    easynet_test::run([&] {
        client_type client(server.connect_raw(), line_protocol());
        int peer = server.accept();
        client.send_packet("adopted");
        BOOST_TEST(read_exactly(peer, 8) == "adopted\n");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(recv_blocked_while_another_task_closes_raises_client_closed_C5)
{
    unix_listener server;
    easynet_test::run([&] {
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        BOOST_TEST(recv_outcome_when_closed_meanwhile(client) == "Client is closing, or is already closed");
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(file_descriptors_both_ways_A1)
{
    unix_listener server;
    easynet_test::run([&] {
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol());
        client.wait_connected();
        int peer = server.accept();

        // Client -> server: 2 fds with the packet, in one sendmsg.
        std::array<int, 2> p{};
        BOOST_REQUIRE(::pipe2(p.data(), O_CLOEXEC) == 0);
        lowlevel::socket_ancillary out;
        out.add_fds(p);
        client.send_packet_with_ancillary("take", out);
        std::vector<int> got;
        BOOST_TEST(recv_with_fds(peer, got) == "take\n");
        BOOST_TEST(got.size() == 2u);
        for (int fd : got)
            ::close(fd);

        // Server -> client: one read brings the packet and the fd.
        send_with_fds(peer, "back\n", {p[0]});
        lowlevel::socket_ancillary in;
        BOOST_TEST(client.recv_packet_with_ancillary(in) == "back");
        auto fds = in.take_fds();
        BOOST_TEST(fds.size() == 1u);
        for (int fd : fds)
            ::close(fd);

        // A read that does not complete a packet: eof_error, the bytes are kept.
        write_all(peer, "par");
        lowlevel::socket_ancillary none;
        BOOST_CHECK_THROW(client.recv_packet_with_ancillary(none), easynet::eof_error);
        write_all(peer, "tial\n");
        BOOST_TEST(client.recv_packet() == "partial");
        ::close(p[0]);
        ::close(p[1]);
        client.aclose();
        BOOST_CHECK_THROW(client.send_packet_with_ancillary("late", out), easynet::client_closed_error);
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(connect_waits_while_the_backlog_is_full_then_connects)
{
    unix_listener server(0);
    server.fill_backlog();
    easynet_test::run([&] {
        const auto path = lowlevel::unix_socket_address::from_pathname(server.path());
        // Bounded by a timeout while nobody accepts (no false success on EAGAIN).
        client_type waiting(path, line_protocol());
        BOOST_CHECK_THROW(backend::timeout(300ms, [&] { waiting.wait_connected(); }), easynet::timeout_error);
        BOOST_TEST(!waiting.is_connected());
        waiting.aclose();

        client_type client(path, line_protocol());
        backend::timeout(10s, [&] {
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start([&] { client.wait_connected(); }); // its first attempt finds the backlog full
                BOOST_TEST(!client.is_connected());
                ::close(server.accept()); // a filler leaves: room for the client
            });
        });
        BOOST_TEST(client.is_connected());
        int peer = server.accept();
        client.send_packet("in");
        BOOST_TEST(read_exactly(peer, 3) == "in\n");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_SUITE_END()
