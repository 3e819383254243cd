#include <easynet/resource_warnings.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/transports/stapled_stream_transport.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/resource_warnings.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

// SEMANTICS W7: async transports and listeners destroyed while open report one
// "unclosed <class ...>" WARNING when the reports are on; closed ones, or with the reports
// off, nothing. An owner (stapled transport) reports itself, never its halves.

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet_test::log_capture;
using easynet_test::resource_warnings_setting;
using easynet_test::unclosed_reports;

namespace {

/// Runs `fn` (in a task) with the reports set to `enabled`; returns the reports emitted.
template <class F>
std::vector<std::string> reports_of(bool enabled, F fn)
{
    const resource_warnings_setting setting(enabled);
    const log_capture log;
    easynet_test::run(fn);
    return unclosed_reports(log);
}

backend::stream_transport_ptr unix_stream_transport()
{
    auto pair = easynet_test::unix_stream_pair();
    auto transport = backend::wrap_stream_socket(pair.release_first());
    return transport; // the peer end closes with `pair`
}

} // namespace

BOOST_AUTO_TEST_SUITE(resource_warnings)

BOOST_AUTO_TEST_CASE(set_resource_warnings_returns_the_previous_setting)
{
    const resource_warnings_setting setting(true);
    BOOST_TEST(easynet::resource_warnings_enabled());
    BOOST_TEST(easynet::set_resource_warnings(false) == true);
    BOOST_TEST(!easynet::resource_warnings_enabled());
    BOOST_TEST(easynet::set_resource_warnings(true) == false);
    BOOST_TEST(easynet::resource_warnings_enabled());
}

BOOST_AUTO_TEST_CASE(unclosed_stream_transport_reports_once_naming_the_class)
{
    const auto reports = reports_of(true, [] { auto transport = unix_stream_transport(); });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_stream_transport fd="));
    BOOST_TEST(reports[0].find("family=AF_UNIX") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unclosed_tcp_transport_report_shows_both_addresses)
{
    const auto reports = reports_of(true, [] {
        auto pair = easynet_test::tcp_loopback_pair();
        auto transport = backend::wrap_stream_socket(pair.release_first());
    });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].find("family=AF_INET, laddr=127.0.0.1:") != std::string::npos);
    BOOST_TEST(reports[0].find("raddr=127.0.0.1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closed_stream_transport_reports_nothing)
{
    const auto reports = reports_of(true, [] {
        auto transport = unix_stream_transport();
        transport->aclose();
    });
    BOOST_TEST(reports.empty());
}

BOOST_AUTO_TEST_CASE(reports_off_report_nothing)
{
    const auto reports = reports_of(false, [] {
        auto transport = unix_stream_transport();
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
    });
    BOOST_TEST(reports.empty());
}

BOOST_AUTO_TEST_CASE(unclosed_datagram_transport_reports_once)
{
    const auto reports = reports_of(true, [] {
        auto pair = easynet_test::udp_loopback_pair();
        auto transport = backend::wrap_connected_datagram_socket(pair.release_first());
    });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_datagram_transport fd="));
    BOOST_TEST(reports[0].find("raddr=127.0.0.1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closed_datagram_transport_reports_nothing)
{
    const auto reports = reports_of(true, [] {
        auto pair = easynet_test::udp_loopback_pair();
        auto transport = backend::wrap_connected_datagram_socket(pair.release_first());
        transport->aclose();
    });
    BOOST_TEST(reports.empty());
}

BOOST_AUTO_TEST_CASE(unclosed_stream_listener_reports_once)
{
    const auto reports = reports_of(true, [] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
    });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_stream_listener fd="));
    BOOST_TEST(reports[0].find("laddr=127.0.0.1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closed_stream_listener_reports_nothing)
{
    const auto reports = reports_of(true, [] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        for (auto& l : listeners)
            l->aclose();
    });
    BOOST_TEST(reports.empty());
}

BOOST_AUTO_TEST_CASE(unclosed_datagram_listener_reports_once)
{
    const auto reports = reports_of(true, [] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
    });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_datagram_listener fd="));
}

BOOST_AUTO_TEST_CASE(unclosed_stapled_transport_reports_itself_not_its_halves)
{
    const auto reports = reports_of(true, [] {
        transports::async_stapled_stream_transport stapled(unix_stream_transport(), unix_stream_transport());
    });
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <async_stapled_stream_transport"));
}

BOOST_AUTO_TEST_CASE(closed_stapled_transport_reports_nothing)
{
    const auto reports = reports_of(true, [] {
        transports::async_stapled_stream_transport stapled(unix_stream_transport(), unix_stream_transport());
        stapled.aclose();
    });
    BOOST_TEST(reports.empty());
}

BOOST_AUTO_TEST_SUITE_END()
