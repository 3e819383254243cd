#include <easynet/clients/async_unix_stream_client.hpp>

#include "unix_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
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
    int inet = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(inet, line_protocol()); }) ==
               "Only these families are supported: AF_UNIX");
    BOOST_TEST(!is_open(inet));
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
        std::string outcome;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    client.recv_packet();
                } catch (const easynet::client_closed_error& e) {
                    outcome = e.what();
                }
            });
            backend::sleep(50ms);
            client.aclose();
        });
        BOOST_TEST(outcome == "Client is closing, or is already closed");
        ::close(peer);
    });
}

BOOST_AUTO_TEST_SUITE_END()
