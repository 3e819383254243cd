#include <easynet/resource_warnings.hpp>

#include "server_test_support.hpp"

#include <easynet/servers/async_udp_network_server.hpp>
#include <easynet/servers/async_unix_stream_server.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/datagram_server.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/resource_warnings.hpp>

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

// SEMANTICS W7 for the servers: an activated server destroyed without server_close()
// reports itself once ("unclosed <async_tcp_network_server fd=...>"), not its listeners;
// a closed server, or one never activated, reports nothing.

using namespace servers_test;
using easynet_test::log_capture;
using easynet_test::resource_warnings_setting;
using easynet_test::unclosed_reports;

namespace {

/// The one report in `log`, which must start with "unclosed <`class_name` fd=".
void check_one_report(const log_capture& log, const std::string& class_name)
{
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <" + class_name + " fd="), reports[0]);
}

} // namespace

BOOST_AUTO_TEST_SUITE(resource_warnings)

BOOST_AUTO_TEST_CASE(unclosed_activated_tcp_server_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        tcp_server_type server("127.0.0.1", 0, line_protocol(), echo());
        server.server_activate();
    });
    check_one_report(log, "async_tcp_network_server");
    BOOST_TEST(unclosed_reports(log)[0].find("laddr=127.0.0.1:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closed_tcp_server_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        tcp_server_type server("127.0.0.1", 0, line_protocol(), echo());
        server.server_activate();
        server.server_close();
    });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(never_activated_server_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] { tcp_server_type server("127.0.0.1", 0, line_protocol(), echo()); });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(unclosed_unix_stream_server_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::temp_dir dir;
    const auto path = dir / "s.sock";
    easynet_test::run([&] {
        servers::async_unix_stream_server<std::string, std::string> server(
            easynet::lowlevel::unix_socket_address(path.string()), line_protocol(), echo());
        server.server_activate();
    });
    check_one_report(log, "async_unix_stream_server");
}

BOOST_AUTO_TEST_CASE(unclosed_udp_server_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    easynet_test::run([] {
        using udp_server_type = servers::async_udp_network_server<std::string, std::string>;
        udp_server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(),
                               [](udp_server_type::client_type&) {});
        server.server_activate();
    });
    check_one_report(log, "async_udp_network_server");
}

BOOST_AUTO_TEST_SUITE_END()
