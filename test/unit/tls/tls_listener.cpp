#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>

#include "tls_support.hpp"

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/log_capture.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <vector>

using namespace tls_test;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::tls_attribute;
using transports::async_tls_listener;
using transports::tls_listener_options;

namespace {

constexpr const char* tls_logger_name = "easynet.lowlevel.api_async.transports.tls";
constexpr const char* handshake_warning = "Error in client task (during TLS handshake)";

std::uint16_t port_of(const transports::async_base_transport& t)
{
    return t.extra(socket_attribute::local_address).as_inet().port();
}

std::unique_ptr<async_tls_listener> make_listener(tls_listener_options options = {})
{
    auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
    BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
    return std::make_unique<async_tls_listener>(std::move(listeners[0]), server_context(), std::move(options));
}

/// A TLS client of the listener at `port`.
std::unique_ptr<async_tls_stream_transport> connect_tls(std::uint16_t port)
{
    return async_tls_stream_transport::wrap(backend::create_tcp_connection("127.0.0.1", port), client_context(),
                                            client_options());
}

/// Waits until the plain connection `t` is closed by the server (EOF or reset).
void wait_closed_by_server(transports::async_stream_transport& t)
{
    backend::timeout(10s, [&] {
        try {
            while (!t.recv(64 * 1024).empty()) {
            }
        } catch (const boost::system::system_error&) {
        }
    });
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_listener)

BOOST_AUTO_TEST_CASE(serve_hands_out_tls_transports_after_the_handshake_K1)
{
    easynet_test::run([] {
        auto listener = make_listener();
        const auto port = port_of(*listener);
        std::vector<std::string> versions;
        std::atomic<int> tls_transports{0};
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                    if (dynamic_cast<async_tls_stream_transport*>(t.get()) != nullptr)
                        ++tls_transports;
                    versions.push_back(t->extra(tls_attribute::tls_version));
                    std::string data = t->recv(1024);
                    t->send_all("echo:" + data);
                    t->aclose();
                });
            });
            for (int i = 0; i < 3; ++i) {
                auto client = connect_tls(port);
                client->send_all(std::to_string(i));
                BOOST_TEST(recv_exactly(*client, 6) == "echo:" + std::to_string(i));
                BOOST_TEST(client->recv(16).empty()); // the server's close_notify
                client->aclose();
            }
            tg.cancel();
        });
        BOOST_TEST(tls_transports == 3);
        BOOST_TEST(versions == std::vector<std::string>(3, "TLSv1.3"), boost::test_tools::per_element());
    });
}

BOOST_AUTO_TEST_CASE(a_pending_handshake_does_not_block_accepting_K1)
{
    easynet_test::run([] {
        auto listener = make_listener();
        const auto port = port_of(*listener);
        int handled = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                    ++handled;
                    t->send_all("hi");
                    t->recv(16);
                });
            });
            auto silent = backend::create_tcp_connection("127.0.0.1", port); // never says hello
            auto client = connect_tls(port);
            BOOST_TEST(recv_exactly(*client, 2) == "hi");
            tg.cancel();
        });
        BOOST_TEST(handled == 1);
    });
}

BOOST_AUTO_TEST_CASE(handshake_timeout_closes_silently_K1)
{
    easynet_test::run([] {
        easynet_test::log_capture logs;
        tls_listener_options options;
        options.handshake_timeout = 200ms;
        auto listener = make_listener(options);
        const auto port = port_of(*listener);
        int handled = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { listener->serve([&](auto) { ++handled; }); });
            auto silent = backend::create_tcp_connection("127.0.0.1", port);
            const double start = backend::current_time();
            wait_closed_by_server(*silent);
            BOOST_TEST(backend::current_time() - start >= 0.15);
            tg.cancel();
        });
        BOOST_TEST(handled == 0);
        BOOST_TEST(logs.count(easynet::log_level::warning) == 0u);
    });
}

BOOST_AUTO_TEST_CASE(client_leaving_during_the_handshake_is_silent_K1)
{
    easynet_test::run([] {
        easynet_test::log_capture logs;
        auto listener = make_listener();
        const auto port = port_of(*listener);
        int handled = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { listener->serve([&](auto) { ++handled; }); });
            // EOF before any byte, then EOF inside a TLS record: ordinary disconnections
            // (an SSL "unexpected EOF"), not worth a warning. The server closes each one.
            auto leaving = backend::create_tcp_connection("127.0.0.1", port);
            leaving->send_eof();
            wait_closed_by_server(*leaving);
            auto half_hello = backend::create_tcp_connection("127.0.0.1", port);
            half_hello->send_all(std::string("\x16\x03\x01\x00\x80\x01\x00", 7)); // truncated ClientHello
            half_hello->send_eof();
            wait_closed_by_server(*half_hello);
            tg.cancel();
        });
        BOOST_TEST(handled == 0);
        BOOST_TEST(logs.count(easynet::log_level::warning) == 0u);
    });
}

BOOST_AUTO_TEST_CASE(protocol_errors_are_logged_as_warnings_K1)
{
    easynet_test::run([] {
        auto logged = backend::create_event();
        easynet_test::log_capture logs([&](const easynet_test::captured_record& r) {
            if (r.message == handshake_warning)
                logged.set();
        });
        auto listener = make_listener();
        const auto port = port_of(*listener);
        int handled = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { listener->serve([&](auto) { ++handled; }); });
            auto raw = backend::create_tcp_connection("127.0.0.1", port);
            raw->send_all("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            backend::timeout(10s, [&] { logged.wait(); });
            wait_closed_by_server(*raw);
            tg.cancel();
        });
        BOOST_TEST(handled == 0);
        auto records = logs.records();
        std::size_t warnings = 0;
        for (const auto& r : records) {
            if (r.level != easynet::log_level::warning)
                continue;
            ++warnings;
            BOOST_TEST(r.logger == tls_logger_name);
            BOOST_TEST(r.message == handshake_warning);
            BOOST_REQUIRE(static_cast<bool>(r.exception));
            auto ec = error_code_of(r.exception);
            BOOST_TEST(in_ssl_category(ec), what_of(r.exception));
        }
        BOOST_TEST(warnings == 1u);
    });
}

BOOST_AUTO_TEST_CASE(handshake_error_handler_replaces_the_default_report)
{
    easynet_test::run([] {
        easynet_test::log_capture logs;
        std::vector<std::exception_ptr> errors;
        auto called = backend::create_event();
        tls_listener_options options;
        options.handshake_timeout = 200ms;
        options.handshake_error_handler = [&](std::exception_ptr e) {
            errors.push_back(e);
            called.set();
        };
        auto listener = make_listener(std::move(options));
        const auto port = port_of(*listener);
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { listener->serve([](auto) {}); });
            auto raw = backend::create_tcp_connection("127.0.0.1", port);
            raw->send_all("not TLS at all, not TLS at all");
            backend::timeout(10s, [&] { called.wait(); });
            tg.cancel();
        });
        BOOST_REQUIRE_EQUAL(errors.size(), 1u);
        BOOST_TEST(in_ssl_category(error_code_of(errors[0])));
        BOOST_TEST(logs.count(easynet::log_level::warning) == 0u);
    });
}

BOOST_AUTO_TEST_CASE(handshake_error_handler_that_throws_is_logged)
{
    easynet_test::run([] {
        auto logged = backend::create_event();
        easynet_test::log_capture logs([&](const easynet_test::captured_record& r) {
            if (r.message == handshake_warning)
                logged.set();
        });
        tls_listener_options options;
        options.handshake_timeout = 200ms;
        options.handshake_error_handler = [](std::exception_ptr) { throw std::runtime_error("handler bug"); };
        auto listener = make_listener(std::move(options));
        const auto port = port_of(*listener);
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { listener->serve([](auto) {}); });
            auto silent = backend::create_tcp_connection("127.0.0.1", port); // times out
            backend::timeout(10s, [&] { logged.wait(); });
            tg.cancel();
        });
        auto records = logs.records();
        BOOST_REQUIRE(!records.empty());
        bool found = false;
        for (const auto& r : records)
            found = found || (r.level == easynet::log_level::warning && what_of(r.exception) == "handler bug");
        BOOST_TEST(found);
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_are_the_listeners_plus_tls_ones)
{
    easynet_test::run([] {
        tls_listener_options options;
        options.standard_compatible = false;
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto context = server_context();
        async_tls_listener listener(std::move(listeners[0]), context, options);
        BOOST_TEST(listener.extra(tls_attribute::sslcontext) == context);
        BOOST_TEST(listener.extra(tls_attribute::standard_compatible) == false);
        BOOST_TEST(port_of(listener) != 0);
        BOOST_CHECK_THROW(listener.extra(tls_attribute::peercert), easynet::typed_attribute_lookup_error);
        BOOST_TEST(!listener.is_closing());
        listener.aclose();
        BOOST_TEST(listener.is_closing());
    });
}

BOOST_AUTO_TEST_CASE(constructor_rejects_null_arguments)
{
    easynet_test::run([] {
        BOOST_CHECK_THROW(async_tls_listener(nullptr, server_context()), std::invalid_argument);
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        BOOST_CHECK_THROW(async_tls_listener(std::move(listeners[0]), nullptr), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_SUITE_END()
