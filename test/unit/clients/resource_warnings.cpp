#include <easynet/resource_warnings.hpp>

#include "client_test_support.hpp"
#include "datagram_test_support.hpp"
#include "unix_test_support.hpp"

#include <easynet/clients/async_tcp_network_client.hpp>
#include <easynet/clients/async_udp_network_client.hpp>
#include <easynet/clients/async_unix_datagram_client.hpp>
#include <easynet/clients/async_unix_stream_client.hpp>
#include <easynet/clients/tcp_network_client.hpp>
#include <easynet/clients/udp_network_client.hpp>
#include <easynet/clients/unix_datagram_client.hpp>
#include <easynet/clients/unix_stream_client.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/resource_warnings.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

// SEMANTICS W7 for the clients: a connected client destroyed without (a)close reports
// itself once ("unclosed <tcp_network_client fd=...>"), not its endpoint's transport; a
// closed client or one that never connected reports nothing. Blocking clients close their
// socket at destruction all the same (the peer reads EOF).

using namespace clients_test;
using easynet_test::log_capture;
using easynet_test::resource_warnings_setting;
using easynet_test::unclosed_reports;
using easynet::lowlevel::unix_socket_address;

namespace {

/// True when `fd` reads end of stream now (never blocks).
bool peer_sees_eof(int fd)
{
    char byte;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
}

/// The one report in `log`, which must start with "unclosed <`class_name` fd=".
void check_one_report(const log_capture& log, const std::string& class_name)
{
    const auto reports = unclosed_reports(log);
    BOOST_REQUIRE_EQUAL(reports.size(), 1u);
    BOOST_TEST(reports[0].starts_with("unclosed <" + class_name + " fd="), reports[0]);
}

/// Closes `fd` at the end of the scope.
struct closing_fd {
    int fd;
    ~closing_fd() { ::close(fd); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(resource_warnings)

BOOST_AUTO_TEST_CASE(unclosed_async_tcp_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    tcp_listener server;
    easynet_test::run([&] {
        clients::async_tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
    });
    check_one_report(log, "async_tcp_network_client");
    BOOST_TEST(unclosed_reports(log)[0].find("raddr=127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(closed_async_tcp_client_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    tcp_listener server;
    easynet_test::run([&] {
        clients::async_tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        client.aclose();
    });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(never_connected_async_client_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    tcp_listener server;
    easynet_test::run([&] {
        clients::async_tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
    });
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(unclosed_async_unix_stream_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    unix_listener server;
    easynet_test::run([&] {
        clients::async_unix_stream_client<std::string> client(unix_socket_address::from_pathname(server.path()),
                                                              line_protocol());
        client.wait_connected();
    });
    check_one_report(log, "async_unix_stream_client");
}

BOOST_AUTO_TEST_CASE(unclosed_async_udp_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    udp_peer peer;
    easynet_test::run([&] {
        clients::async_udp_network_client<std::string> client("127.0.0.1", peer.port(), datagram_line_protocol());
        client.wait_connected();
    });
    check_one_report(log, "async_udp_network_client");
}

BOOST_AUTO_TEST_CASE(unclosed_async_unix_datagram_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    unix_datagram_peer peer;
    easynet_test::run([&] {
        clients::async_unix_datagram_client<std::string> client(unix_socket_address::from_pathname(peer.path()),
                                                                datagram_line_protocol());
        client.wait_connected();
    });
    check_one_report(log, "async_unix_datagram_client");
}

BOOST_AUTO_TEST_CASE(unclosed_tcp_client_reports_itself_once_and_closes_the_socket)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    tcp_listener server;
    int accepted = -1;
    {
        clients::tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
        accepted = server.accept();
    }
    const closing_fd peer{accepted};
    check_one_report(log, "tcp_network_client");
    BOOST_TEST(peer_sees_eof(peer.fd));
}

BOOST_AUTO_TEST_CASE(closed_tcp_client_reports_nothing)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    tcp_listener server;
    {
        clients::tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
        const closing_fd peer{server.accept()};
        client.close();
    }
    BOOST_TEST(unclosed_reports(log).empty());
}

BOOST_AUTO_TEST_CASE(tcp_client_with_reports_off_reports_nothing_and_closes_the_socket)
{
    const resource_warnings_setting setting(false);
    const log_capture log;
    tcp_listener server;
    int accepted = -1;
    {
        clients::tcp_network_client<std::string> client("127.0.0.1", server.port(), line_protocol());
        accepted = server.accept();
    }
    const closing_fd peer{accepted};
    BOOST_TEST(unclosed_reports(log).empty());
    BOOST_TEST(peer_sees_eof(peer.fd));
}

BOOST_AUTO_TEST_CASE(unclosed_unix_stream_client_reports_itself_once_and_closes_the_socket)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    unix_listener server;
    int accepted = -1;
    {
        clients::unix_stream_client<std::string> client(unix_socket_address::from_pathname(server.path()),
                                                        line_protocol());
        accepted = server.accept();
    }
    const closing_fd peer{accepted};
    check_one_report(log, "unix_stream_client");
    BOOST_TEST(peer_sees_eof(peer.fd));
}

BOOST_AUTO_TEST_CASE(unclosed_udp_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    udp_peer peer;
    { clients::udp_network_client<std::string> client("127.0.0.1", peer.port(), datagram_line_protocol()); }
    check_one_report(log, "udp_network_client");
}

BOOST_AUTO_TEST_CASE(unclosed_unix_datagram_client_reports_itself_once)
{
    const resource_warnings_setting setting(true);
    const log_capture log;
    unix_datagram_peer peer;
    {
        clients::unix_datagram_client<std::string> client(unix_socket_address::from_pathname(peer.path()),
                                                          datagram_line_protocol());
    }
    check_one_report(log, "unix_datagram_client");
}

BOOST_AUTO_TEST_SUITE_END()
