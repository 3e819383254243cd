#include <easynet/lowlevel/api_async/servers/datagram.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/scripted_serializer.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::lowlevel::api_async::servers;
namespace protocol = easynet::protocol;
using easynet::lowlevel::raw_ancillary_message;
using easynet::lowlevel::recv_ancillary_data_params;
using easynet::lowlevel::recv_params;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::unix_socket_address;
using namespace std::chrono_literals;

namespace {

using server_type = servers::async_datagram_server<std::string, std::string>;
using client_type = server_type::client_type;

protocol::datagram_protocol<std::string> scripted_protocol()
{
    return protocol::datagram_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>());
}

/// A server on a UDP listener of 127.0.0.1.
server_type udp_server()
{
    auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
    return server_type(std::move(listeners.front()), scripted_protocol());
}

std::uint16_t port_of(const server_type& server) { return server.extra(socket_attribute::local_address).as_inet().port(); }

/// Serves `server` with `handler` in a task while `body()` runs, then stops serving.
template <class Body>
void serving(server_type& server, server_type::client_handler handler, Body body)
{
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] { server.serve(handler, tg); });
        body();
        tg.cancel();
    });
}

} // namespace

BOOST_AUTO_TEST_SUITE(datagram)

BOOST_AUTO_TEST_CASE(one_handler_call_per_peer_and_queued_datagrams_in_order_D1_D5)
{
    easynet_test::run([] {
        auto server = udp_server();
        std::atomic<int> active{0};
        std::atomic<int> max_active{0};
        std::vector<std::uint64_t> task_ids; // one handler call at a time: no lock needed
        serving(
            server,
            [&](client_type& client) {
                const int now = ++active;
                max_active = std::max(max_active.load(), now);
                task_ids.push_back(backend::get_current_task().id);
                auto request = client.recv_request();
                backend::sleep(10ms); // later datagrams of this peer queue meanwhile
                client.send_packet("<" + request + ">");
                --active;
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                for (int i = 0; i < 5; ++i)
                    peer->send(std::to_string(i));
                for (int i = 0; i < 5; ++i)
                    BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "<" + std::to_string(i) + ">");
            });
        BOOST_TEST(max_active.load() == 1);
        // D5: each queued datagram is served by a NEW task, not by the one that served the last.
        BOOST_TEST(task_ids.size() == 5u);
        std::sort(task_ids.begin(), task_ids.end());
        BOOST_TEST((std::adjacent_find(task_ids.begin(), task_ids.end()) == task_ids.end()));
    });
}

BOOST_AUTO_TEST_CASE(context_carries_address_and_server_and_compares_by_both)
{
    easynet_test::run([] {
        auto server = udp_server();
        std::vector<socket_address> seen;
        std::vector<std::size_t> hashes;
        bool same_server = false;
        serving(
            server,
            [&](client_type& client) {
                client.recv_request();
                seen.push_back(client.address());
                hashes.push_back(std::hash<client_type>{}(client));
                same_server = &client.server() == &server;
                client.send_packet("ok");
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                for (int i = 0; i < 2; ++i) {
                    peer->send("x");
                    BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "ok");
                }
                BOOST_TEST(seen.size() == 2u);
                BOOST_TEST((seen[0] == peer->extra(socket_attribute::local_address)));
            });
        BOOST_REQUIRE(seen.size() == 2u);
        BOOST_TEST((seen[0] == seen[1]));
        BOOST_TEST(hashes[0] == hashes[1]);
        BOOST_TEST(same_server);
    });
}

BOOST_AUTO_TEST_CASE(handler_returning_before_asking_drops_the_datagram_D2)
{
    easynet_test::run([] {
        auto server = udp_server();
        std::atomic<int> calls{0};
        serving(
            server,
            [&](client_type& client) {
                if (++calls == 1)
                    return; // refuses the first datagram without reading it
                client.send_packet("got " + client.recv_request());
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("first");
                peer->send("second");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "got second");
            });
    });
}

BOOST_AUTO_TEST_CASE(first_timeout_is_ignored_later_ones_expire_D3)
{
    easynet_test::run([] {
        auto server = udp_server();
        serving(
            server,
            [&](client_type& client) {
                auto first = client.recv_request({.timeout = 0s}); // ignored: the datagram is there
                try {
                    client.recv_request({.timeout = 50ms});
                    client.send_packet("no timeout");
                } catch (const easynet::timeout_error&) {
                    client.send_packet("timed out after " + first);
                }
                try {
                    client.recv_request({.timeout = backend::seconds(-1)});
                } catch (const std::invalid_argument& e) {
                    client.send_packet(e.what());
                }
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("a");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "timed out after a");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }).starts_with("Invalid delay"));
            });
    });
}

BOOST_AUTO_TEST_CASE(parse_errors_and_crashes_are_raised_by_recv_request_D4)
{
    easynet_test::run([] {
        auto server = udp_server();
        serving(
            server,
            [&](client_type& client) {
                try {
                    client.recv_request();
                    client.send_packet("valid");
                } catch (const easynet::datagram_protocol_parse_error&) {
                    client.send_packet("parse error");
                } catch (const easynet::protocol_crash_error& e) {
                    client.send_packet(e.what());
                }
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("bad");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "parse error");
                peer->send("crash");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) ==
                           "protocol.build_packet_from_datagram() crashed");
                peer->send("fine");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "valid");
            });
    });
}

BOOST_AUTO_TEST_CASE(send_packet_to_raises_make_datagram_crash_and_sends_nothing_D9)
{
    easynet_test::run([] {
        auto server = udp_server();
        serving(
            server,
            [&](client_type& client) {
                client.recv_request();
                try {
                    client.send_packet("crash");
                } catch (const easynet::protocol_crash_error& e) {
                    client.send_packet(e.what());
                }
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("x");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "protocol.make_datagram() crashed");
            });
    });
}

BOOST_AUTO_TEST_CASE(unhandled_exception_is_logged_and_serving_goes_on_W3)
{
    easynet_test::log_capture logs;
    easynet_test::run([&] {
        auto server = udp_server();
        serving(
            server,
            [&](client_type& client) {
                if (client.recv_request() == "fail")
                    throw std::runtime_error("handler failure");
                client.send_packet("ok");
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("fail");
                peer->send("next");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) == "ok");
            });
    });
    BOOST_TEST(logs.count(easynet::log_level::error, "Unhandled exception: ") == 1u);
    BOOST_TEST(logs.count(easynet::log_level::error, "handler failure") == 1u);
}

BOOST_AUTO_TEST_CASE(second_concurrent_serve_is_busy_W1)
{
    easynet_test::run([] {
        auto server = udp_server();
        bool busy = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { server.serve([](client_type&) {}, tg); });
            backend::sleep(0s);
            try {
                server.serve([](client_type&) {}, tg);
            } catch (const easynet::busy_resource_error&) {
                busy = true;
            }
            tg.cancel();
        });
        BOOST_TEST(busy);
    });
}

BOOST_AUTO_TEST_CASE(ancillary_asked_without_serve_with_ancillary_is_unsupported_A3)
{
    easynet_test::run([] {
        auto server = udp_server();
        serving(
            server,
            [&](client_type& client) {
                try {
                    client.recv_request({.recv_with_ancillary = recv_ancillary_data_params{}});
                } catch (const easynet::unsupported_operation& e) {
                    client.send_packet(e.what());
                }
            },
            [&] {
                auto peer = backend::create_udp_endpoint("127.0.0.1", port_of(server));
                peer->send("x");
                BOOST_TEST(backend::timeout(5s, [&] { return peer->recv(); }) ==
                           "The server is not configured to handle ancillary data.");
            });
        BOOST_CHECK_THROW(server.send_packet_with_ancillary_to("x", {}, server.extra(socket_attribute::local_address)),
                          easynet::unsupported_operation);
    });
}

BOOST_AUTO_TEST_CASE(unix_fds_claimed_by_the_handler_and_unclaimed_ones_closed_A3)
{
    easynet_test::temp_dir dir;
    easynet_test::run([&] {
        const unix_socket_address server_path = unix_socket_address(dir / "server.sock");
        const unix_socket_address peer_path = unix_socket_address(dir / "peer.sock");
        server_type server(backend::create_unix_datagram_listener(server_path), scripted_protocol());
        auto peer = backend::create_unix_datagram_listener(peer_path); // sends with ancillary data
        int pipe_fds[2];
        BOOST_REQUIRE(::pipe(pipe_fds) == 0);
        const std::size_t fds_before = easynet_test::open_fd_count();
        std::vector<int> claimed;
        std::atomic<int> unused_hook_calls{0};
        auto done = backend::create_event();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                server.serve_with_ancillary(
                    [&](client_type& client) {
                        if (client.recv_request() == "ignore") {
                            client.send_packet("ignored");
                            return;
                        }
                        const auto request = client.recv_request({.recv_with_ancillary = recv_ancillary_data_params{
                                                                      [&](std::vector<raw_ancillary_message> m) {
                                                                          socket_ancillary a;
                                                                          a.update_from_raw(m);
                                                                          claimed = a.take_fds();
                                                                      }}});
                        client.send_packet("claimed " + request);
                        done.set();
                    },
                    4096,
                    [&](std::vector<raw_ancillary_message> m, const socket_address&) {
                        ++unused_hook_calls;
                        servers::detail::close_unclaimed_fds(m);
                    },
                    tg);
            });
            socket_ancillary fds;
            const int both[] = {pipe_fds[0], pipe_fds[1]};
            fds.add_fds(both);
            peer->send_with_ancillary_to("ignore", fds.as_raw(), server_path);
            peer->send_to("claim", server_path); // the next datagram's descriptors are claimed
            peer->send_with_ancillary_to("take", fds.as_raw(), server_path);
            backend::timeout(5s, [&] { done.wait(); });
            BOOST_TEST(backend::timeout(5s, [&] { return peer->recv_from().data; }) == "ignored");
            BOOST_TEST(backend::timeout(5s, [&] { return peer->recv_from().data; }) == "claimed take");
            tg.cancel();
        });
        BOOST_TEST(unused_hook_calls.load() == 1);
        BOOST_REQUIRE(claimed.size() == 2u);
        // The unclaimed copies were closed: only the two claimed descriptors are new.
        BOOST_TEST(easynet_test::open_fd_count() == fds_before + 2);
        for (int fd : claimed)
            ::close(fd);
        ::close(pipe_fds[0]);
        ::close(pipe_fds[1]);
        server.aclose();
        peer->aclose();
    });
}

BOOST_AUTO_TEST_SUITE_END()
