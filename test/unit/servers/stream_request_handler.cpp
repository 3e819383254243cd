#include <easynet/servers/stream_request_handler.hpp>

#include "server_test_support.hpp"

#include <easynet/clients/async_tcp_network_client.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Handler behaviours through a real TCP server (SEMANTICS H4, H10, H11, H19, H20, K1, K3,
// items 15-18, 44, 45, 47) and bad input: the server logs what SEMANTICS says and keeps serving.

namespace transports = easynet::lowlevel::api_async::transports;
namespace protocol = easynet::protocol;
using namespace servers_test;

namespace {

using server_type = tcp_server_type;
using client_type = server_type::client_type;

} // namespace

BOOST_AUTO_TEST_SUITE(stream_request_handler)

BOOST_AUTO_TEST_CASE(on_connection_reads_a_password_with_timeout_item_16_H4_H5)
{
    easynet_test::run([] {
        struct login : servers::async_stream_request_handler<std::string, std::string> {
            std::atomic<int> disconnections{0};
            void on_connection(client_type& client) override
            {
                client.send_packet("password:");
                try {
                    if (client.recv_request({.timeout = 200ms}) == "chocolate") {
                        client.send_packet("you can enter");
                        return;
                    }
                    client.send_packet("wrong password");
                } catch (const easynet::timeout_error&) {
                    client.send_packet("timeout error");
                }
                client.aclose();
            }
            void handle(client_type& client) override { client.send_packet("> " + client.recv_request()); }
            void on_disconnection(client_type&) override { ++disconnections; }
        };
        auto handler = std::make_shared<login>();
        server_type server("127.0.0.1", 0, line_protocol(), handler);
        with_server(server, [&](std::uint16_t port) {
            auto good = connect(port);
            BOOST_TEST(good.recv_packet() == "password:");
            good.send_packet("chocolate");
            BOOST_TEST(good.recv_packet() == "you can enter");
            good.send_packet("cmd");
            BOOST_TEST(good.recv_packet() == "> cmd");
            auto wrong = connect(port);
            BOOST_TEST(wrong.recv_packet() == "password:");
            wrong.send_packet("vanilla");
            BOOST_TEST(wrong.recv_packet() == "wrong password");
            BOOST_TEST(closed_by_server(wrong));
            auto silent = connect(port);
            BOOST_TEST(silent.recv_packet() == "password:");
            BOOST_TEST(silent.recv_packet() == "timeout error");
            BOOST_TEST(closed_by_server(silent));
            good.aclose();
            wrong.aclose();
            silent.aclose();
        });
        BOOST_TEST(handler->disconnections.load() == 3);
    });
}

BOOST_AUTO_TEST_CASE(serializer_crashes_on_parse_and_on_send_items_17_18_H20)
{
    easynet_test::run([] {
        auto scripted = protocol::stream_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>());
        server_type server("127.0.0.1", 0, scripted, [](client_type& client) {
            try {
                auto request = client.recv_request();
                try {
                    // Sending "crash" makes the serializer throw after a first chunk ("<").
                    client.send_packet(request == "answer crash" ? std::string("crash") : request);
                } catch (const easynet::protocol_crash_error& e) {
                    client.send_packet(std::string("send: ") + e.what());
                }
            } catch (const easynet::protocol_crash_error& e) {
                client.send_packet(std::string("recv: ") + e.what());
            }
        });
        with_server(server, [&](std::uint16_t port) {
            auto ep = endpoint_type(backend::create_tcp_connection("127.0.0.1", port), scripted);
            ep.transport().send_all("crash\n");
            BOOST_TEST(ep.recv_packet().find("recv: protocol.build_packet_from_chunks() crashed") != std::string::npos);
            ep.transport().send_all("fine\n");
            BOOST_TEST(ep.recv_packet().find("fine") != std::string::npos);
            // Item 18: the crash is raised by send_packet and nothing of that packet is
            // written (a leaked "<" chunk would show as "<<send: ...").
            ep.transport().send_all("answer crash\n");
            BOOST_TEST(ep.recv_packet() == "<send: protocol.generate_chunks() crashed");
            ep.aclose();
        });
    });
}

BOOST_AUTO_TEST_CASE(peer_reset_is_a_silent_disconnection_items_15_H11)
{
    easynet_test::log_capture logs;
    easynet_test::run([&] {
        std::atomic<int> std_caught{0}, unwound{0};
        auto unwound_event = backend::create_event();
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            try {
                client.send_packet(client.recv_request());
            } catch (const std::exception&) {
                ++std_caught;
            } catch (...) {
                ++unwound;
                unwound_event.set();
                throw;
            }
        });
        with_server(server, [&](std::uint16_t port) {
            auto ep = connect(port);
            ep.transport().send_all("partial request without newl"); // a peer that resets mid-packet
            backend::sleep(20ms);
            reset(ep);
            backend::timeout(5s, [&] { unwound_event.wait(); });
            check_still_serving(port);
        });
        BOOST_TEST(std_caught.load() == 0);
        BOOST_TEST(unwound.load() == 2); // the reset client, then the client of check_still_serving
    });
    BOOST_TEST(logs.count(log_level::error) == 0u);
    BOOST_TEST(logs.count(log_level::warning) == 0u);
}

BOOST_AUTO_TEST_CASE(garbage_bytes_raise_parse_errors_and_the_connection_stays_usable_M1)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        std::atomic<int> parse_errors{0};
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            try {
                client.send_packet(client.recv_request());
            } catch (const easynet::stream_protocol_parse_error&) {
                ++parse_errors;
            }
        });
        with_server(server, [&](std::uint16_t port) {
            auto ep = connect(port);
            std::string garbage;
            for (int i = 0; i < 4096; ++i)
                garbage += static_cast<char>(0x80 | (i * 37 % 128));
            garbage += "\n\xff\xfe\n";
            ep.transport().send_all(garbage);
            ep.send_packet("valid");
            BOOST_TEST(ep.recv_packet() == "valid");
            check_still_serving(port);
            ep.aclose();
        });
        BOOST_TEST(parse_errors.load() == 2);
    });
    BOOST_TEST(logs.count(log_level::error) == 0u);
}

BOOST_AUTO_TEST_CASE(ten_mib_line_gives_limit_overrun_with_bounded_buffer_item_47_Z2)
{
    easynet_test::run([] {
        std::atomic<int> overruns{0};
        std::atomic<std::size_t> max_buffered{0};
        std::atomic<bool> next_seen{false};
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            try {
                auto request = client.recv_request();
                if (request == "next")
                    next_seen = true;
                client.send_packet(request); // echo (check_still_serving relies on it)
            } catch (const easynet::stream_protocol_parse_error& e) {
                if (dynamic_cast<const easynet::limit_overrun_error*>(&e.error()) != nullptr)
                    ++overruns;
            }
            max_buffered = std::max(max_buffered.load(), client.lowlevel_client().buffered_data().size());
        });
        with_server(server, [&](std::uint16_t port) {
            auto ep = connect(port);
            const std::string chunk(1024 * 1024, 'x');
            for (int i = 0; i < 10; ++i)
                ep.transport().send_all(chunk); // 10 MiB without a newline
            backend::timeout(10s, [&] {
                while (overruns.load() < 100) // 10 MiB / 64 KiB: at most 160 overruns
                    backend::sleep(10ms);
            });
            check_still_serving(port);
            // The connection that sent the overlong line still works (item 47).
            ep.transport().send_all("\nnext\n");
            backend::timeout(10s, [&] {
                while (ep.recv_packet() != "next") {
                }
            });
            BOOST_TEST(next_seen.load());
            ep.aclose();
        });
        BOOST_TEST(overruns.load() >= 1);
        // the consumer never holds much more than the 64 KiB limit plus one read
        BOOST_TEST(max_buffered.load() <= easynet::defaults::serializer_limit + easynet::defaults::stream_bufsize);
    });
}


BOOST_AUTO_TEST_CASE(tls_plain_text_client_and_silent_client_items_44_K1)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, line_protocol(), [](client_type& client) {
            client.send_packet(client.recv_request());
        },
                           {.ssl = tls_server_context(), .ssl_handshake_timeout = backend::seconds(0.3)});
        with_server(server, [&](std::uint16_t port) {
            // a silent client: closed after the handshake timeout, silently (item 44)
            auto silent = connect(port);
            const double start = backend::current_time();
            BOOST_TEST(closed_by_server(silent));
            BOOST_TEST(backend::current_time() - start >= 0.25);
            silent.aclose();
            // a client speaking plain text: the handshake fails, the connection is closed
            auto plain = connect(port);
            plain.send_packet("hello, this is not TLS");
            BOOST_TEST(closed_by_server(plain));
            plain.aclose();
            // a real TLS client is still served
            transports::tls_transport_options options;
            options.server_hostname = "127.0.0.1";
            auto tls = transports::async_tls_stream_transport::wrap(backend::create_tcp_connection("127.0.0.1", port),
                                                                    tls_client_context(), options);
            endpoint_type ep(std::move(tls), line_protocol());
            ep.send_packet("over tls");
            BOOST_TEST(ep.recv_packet() == "over tls");
            ep.aclose();
        });
    });
    BOOST_TEST(logs.count(log_level::error) == 0u);
    // plain text gives a TLS protocol error: at most the one WARNING of K1
    BOOST_TEST(logs.count(log_level::warning) <= 1u);
    BOOST_TEST(logs.count(log_level::warning) == logs.count(log_level::warning, "Error in client task (during TLS handshake)"));
}

BOOST_AUTO_TEST_CASE(per_client_state_lives_in_the_client_task_H19)
{
    // The C++ counterpart of a context variable is state keyed by the current task: it is
    // set in on_connection and seen by every handle() call and by on_disconnection, because
    // they all run in that client's one task; service_init's state is seen by every client.
    easynet_test::run([] {
        struct per_task : servers::async_stream_request_handler<std::string, std::string> {
            std::mutex mutex; // never held across a suspension
            std::map<std::uint64_t, std::string> context; // task id -> per-client value
            std::string from_service_init;
            std::uint64_t service_init_task = 0;
            int next_client = 0;
            std::vector<bool> disconnection_saw_own_value;

            std::string& own_value()
            {
                return context[backend::get_current_task().id];
            }
            void service_init(servers::exit_stack&, servers::async_base_server&) override
            {
                service_init_task = backend::get_current_task().id;
                from_service_init = "inherited";
            }
            void on_connection(client_type&) override
            {
                std::lock_guard guard(mutex);
                own_value() = "client" + std::to_string(++next_client);
            }
            void handle(client_type& client) override
            {
                const std::string request = client.recv_request();
                std::string answer;
                {
                    std::lock_guard guard(mutex);
                    const bool own_task = backend::get_current_task().id != service_init_task;
                    answer = request + " " + own_value() + " " + from_service_init + (own_task ? "" : " (server task)");
                }
                client.send_packet(answer);
            }
            void on_disconnection(client_type& client) override
            {
                std::lock_guard guard(mutex);
                disconnection_saw_own_value.push_back(own_value().starts_with("client"));
                (void)client;
            }
        };
        auto handler = std::make_shared<per_task>();
        server_type server("127.0.0.1", 0, line_protocol(), handler);
        with_server(server, [&](std::uint16_t port) {
            auto first = connect(port);
            first.send_packet("a");
            BOOST_TEST(first.recv_packet() == "a client1 inherited");
            auto second = connect(port);
            second.send_packet("b");
            BOOST_TEST(second.recv_packet() == "b client2 inherited");
            // successive handle() calls of each client: the value persists (no isolation)
            first.send_packet("c");
            BOOST_TEST(first.recv_packet() == "c client1 inherited");
            second.send_packet("d");
            BOOST_TEST(second.recv_packet() == "d client2 inherited");
            first.aclose();
            second.aclose();
        });
        BOOST_TEST(handler->disconnection_saw_own_value == (std::vector<bool>{true, true}),
                   boost::test_tools::per_element());
        BOOST_TEST(handler->context.size() == 2u); // one entry per client task, none elsewhere
    });
}

BOOST_AUTO_TEST_CASE(concurrent_senders_on_one_client_are_served_fifo_H20)
{
    // The handler blocks a first sender on a full socket buffer (the peer does not read yet),
    // then starts five more senders in order: the fair send lock lets them write in that
    // order, each packet whole.
    constexpr std::size_t big_size = 16 << 20;
    easynet_test::run([] {
        std::atomic<int> send_failures{0};
        server_type server("127.0.0.1", 0, line_protocol(), [&](client_type& client) {
            client.recv_request();
            backend::with_task_group([&](backend::task_group& tg) {
                auto send = [&](std::string packet) {
                    try {
                        client.send_packet(packet);
                    } catch (const std::exception&) {
                        ++send_failures;
                    }
                };
                tg.start([&] { send(std::string(big_size, 'x')); });
                for (int i = 0; i < 5; ++i)
                    tg.start([&, i] { send("sender " + std::to_string(i)); });
            });
        });
        with_server(server, [&](std::uint16_t port) {
            auto ep = connect(port);
            ep.send_packet("go");
            std::string received;
            backend::timeout(10s, [&] {
                for (std::ptrdiff_t lines = 0; lines < 6;) {
                    const std::string chunk = ep.transport().recv(1 << 20);
                    BOOST_REQUIRE(!chunk.empty());
                    lines += std::count(chunk.begin(), chunk.end(), '\n');
                    received += chunk;
                }
            });
            // Each line, the big one summarised (never print megabytes): whole packets only.
            std::vector<std::string> lines;
            std::size_t start = 0;
            for (std::size_t end; (end = received.find('\n', start)) != std::string::npos; start = end + 1) {
                const std::string_view line(received.data() + start, end - start);
                if (line.size() <= 100)
                    lines.emplace_back(line);
                else if (line.size() == big_size && line.find_first_not_of('x') == std::string_view::npos)
                    lines.emplace_back("<big packet>");
                else
                    lines.push_back("<corrupt packet of " + std::to_string(line.size()) + " bytes>");
            }
            const std::vector<std::string> in_order{"<big packet>", "sender 0", "sender 1",
                                                    "sender 2",     "sender 3", "sender 4"};
            if (easynet_test::single_threaded()) {
                BOOST_TEST(lines == in_order, boost::test_tools::per_element());
            } else { // several loop threads: the senders may queue in another order, each whole
                BOOST_TEST(std::multiset<std::string>(lines.begin(), lines.end()) ==
                           std::multiset<std::string>(in_order.begin(), in_order.end()));
            }
            ep.aclose();
        });
        BOOST_TEST(send_failures.load() == 0);
    });
}

BOOST_AUTO_TEST_CASE(tls_client_closing_without_close_notify_is_a_silent_disconnection_item_45_K3)
{
    easynet_test::log_capture logs;
    easynet_test::run([&] {
        struct echo_until_gone : servers::async_stream_request_handler<std::string, std::string> {
            backend::event gone = backend::create_event();
            void handle(client_type& client) override { client.send_packet(client.recv_request()); }
            void on_disconnection(client_type&) override { gone.set(); }
        };
        auto echo_handler = std::make_shared<echo_until_gone>();
        server_type server("127.0.0.1", 0, line_protocol(), echo_handler, {.ssl = tls_server_context()});
        with_server(server, [&](std::uint16_t port) {
            easynet::clients::async_tcp_network_client<std::string> client(
                "127.0.0.1", port, line_protocol(),
                {.ssl = tls_client_context(), .server_hostname = "localhost", .ssl_standard_compatible = false});
            client.send_packet("ragged");
            BOOST_TEST(client.recv_packet() == "ragged");
            client.aclose(); // no close_notify: the server reads a bare EOF
            backend::timeout(5s, [&] { echo_handler->gone.wait(); }); // before the shutdown
        });
    });
    BOOST_TEST(logs.count(log_level::error) == 0u);
    BOOST_TEST(logs.count(log_level::warning) == 0u);
    BOOST_TEST(logs.count(log_level::info, " disconnected") == 1u); // the teardown did run
}

BOOST_AUTO_TEST_SUITE_END()
