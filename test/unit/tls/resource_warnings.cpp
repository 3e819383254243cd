#include <easynet/resource_warnings.hpp>

#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/ssl_stream_transport.hpp>

#include <easynet_test/log_capture.hpp>
#include <easynet_test/resource_warnings.hpp>

#include "tls_support.hpp"

#include <boost/test/unit_test.hpp>

#include <future>
#include <memory>
#include <string>
#include <vector>

// SEMANTICS W7 for TLS: a TLS transport or listener destroyed open reports itself once
// ("unclosed <async_tls_stream_transport ...>"), never the socket transport it wraps.

using namespace tls_test;
using easynet_test::log_capture;
using easynet_test::resource_warnings_setting;
using easynet_test::unclosed_reports;

BOOST_AUTO_TEST_SUITE(resource_warnings)

BOOST_AUTO_TEST_CASE(unclosed_tls_transports_report_themselves_not_the_wrapped_socket)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] { auto pair = make_tls_pair(); });
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 2u);
    for (const auto& report : reports) {
        BOOST_TEST(report.starts_with("unclosed <async_tls_stream_transport fd="));
        BOOST_TEST(report.find("laddr=127.0.0.1:") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(closed_tls_transports_report_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        auto pair = make_tls_pair();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { pair.server->aclose(); });
            pair.client->aclose();
        });
    });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(unclosed_tls_listener_reports_itself_not_the_socket_listener)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        transports::async_tls_listener listener(std::move(listeners.at(0)), server_context());
    });
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <async_tls_listener fd="));
}

BOOST_AUTO_TEST_CASE(closed_tls_listener_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        transports::async_tls_listener listener(std::move(listeners.at(0)), server_context());
        listener.aclose();
    });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(unclosed_blocking_tls_transports_report_themselves_not_the_wrapped_socket)
{
    namespace sync_transports = easynet::lowlevel::api_sync::transports;
    using sync_transports::ssl_stream_transport;
    const resource_warnings_setting setting(true);
    const log_capture log;
    {
        sync_transports::ssl_transport_options client;
        client.server_hostname = "localhost";
        client.handshake_timeout = sync_transports::seconds(10);
        sync_transports::ssl_transport_options server;
        server.server_side = true;
        server.handshake_timeout = sync_transports::seconds(10);
        const auto fds = tcp_socket_pair();
        auto server_end = std::async(std::launch::async, [&] {
            return std::make_unique<ssl_stream_transport>(
                std::make_unique<sync_transports::socket_stream_transport>(fds.server), server_context(), server);
        });
        ssl_stream_transport client_end(std::make_unique<sync_transports::socket_stream_transport>(fds.client),
                                        client_context(), client);
        const auto server_transport = server_end.get();
    }
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 2u);
    for (const auto& report : reports)
        BOOST_TEST(report.starts_with("unclosed <ssl_stream_transport fd="));
}

BOOST_AUTO_TEST_SUITE_END()
