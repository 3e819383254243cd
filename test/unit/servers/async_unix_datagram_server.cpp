#include <easynet/servers/async_unix_datagram_server.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/datagram_server.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;
using easynet::log_level;
using easynet::lowlevel::raw_ancillary_message;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::unix_socket_address;
using easynet_test::serve_while;
using easynet_test::upper;
using namespace std::chrono_literals;

namespace {

using server_type = servers::async_unix_datagram_server<std::string, std::string>;
using client_type = server_type::client_type;

std::string recv(backend::datagram_transport_ptr& peer) { return backend::timeout(5s, [&] { return peer->recv(); }); }

} // namespace

BOOST_AUTO_TEST_SUITE(async_unix_datagram_server)

BOOST_AUTO_TEST_CASE(named_peer_is_served_and_socket_file_removed_on_close_L8)
{
    easynet_test::temp_dir dir;
    easynet_test::run([&] {
        const unix_socket_address path(dir / "server.sock");
        server_type server(path, easynet_test::scripted_datagram_protocol(), [](client_type& client) {
            client.send_packet(upper(client.recv_request()) + " " + client.address().to_string());
        });
        serve_while(server, [&] {
            auto peer = backend::create_unix_datagram_endpoint(path, unix_socket_address(dir / "peer.sock"));
            peer->send("hello");
            BOOST_TEST(recv(peer) == "HELLO " + (dir / "peer.sock").string());
        });
        BOOST_TEST(std::filesystem::exists(dir / "server.sock"));
        server.server_close();
        BOOST_TEST(!std::filesystem::exists(dir / "server.sock"));
    });
}

BOOST_AUTO_TEST_CASE(unnamed_peers_ignored_by_default_then_warned_D11)
{
    easynet_test::temp_dir dir;
    for (auto behavior : {servers::unnamed_addresses_behavior::ignore, servers::unnamed_addresses_behavior::warn}) {
        const std::string peer_name = behavior == servers::unnamed_addresses_behavior::warn ? "warn.sock" : "ignore.sock";
        easynet_test::log_capture logs;
        easynet_test::run([&] {
            const unix_socket_address path(dir / "server.sock");
            std::atomic<int> calls{0};
            server_type server(
                path, easynet_test::scripted_datagram_protocol(),
                [&](client_type& client) {
                    ++calls;
                    client.send_packet(client.recv_request());
                },
                {.unnamed_addresses = behavior});
            serve_while(server, [&] {
                auto unnamed = backend::create_unix_datagram_endpoint(path);
                unnamed->send("dropped");
                // A named peer afterwards is served: the unnamed datagram was handled before.
                auto named = backend::create_unix_datagram_endpoint(path, unix_socket_address(dir / peer_name));
                named->send("served");
                BOOST_TEST(recv(named) == "served");
            });
            server.server_close();
            BOOST_TEST(calls.load() == 1);
        });
        const auto expected = behavior == servers::unnamed_addresses_behavior::warn ? 1u : 0u;
        BOOST_TEST(logs.count(log_level::warning,
                              "A datagram received from an unbound UNIX datagram socket has been dropped.") ==
                   expected);
        BOOST_TEST(logs.count(log_level::warning) == expected);
    }
}

BOOST_AUTO_TEST_CASE(unnamed_peers_handled_get_uncached_clients_whose_send_is_einval_D11_A6)
{
    easynet_test::temp_dir dir;
    easynet_test::run([&] {
        const unix_socket_address path(dir / "server.sock");
        std::string error;
        int code = 0;
        auto done = backend::create_event();
        server_type server(
            path, easynet_test::scripted_datagram_protocol(),
            [&](client_type& client) {
                BOOST_TEST_REQUIRE(client.recv_request() == "anonymous");
                try {
                    client.send_packet("reply");
                } catch (const boost::system::system_error& e) {
                    error = e.what();
                    code = e.code().value();
                }
                done.set();
            },
            {.unnamed_addresses = servers::unnamed_addresses_behavior::handle});
        serve_while(server, [&] {
            auto unnamed = backend::create_unix_datagram_endpoint(path);
            unnamed->send("anonymous");
            backend::timeout(5s, [&] { done.wait(); });
        });
        server.server_close();
        BOOST_TEST(code == EINVAL);
        BOOST_TEST(error.find("Cannot send a datagram to an unnamed address.") != std::string::npos);
    });
}

BOOST_AUTO_TEST_CASE(ancillary_data_requires_receive_ancillary_data_A3)
{
    easynet_test::temp_dir dir;
    const unix_socket_address path(dir / "server.sock");
    auto handler = [](client_type&) {};
    BOOST_CHECK_THROW(server_type(path, easynet_test::scripted_datagram_protocol(), handler, {.ancillary_bufsize = 64}),
                      std::invalid_argument);
    BOOST_CHECK_THROW(server_type(path, easynet_test::scripted_datagram_protocol(), handler,
                                  {.receive_ancillary_data = true, .ancillary_bufsize = 0}),
                      std::invalid_argument);
    easynet_test::run([&] {
        server_type server(path, easynet_test::scripted_datagram_protocol(), [](client_type& client) {
            try {
                client.recv_request({.recv_with_ancillary = servers::recv_ancillary_data_params{}});
            } catch (const easynet::unsupported_operation& e) {
                client.send_packet(e.what());
            }
        });
        serve_while(server, [&] {
            auto peer = backend::create_unix_datagram_endpoint(path, unix_socket_address(dir / "peer.sock"));
            peer->send("x");
            BOOST_TEST(recv(peer) == "The server is not configured to handle ancillary data.");
        });
        server.server_close();
    });
}

BOOST_AUTO_TEST_CASE(fds_claimed_by_the_handler_and_unclaimed_ones_closed_no_leak_A3_M7)
{
    easynet_test::temp_dir dir;
    easynet_test::run([&] {
        const unix_socket_address path(dir / "server.sock");
        const unix_socket_address peer_path(dir / "peer.sock");
        std::vector<int> claimed;
        server_type server(
            path, easynet_test::scripted_datagram_protocol(),
            [&](client_type& client) {
                if (client.recv_request() != "claim") {
                    client.send_packet("not claimed");
                    return;
                }
                auto request = client.recv_request(
                    {.recv_with_ancillary = servers::recv_ancillary_data_params{[&](std::vector<raw_ancillary_message> m) {
                        socket_ancillary a;
                        a.update_from_raw(m);
                        claimed = a.take_fds();
                    }}});
                client.send_packet("claimed " + request);
            },
            {.receive_ancillary_data = true});
        int pipe_fds[2];
        BOOST_REQUIRE(::pipe(pipe_fds) == 0);
        serve_while(server, [&] {
            auto peer = backend::create_unix_datagram_listener(peer_path);
            const std::size_t before = easynet_test::open_fd_count();
            socket_ancillary fds;
            const int both[] = {pipe_fds[0], pipe_fds[1]};
            fds.add_fds(both);
            for (int i = 0; i < 10; ++i) { // fds passed and never claimed
                peer->send_with_ancillary_to("ignore", fds.as_raw(), path);
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv_from().data; }) == "not claimed");
            }
            BOOST_TEST(easynet_test::open_fd_count() == before);
            peer->send_to("claim", path);
            peer->send_with_ancillary_to("fds", fds.as_raw(), path);
            BOOST_TEST(backend::timeout(5s, [&] { return peer->recv_from().data; }) == "claimed fds");
            BOOST_TEST(easynet_test::open_fd_count() == before + 2);
            peer->aclose();
        });
        server.server_close();
        BOOST_TEST(claimed.size() == 2u);
        for (int fd : claimed)
            ::close(fd);
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
    });
}

BOOST_AUTO_TEST_SUITE_END()
