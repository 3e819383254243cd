#include <easynet/resource_warnings.hpp>

#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stapled_stream_transport.hpp>

#include <easynet_test/log_capture.hpp>
#include <easynet_test/resource_warnings.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <memory>
#include <string>

// SEMANTICS W7 for the blocking transports: one "unclosed <class ...>" WARNING when
// destroyed open (reports on), and the socket is closed all the same: the peer reads EOF.

namespace transports = easynet::lowlevel::api_sync::transports;
using easynet_test::log_capture;
using easynet_test::resource_warnings_setting;
using easynet_test::unclosed_reports;

namespace {

/// True when `fd` reads end of stream now (never blocks).
bool peer_sees_eof(int fd)
{
    char byte;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(resource_warnings)

BOOST_AUTO_TEST_CASE(unclosed_stream_transport_reports_once_and_closes_the_socket)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    auto pair = easynet_test::tcp_loopback_pair();
    { transports::socket_stream_transport transport(pair.release_first()); }
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_stream_transport fd="));
    BOOST_TEST(reports[0].find("laddr=127.0.0.1:") != std::string::npos);
    BOOST_TEST(peer_sees_eof(pair.second));
}

BOOST_AUTO_TEST_CASE(closed_stream_transport_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    auto pair = easynet_test::unix_stream_pair();
    {
        transports::socket_stream_transport transport(pair.release_first());
        transport.close();
    }
    BOOST_TEST(unclosed_reports(log).empty());
    BOOST_TEST(peer_sees_eof(pair.second));
}

BOOST_AUTO_TEST_CASE(reports_off_still_close_the_socket)
{
    const resource_warnings_setting setting(false);
    const log_capture log;
    auto pair = easynet_test::unix_stream_pair();
    { transports::socket_stream_transport transport(pair.release_first()); }
    BOOST_TEST(unclosed_reports(log).empty());
    BOOST_TEST(peer_sees_eof(pair.second));
}

BOOST_AUTO_TEST_CASE(unclosed_datagram_transport_reports_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    auto pair = easynet_test::unix_datagram_pair();
    { transports::socket_datagram_transport transport(pair.release_first()); }
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <socket_datagram_transport fd="));
    BOOST_TEST(reports[0].find("family=AF_UNIX") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unclosed_stapled_transport_reports_itself_not_its_halves)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    auto send_pair = easynet_test::unix_stream_pair();
    auto receive_pair = easynet_test::unix_stream_pair();
    {
        transports::stapled_stream_transport stapled(
            std::make_unique<transports::socket_stream_transport>(send_pair.release_first()),
            std::make_unique<transports::socket_stream_transport>(receive_pair.release_first()));
    }
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <stapled_stream_transport"));
    BOOST_TEST(peer_sees_eof(send_pair.second));
    BOOST_TEST(peer_sees_eof(receive_pair.second));
}

BOOST_AUTO_TEST_CASE(closed_stapled_transport_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    auto send_pair = easynet_test::unix_stream_pair();
    auto receive_pair = easynet_test::unix_stream_pair();
    {
        transports::stapled_stream_transport stapled(
            std::make_unique<transports::socket_stream_transport>(send_pair.release_first()),
            std::make_unique<transports::socket_stream_transport>(receive_pair.release_first()));
        stapled.close();
    }
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_SUITE_END()
