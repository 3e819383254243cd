#include <easynet/servers/async_udp_network_server.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/datagram_server.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;
using easynet::log_level;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using easynet_test::serve_while;
using easynet_test::upper;
using namespace std::chrono_literals;

namespace {

using server_type = servers::async_udp_network_server<std::string, std::string>;
using client_type = server_type::client_type;
using peer_type = backend::datagram_transport_ptr;

/// The UDP echo-upper handler of SEMANTICS §4.3 ("__wait__" asks a second request).
struct echo_upper : servers::async_datagram_request_handler<std::string, std::string> {
    void handle(client_type& client) override
    {
        auto request = client.recv_request();
        if (request == "__wait__") {
            client.send_packet("After wait: " + client.recv_request());
            return;
        }
        client.send_packet(upper(request));
    }
};

std::uint16_t port_of(const server_type& server) { return server.get_addresses().front().as_inet().port(); }

peer_type connect(const server_type& server) { return backend::create_udp_endpoint("127.0.0.1", port_of(server)); }

std::string recv(peer_type& peer) { return backend::timeout(5s, [&] { return peer->recv(); }); }

} // namespace

BOOST_AUTO_TEST_SUITE(async_udp_network_server)

BOOST_AUTO_TEST_CASE(echo_and_extra_datagram_rescheduled_items_27_28_D5)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), std::make_shared<echo_upper>());
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("hello, world.");
            BOOST_TEST(recv(peer) == "HELLO, WORLD.");
            peer->send("__wait__");
            peer->send("hello");
            peer->send("Test 2.");
            BOOST_TEST(recv(peer) == "After wait: hello");
            BOOST_TEST(recv(peer) == "TEST 2.");
        });
    });
}

BOOST_AUTO_TEST_CASE(datagrams_sent_quickly_are_all_served_in_order_one_call_at_a_time_item_29_D1)
{
    easynet_test::run([] {
        std::atomic<int> active{0};
        std::atomic<bool> overlapped{false};
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            if (++active > 1)
                overlapped = true;
            auto first = client.recv_request();
            backend::sleep(20ms);
            client.send_packet(first + "+" + client.recv_request());
            --active;
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            for (int i = 0; i < 20; ++i)
                peer->send(std::to_string(i));
            for (int i = 0; i < 20; i += 2)
                BOOST_TEST(recv(peer) == std::to_string(i) + "+" + std::to_string(i + 1));
        });
        BOOST_TEST(!overlapped.load());
    });
}

BOOST_AUTO_TEST_CASE(handler_returning_before_asking_drops_silently_item_30_D2)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        std::atomic<bool> accept{false};
        auto refused = backend::create_event();
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            if (!accept) {
                refused.set();
                return; // before asking: the datagram is dropped
            }
            client.send_packet(upper(client.recv_request()));
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("refused");
            backend::timeout(5s, [&] { refused.wait(); });
            accept = true;
            peer->send("accepted");
            BOOST_TEST(recv(peer) == "ACCEPTED"); // the first reply: nothing came for "refused"
        });
    });
    BOOST_TEST(logs.count(log_level::error) == 0u);
    BOOST_TEST(logs.count(log_level::warning) == 0u);
}

BOOST_AUTO_TEST_CASE(client_objects_equal_by_address_and_same_instance_while_referenced_item_31_D7)
{
    easynet_test::run([] {
        std::shared_ptr<client_type> kept;
        std::vector<bool> same_instance;
        std::vector<bool> equal;
        std::vector<bool> hash_equal;
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            client.recv_request();
            if (!kept) {
                kept = client.shared_from_this();
            } else {
                same_instance.push_back(&client == kept.get());
                equal.push_back(client == *kept);
                hash_equal.push_back(std::hash<client_type>{}(client) == std::hash<client_type>{}(*kept));
            }
            client.send_packet("ok");
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            auto other = connect(server);
            peer->send("1");
            BOOST_TEST(recv(peer) == "ok");
            peer->send("2");
            BOOST_TEST(recv(peer) == "ok");
            other->send("3");
            BOOST_TEST(recv(other) == "ok");
        });
        BOOST_REQUIRE(same_instance.size() == 2u);
        BOOST_TEST(same_instance[0]);
        BOOST_TEST(equal[0]);
        BOOST_TEST(hash_equal[0]);
        BOOST_TEST(!same_instance[1]); // another peer
        BOOST_TEST(!equal[1]);
    });
}

BOOST_AUTO_TEST_CASE(stored_client_after_serve_forever_is_closing_and_send_raises_item_32_D7_S2)
{
    easynet_test::run([] {
        std::shared_ptr<client_type> kept;
        struct handler : servers::async_datagram_request_handler<std::string, std::string> {
            std::shared_ptr<client_type>* kept;
            std::atomic<int> closing_at_exit{-1};
            void handle(client_type& client) override
            {
                client.recv_request();
                *kept = client.shared_from_this();
                client.send_packet(client.is_closing() ? "closing" : "open");
            }
            void service_init(servers::exit_stack& stack, servers::async_base_server&) override
            {
                stack.push([this] { closing_at_exit = (*kept && (*kept)->is_closing()) ? 1 : 0; });
            }
        };
        auto h = std::make_shared<handler>();
        h->kept = &kept;
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), h);
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("x");
            BOOST_TEST(recv(peer) == "open");
        });
        BOOST_REQUIRE(kept);
        BOOST_TEST(h->closing_at_exit.load() == 1);
        BOOST_TEST(kept->is_closing());
        BOOST_CHECK_THROW(kept->send_packet("late"), easynet::client_closed_error);
        kept.reset();
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_are_the_server_socket_and_both_addresses_D8)
{
    easynet_test::run([] {
        socket_address local, remote;
        int fileno = -1, family = 0;
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            client.recv_request();
            local = client.extra(servers::inet_client_attribute::local_address);
            remote = client.extra(servers::inet_client_attribute::remote_address);
            fileno = client.extra(servers::inet_client_attribute::socket).fileno();
            family = client.extra(socket_attribute::family);
            client.send_packet("ok");
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("x");
            BOOST_TEST(recv(peer) == "ok");
            BOOST_TEST((local == server.get_addresses().front()));
            BOOST_TEST((remote == peer->extra(socket_attribute::local_address)));
            BOOST_TEST(fileno == server.get_sockets().front().fileno());
            BOOST_TEST(family == AF_INET);
        });
    });
}

BOOST_AUTO_TEST_CASE(undecodable_datagrams_reach_the_handler_and_serving_goes_on_D4_M4)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            try {
                client.send_packet(upper(client.recv_request()));
            } catch (const easynet::datagram_protocol_parse_error& e) {
                client.send_packet(std::string("parse error: ") + e.error().what());
            }
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("bad");
            BOOST_TEST(recv(peer) == "parse error: bad datagram");
            peer->send("next");
            BOOST_TEST(recv(peer) == "NEXT");
        });
    });
}

BOOST_AUTO_TEST_CASE(handler_errors_logged_connection_errors_included_closed_client_one_warning_D6)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        std::shared_ptr<client_type> kept;
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            auto request = client.recv_request();
            if (request == "random")
                throw std::runtime_error("RandomError");
            if (request == "reset")
                throw boost::system::system_error(ECONNRESET, boost::system::system_category());
            if (request == "closed")
                throw easynet::client_closed_error("Closed client");
            client.send_packet("still served");
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            for (const char* r : {"random", "reset", "closed", "next"})
                peer->send(r);
            BOOST_TEST(recv(peer) == "still served");
        });
    });
    const std::string dashes(40, '-');
    BOOST_TEST(logs.count(log_level::error) == 6u);
    BOOST_TEST(logs.count(log_level::error, dashes) == 4u);
    BOOST_TEST(logs.count(log_level::error, "Exception occurred during processing of request from 127.0.0.1:") == 2u);
    BOOST_TEST(logs.count(log_level::warning) == 1u);
    BOOST_TEST(logs.count(log_level::warning, "There have been attempts to do operation on closed client 127.0.0.1:") ==
               1u);
}

BOOST_AUTO_TEST_CASE(make_datagram_crash_raised_by_send_packet_D9)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            client.recv_request();
            try {
                client.send_packet("crash");
            } catch (const easynet::protocol_crash_error& e) {
                client.send_packet(e.what());
            }
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("x");
            BOOST_TEST(recv(peer) == "protocol.make_datagram() crashed");
        });
    });
}

BOOST_AUTO_TEST_CASE(shutdown_cancels_waiting_handlers_D10)
{
    easynet_test::run([] {
        std::atomic<bool> cancelled{false};
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            client.recv_request();
            client.send_packet("waiting");
            try {
                client.recv_request();
            } catch (const easynet::cancelled&) {
                cancelled = true;
                throw;
            }
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send("x");
            BOOST_TEST(recv(peer) == "waiting");
        });
        BOOST_TEST(cancelled.load());
        BOOST_TEST(!server.is_serving());
    });
}

BOOST_AUTO_TEST_CASE(largest_udp_datagram_65507_bytes_is_served)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
            client.send_packet(std::to_string(client.recv_request().size()));
        });
        serve_while(server, [&] {
            auto peer = connect(server);
            peer->send(std::string(65507, 'x'));
            BOOST_TEST(recv(peer) == "65507");
        });
    });
}

BOOST_AUTO_TEST_CASE(flood_from_one_peer_does_not_starve_another_peer)
{
    // One loop thread: the flooder yields after each datagram, so the server's receive loop
    // keeps pace and the kernel never drops on loopback (with parallel threads the flooder
    // may outrun the reader and overflow the socket buffer, which no server can prevent).
    easynet_test::run(
        [] {
            std::atomic<int> flood_received{0};
            server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), [&](client_type& client) {
                auto request = client.recv_request();
                if (request == "flood")
                    ++flood_received;
                else
                    client.send_packet("ack " + request);
            });
            serve_while(server, [&] {
                auto flooder = connect(server);
                auto served = connect(server);
                backend::with_task_group([&](backend::task_group& tg) {
                    tg.start_soon([&] {
                        for (int i = 0; i < 5000; ++i) {
                            flooder->send("flood");
                            backend::coro_yield();
                        }
                    });
                    for (int i = 0; i < 50; ++i) { // each datagram acknowledged: none lost
                        served->send(std::to_string(i));
                        BOOST_TEST(recv(served) == "ack " + std::to_string(i));
                    }
                });
            });
            BOOST_TEST(flood_received.load() > 0);
        },
        1);
}

BOOST_AUTO_TEST_CASE(all_interfaces_port_zero_and_reuse_port_B1_B3_B4)
{
    easynet_test::run([] {
        server_type server("", 0, easynet_test::scripted_datagram_protocol(), std::make_shared<echo_upper>(),
                           {.reuse_port = true});
        serve_while(server, [&] {
            const auto addresses = server.get_addresses();
            BOOST_TEST(!addresses.empty());
            for (auto& s : server.get_sockets()) {
                int value = 0;
                socklen_t size = sizeof value;
                BOOST_TEST(::getsockopt(s.fileno(), SOL_SOCKET, SO_REUSEPORT, &value, &size) == 0);
                BOOST_TEST(value != 0);
            }
            auto peer = backend::create_udp_endpoint("127.0.0.1", addresses.front().as_inet().port());
            peer->send("all");
            BOOST_TEST(recv(peer) == "ALL");
        });
    });
}

BOOST_AUTO_TEST_CASE(logger_option_and_lifecycle_lines_L2_L6)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), std::make_shared<echo_upper>(),
                           {.logger = easynet::logger("test.udp")});
        serve_while(server, [] {});
    });
    std::size_t start = 0;
    for (const auto& r : logs.records())
        start += (r.logger == "test.udp" && r.message.starts_with("Start serving at 127.0.0.1:")) ? 1 : 0;
    BOOST_TEST(start == 1u);
    BOOST_TEST(logs.count(log_level::info, "Server stopped") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
