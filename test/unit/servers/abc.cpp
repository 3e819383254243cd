#include <easynet/servers/abc.hpp>

#include "server_test_support.hpp"

#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <vector>

// The server lifecycle (SEMANTICS L1–L7, S1–S3, §4.3 items 1, 19–25), checked on the TCP server.

using namespace servers_test;

namespace {

using server_type = tcp_server_type;
using client_type = server_type::client_type;

} // namespace

BOOST_AUTO_TEST_SUITE(abc)

BOOST_AUTO_TEST_CASE(construction_does_no_io_and_activation_is_idempotent_L1_L3)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, line_protocol(), echo());
        BOOST_TEST(!server.is_listening());
        BOOST_TEST(!server.is_serving());
        BOOST_TEST(server.get_addresses().empty());
        BOOST_TEST(server.get_sockets().empty());
        server.server_activate();
        const auto port = port_of(server);
        server.server_activate();
        BOOST_TEST(port_of(server) == port);
        BOOST_TEST(server.is_listening());
        BOOST_TEST(!server.is_serving());
        server.server_close();
        server.server_close(); // idempotent (L5)
        BOOST_TEST(!server.is_listening());
        BOOST_CHECK_THROW(server.server_activate(), easynet::server_closed_error);  // item 23
        BOOST_CHECK_THROW(server.serve_forever(), easynet::server_closed_error);
    });
}

BOOST_AUTO_TEST_CASE(invalid_arguments_K2)
{
    BOOST_CHECK_THROW(server_type("", 0, line_protocol(), echo(), {.max_recv_size = 0}), std::invalid_argument);
    BOOST_CHECK_THROW(server_type("", 0, line_protocol(), echo(), {.backlog = 0}), std::invalid_argument);
    try {
        server_type("", 0, line_protocol(), echo(), {.ssl_handshake_timeout = backend::seconds(1)});
        BOOST_FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) == "ssl_handshake_timeout is only meaningful with ssl");
    }
    BOOST_CHECK_THROW(server_type("", 0, line_protocol(), echo(), {.ssl_standard_compatible = false}),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(all_interfaces_and_port_zero_item_1_B1_B4)
{
    easynet_test::run([] {
        server_type server("", 0, line_protocol(), echo());
        server.server_activate();
        const auto addresses = server.get_addresses();
        BOOST_TEST(addresses.size() >= 1u);
        for (const auto& a : addresses)
            BOOST_TEST(a.as_inet().port() != 0);
        std::uint16_t v4_port = 0;
        for (const auto& a : addresses)
            if (a.family() == AF_INET)
                v4_port = a.as_inet().port();
        BOOST_REQUIRE(v4_port != 0);
        backend::with_task_group([&](backend::task_group& tg) {
            start_serving(tg, server);
            auto ep = endpoint_type(backend::create_tcp_connection("localhost", v4_port), line_protocol());
            ep.send_packet("hi");
            BOOST_TEST(ep.recv_packet() == "hi");
            ep.aclose();
            server.shutdown();
        });
        server.server_close();
    });
}

BOOST_AUTO_TEST_CASE(second_serve_forever_raises_already_running_and_shutdown_is_concurrent_items_22_24_L4)
{
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, line_protocol(), echo());
        // item 24: shutdown when not running returns at once
        server.shutdown();
        backend::with_task_group([&](backend::task_group& tg) {
            start_serving(tg, server);
            BOOST_TEST(server.is_serving());
            BOOST_CHECK_THROW(server.serve_forever(), easynet::server_already_running);
            std::atomic<int> returned{0};
            backend::timeout(5s, [&] {
                backend::with_task_group([&](backend::task_group& shutdowns) {
                    for (int i = 0; i < 10; ++i)
                        shutdowns.start_soon([&] {
                            server.shutdown();
                            ++returned;
                        });
                });
            });
            BOOST_TEST(returned.load() == 10);
            BOOST_TEST(!server.is_serving());
            BOOST_TEST(server.is_listening()); // L7: shutdown without close keeps the listeners
        });
        // L7: serve_forever may run again after shutdown
        backend::with_task_group([&](backend::task_group& tg) {
            start_serving(tg, server);
            auto ep = connect(port_of(server));
            ep.send_packet("again");
            BOOST_TEST(ep.recv_packet() == "again");
            ep.aclose();
            server.shutdown();
        });
        server.server_close();
    });
}

BOOST_AUTO_TEST_CASE(shutdown_with_an_idle_client_item_20_H18)
{
    easynet_test::run([] {
        std::atomic<int> cancelled_at_recv{0};
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            try {
                client.recv_request();
            } catch (const easynet::cancelled&) {
                ++cancelled_at_recv;
                throw;
            }
        });
        backend::with_task_group([&](backend::task_group& tg) {
            start_serving(tg, server);
            auto ep = connect(port_of(server));
            ep.transport().send_all(""); // connected
            backend::sleep(50ms);        // let the handler reach recv_request (observed below)
            backend::timeout(5s, [&] { server.shutdown(); });
            BOOST_TEST(!server.is_serving());
            bool closed = false;
            try {
                backend::timeout(5s, [&] { ep.recv_packet(); });
            } catch (const easynet::timeout_error&) {
            } catch (const boost::system::system_error&) {
                closed = true;
            }
            BOOST_TEST(closed); // EOF or reset
            ep.aclose();
        });
        BOOST_TEST(cancelled_at_recv.load() == 1);
        server.server_close();
    });
}

BOOST_AUTO_TEST_CASE(server_close_without_clients_ends_serve_forever_item_21_L5_L6)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, line_protocol(), echo());
        backend::with_task_group([&](backend::task_group& tg) {
            auto done = start_serving(tg, server);
            server.server_close();
            backend::timeout(5s, [&] { done.wait(); });
            BOOST_TEST(!server.is_listening());
            BOOST_TEST(!server.is_serving());
        });
    });
    BOOST_TEST(logs.count(log_level::info, "Server loop break, waiting for remaining tasks...") == 1u);
    BOOST_TEST(logs.count(log_level::info, "Server stopped") == 1u);
}

BOOST_AUTO_TEST_CASE(handler_calling_server_close_finishes_its_client_item_19_L5)
{
    easynet_test::run([] {
        servers::async_base_server* self = nullptr;
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            auto request = client.recv_request();
            if (request == "close")
                self->server_close();
            client.send_packet(request);
        });
        self = &server;
        backend::with_task_group([&](backend::task_group& tg) {
            auto done = start_serving(tg, server);
            const auto port = port_of(server);
            auto first = connect(port);
            first.send_packet("close");
            BOOST_TEST(first.recv_packet() == "close");
            BOOST_CHECK_THROW(connect(port), std::exception); // refused
            first.send_packet("still served");
            BOOST_TEST(first.recv_packet() == "still served");
            BOOST_TEST(!done.is_set());
            first.aclose();
            backend::timeout(5s, [&] { done.wait(); });
        });
    });
}

BOOST_AUTO_TEST_CASE(shutdown_during_setup_never_sets_is_up_item_25_L4)
{
    easynet_test::run([] {
        struct slow_init : servers::async_stream_request_handler<std::string, std::string> {
            backend::event entered = backend::create_event();
            void handle(client_type& client) override { client.recv_request(); }
            void service_init(servers::exit_stack&, servers::async_base_server&) override
            {
                entered.set();
                backend::sleep_forever();
            }
        };
        auto handler = std::make_shared<slow_init>();
        server_type server("127.0.0.1", 0, line_protocol(), handler);
        auto up = backend::create_event();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { server.serve_forever(up); });
            backend::timeout(5s, [&] { handler->entered.wait(); });
            BOOST_CHECK_THROW(server.server_close(), easynet::busy_resource_error); // L5
            backend::timeout(5s, [&] { server.shutdown(); });
        });
        BOOST_TEST(!up.is_set());
        server.server_close();
    });
}

BOOST_AUTO_TEST_CASE(service_init_exit_stack_runs_lifo_after_clients_S1_S2_and_errors_abort_S3)
{
    easynet_test::run([] {
        struct with_init : servers::async_stream_request_handler<std::string, std::string> {
            std::vector<std::string> events;
            int inits = 0;
            void handle(client_type& client) override { client.send_packet(client.recv_request()); }
            void on_disconnection(client_type&) override { events.push_back("client gone"); }
            void service_init(servers::exit_stack& stack, servers::async_base_server& server) override
            {
                ++inits;
                BOOST_TEST(server.is_listening()); // S1: listeners are bound
                stack.push([this] { events.push_back("first pushed"); });
                stack.push([this] { events.push_back("second pushed"); });
            }
        };
        auto handler = std::make_shared<with_init>();
        server_type server("127.0.0.1", 0, line_protocol(), handler);
        backend::with_task_group([&](backend::task_group& tg) {
            start_serving(tg, server);
            auto ep = connect(port_of(server));
            ep.send_packet("x");
            BOOST_TEST(ep.recv_packet() == "x");
            backend::timeout(5s, [&] { server.shutdown(); });
            ep.aclose();
        });
        BOOST_TEST(handler->inits == 1);
        BOOST_TEST(handler->events == (std::vector<std::string>{"client gone", "second pushed", "first pushed"}));

        struct failing_init : servers::async_stream_request_handler<std::string, std::string> {
            void handle(client_type& client) override { client.recv_request(); }
            void service_init(servers::exit_stack&, servers::async_base_server&) override
            {
                throw std::runtime_error("init failed");
            }
        };
        server_type failing("127.0.0.1", 0, line_protocol(), std::make_shared<failing_init>());
        auto up = backend::create_event();
        BOOST_CHECK_THROW(failing.serve_forever(up), std::runtime_error);
        BOOST_TEST(!up.is_set());
        failing.server_close();
        server.server_close();
    });
}

BOOST_AUTO_TEST_SUITE_END()
