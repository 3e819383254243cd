#include <easynet/servers/stream_request_handler.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <string>

// Handler behaviours through a real TCP server (SEMANTICS H4, H10, H11, H20, K1, items
// 15-18, 44, 47) and bad input: the server logs what SEMANTICS says and keeps serving.

namespace backend = easynet::lowlevel::api_async::backend;
namespace endpoints = easynet::lowlevel::api_async::endpoints;
namespace transports = easynet::lowlevel::api_async::transports;
namespace servers = easynet::servers;
namespace protocol = easynet::protocol;
namespace serializers = easynet::serializers;
using easynet::log_level;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

using server_type = servers::async_tcp_network_server<std::string, std::string>;
using client_type = server_type::client_type;
using endpoint_type = endpoints::async_stream_endpoint<std::string>;

protocol::stream_protocol<std::string> line_protocol()
{
    return protocol::stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

template <class Body>
void with_server(server_type& server, Body body)
{
    backend::with_task_group([&](backend::task_group& tg) {
        auto up = backend::create_event();
        tg.start_soon([&] { server.serve_forever(up); });
        backend::timeout(5s, [&] { up.wait(); });
        body(server.get_addresses().front().as_inet().port());
        backend::timeout(5s, [&] { server.shutdown(); });
    });
    server.server_close();
}

endpoint_type connect(std::uint16_t port)
{
    return endpoint_type(backend::create_tcp_connection("127.0.0.1", port), line_protocol());
}

/// An echo that also answers parse errors; a second client checks the server still serves.
void check_still_serving(std::uint16_t port)
{
    auto other = connect(port);
    other.send_packet("still there?");
    BOOST_TEST(other.recv_packet() == "still there?");
    other.aclose();
}

bool closed_by_server(endpoint_type& ep)
{
    try {
        backend::timeout(5s, [&] {
            for (;;)
                ep.recv_packet();
        });
    } catch (const easynet::timeout_error&) {
        return false;
    } catch (const boost::system::system_error&) {
        return true;
    }
    return true;
}

void reset(endpoint_type& ep)
{
    const ::linger value{1, 0};
    ep.extra(socket_attribute::socket).set_option(SOL_SOCKET, SO_LINGER, &value, sizeof value);
    ep.aclose();
}

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


namespace {
std::shared_ptr<boost::asio::ssl::context> server_tls_context()
{
    const std::string dir = EASYNET_TEST_DATA_DIR + std::string("/tls/");
    return easynet::lowlevel::ssl::create_server_context(dir + "server.pem", dir + "server.key");
}
} // namespace

BOOST_AUTO_TEST_CASE(tls_plain_text_client_and_silent_client_items_44_K1)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        server_type server("127.0.0.1", 0, line_protocol(), [](client_type& client) {
            client.send_packet(client.recv_request());
        },
                           {.ssl = server_tls_context(), .ssl_handshake_timeout = backend::seconds(0.3)});
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
            const std::string dir = EASYNET_TEST_DATA_DIR + std::string("/tls/");
            transports::tls_transport_options options;
            options.server_hostname = "127.0.0.1";
            auto tls = transports::async_tls_stream_transport::wrap(
                backend::create_tcp_connection("127.0.0.1", port),
                easynet::lowlevel::ssl::create_default_client_context(dir + "ca.pem"), options);
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

BOOST_AUTO_TEST_SUITE_END()
