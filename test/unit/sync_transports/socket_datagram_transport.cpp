#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/network.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <functional>
#include <string>

namespace transports = easynet::lowlevel::api_sync::transports;
using easynet::lowlevel::socket_attribute;
using transports::no_timeout;
using transports::seconds;
using transport = transports::socket_datagram_transport;
using namespace std::chrono_literals;

namespace {

double now() { return easynet::lowlevel::api_async::backend::current_time(); }

int error_of(const std::function<void()>& f)
{
    try {
        f();
    } catch (const boost::system::system_error& e) {
        return e.code().value();
    }
    return 0;
}

std::string pattern(std::size_t size)
{
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 7 + 3) % 253);
    return s;
}

void check_largest_udp_datagram_round_trips(bool ipv6)
{
    auto fds = easynet_test::udp_loopback_pair(ipv6);
    transport a(fds.release_first());
    transport b(fds.release_second());
    // 65,507 = 65,535 - 8 (UDP header) - 20 (IPv4 header): the largest IPv4 UDP payload.
    const std::string big = pattern(65507);
    a.send(big, 5s);
    BOOST_CHECK(b.recv(5s) == big);
    b.send("ack", 5s);
    BOOST_CHECK_EQUAL(a.recv(5s), "ack");
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_datagram_transport)

BOOST_AUTO_TEST_CASE(recv_with_zero_timeout_is_one_non_blocking_attempt_Y2)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first());
    const double start = now();
    BOOST_CHECK_THROW(t.recv(seconds{0}), easynet::timeout_error);
    BOOST_CHECK_LT(now() - start, 0.5);
    BOOST_REQUIRE_EQUAL(::send(fds.second, "abc", 3, 0), 3);
    BOOST_CHECK_EQUAL(t.recv(seconds{0}), "abc");
}

BOOST_AUTO_TEST_CASE(recv_with_finite_timeout_expires_after_the_delay_Y2)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first(), 10ms);
    const double start = now();
    try {
        t.recv(200ms);
        BOOST_FAIL("no timeout");
    } catch (const easynet::timeout_error& e) {
        BOOST_CHECK(e.code() == boost::system::errc::timed_out);
    }
    const double elapsed = now() - start;
    BOOST_CHECK_GE(elapsed, 0.19);
    BOOST_CHECK_LT(elapsed, 2.0);
}

BOOST_AUTO_TEST_CASE(negative_or_nan_timeout_is_invalid_argument)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first());
    BOOST_CHECK_THROW(t.recv(seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(t.recv(seconds{std::nan("")}), std::invalid_argument);
    BOOST_CHECK_THROW(t.send("x", seconds{-0.5}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(datagrams_keep_their_boundaries_and_empty_datagrams_round_trip)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport a(fds.release_first());
    transport b(fds.release_second());
    a.send("first", no_timeout);
    a.send("", no_timeout);
    a.send("third", 1s);
    BOOST_CHECK_EQUAL(b.recv(5s), "first");
    BOOST_CHECK_EQUAL(b.recv(5s), "");
    BOOST_CHECK_EQUAL(b.recv(5s), "third");
    BOOST_CHECK_THROW(b.recv(seconds{0}), easynet::timeout_error);
}

BOOST_AUTO_TEST_CASE(largest_udp_datagram_round_trips_over_ipv4)
{
    check_largest_udp_datagram_round_trips(false);
}

BOOST_AUTO_TEST_CASE(largest_udp_datagram_round_trips_over_ipv6)
{
    EASYNET_TEST_REQUIRE_IPV6();
    check_largest_udp_datagram_round_trips(true);
}

BOOST_AUTO_TEST_CASE(default_buffer_is_64_kib)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first());
    BOOST_CHECK_EQUAL(t.max_datagram_size(), 65536u);
    int size = 256 * 1024;
    ::setsockopt(fds.second, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
    const std::string exact = pattern(65536);
    BOOST_REQUIRE_EQUAL(::send(fds.second, exact.data(), exact.size(), 0), 65536);
    BOOST_CHECK(t.recv(5s) == exact);
}

BOOST_AUTO_TEST_CASE(datagram_longer_than_the_buffer_is_reported_as_emsgsize_not_cut)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first(), 1s, 16);
    const std::string too_long(17, 'x');
    BOOST_REQUIRE_EQUAL(::send(fds.second, too_long.data(), too_long.size(), 0), 17);
    BOOST_REQUIRE_EQUAL(::send(fds.second, "next", 4, 0), 4);
    try {
        t.recv(5s);
        BOOST_FAIL("the truncated datagram was returned");
    } catch (const boost::system::system_error& e) {
        BOOST_CHECK_EQUAL(e.code().value(), EMSGSIZE);
        BOOST_CHECK_NE(std::string(e.what()).find("longer than 16 bytes"), std::string::npos);
    }
    BOOST_CHECK_EQUAL(t.recv(5s), "next"); // the long one was dropped, the next one is intact
    const std::string exactly(16, 'y');
    BOOST_REQUIRE_EQUAL(::send(fds.second, exactly.data(), exactly.size(), 0), 16);
    BOOST_CHECK_EQUAL(t.recv(5s), exactly);
}

BOOST_AUTO_TEST_CASE(too_big_datagram_send_fails_with_emsgsize)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first());
    BOOST_CHECK_EQUAL(error_of([&] { t.send(std::string(70000, 'x'), 1s); }), EMSGSIZE);
}

BOOST_AUTO_TEST_CASE(send_with_zero_timeout_on_a_full_socket_times_out_Y2)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first(), 10ms);
    const std::string chunk(1024, 'z');
    int sent = 0;
    try {
        for (; sent < 100000; ++sent)
            t.send(chunk, seconds{0});
        BOOST_FAIL("the socket never filled up");
    } catch (const easynet::timeout_error&) {
    }
    BOOST_CHECK_GT(sent, 0);
    const double start = now();
    BOOST_CHECK_THROW(t.send(chunk, 100ms), easynet::timeout_error);
    BOOST_CHECK_GE(now() - start, 0.09);
    char buf[2048];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 1024); // room again
    t.send(chunk, 1s);
}

BOOST_AUTO_TEST_CASE(udp_peer_without_a_socket_surfaces_as_connection_refused)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first());
    ::close(fds.release_second());
    t.send("ping", 1s); // the ICMP port unreachable answer comes back asynchronously
    BOOST_CHECK_EQUAL(error_of([&] { t.recv(5s); }), ECONNREFUSED);
}

BOOST_AUTO_TEST_CASE(close_is_idempotent_and_later_calls_fail_with_ebadf)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first());
    auto proxy = t.extra(socket_attribute::socket);
    BOOST_CHECK_GE(proxy.fileno(), 0);
    BOOST_CHECK(!t.is_closed());
    t.close();
    t.close();
    BOOST_CHECK(t.is_closed());
    BOOST_CHECK_EQUAL(proxy.fileno(), -1);
    BOOST_CHECK_EQUAL(error_of([&] { t.recv(seconds{0}); }), EBADF);
    BOOST_CHECK_EQUAL(error_of([&] { t.send("x", seconds{0}); }), EBADF);
}

BOOST_AUTO_TEST_CASE(destruction_closes_the_socket_W7)
{
    auto fds = easynet_test::unix_datagram_pair();
    const std::size_t before = easynet_test::open_fd_count();
    {
        transport t(fds.release_first());
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before - 1);
    BOOST_CHECK_EQUAL(::send(fds.second, "x", 1, MSG_DONTWAIT), -1); // the peer sees the close
    BOOST_CHECK_EQUAL(errno, ECONNREFUSED);
}

BOOST_AUTO_TEST_CASE(constructor_rejects_bad_arguments_and_leaves_the_descriptor_open)
{
    auto fds = easynet_test::unix_datagram_pair();
    BOOST_CHECK_THROW(transport(fds.first, seconds{0}), std::invalid_argument);
    BOOST_CHECK_THROW(transport(fds.first, seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(transport(fds.first, 1s, 0), std::invalid_argument);
    BOOST_CHECK_THROW(transport(-1), std::invalid_argument);
    auto stream = easynet_test::unix_stream_pair();
    try {
        transport t(stream.first);
        BOOST_FAIL("a stream socket was accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_CHECK_NE(std::string(e.what()).find("SOCK_DGRAM"), std::string::npos);
    }
    BOOST_CHECK_GE(::fcntl(stream.first, F_GETFD), 0);
    BOOST_CHECK_EQUAL(::fcntl(fds.first, F_GETFL) & O_NONBLOCK, 0); // untouched
    transport t(fds.release_first(), no_timeout);
    BOOST_CHECK(t.retry_interval() == no_timeout);
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_the_udp_socket)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first());
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::family), AF_INET);
    const auto local = t.extra(socket_attribute::local_address);
    const auto remote = t.extra(socket_attribute::remote_address);
    BOOST_CHECK_NE(local.as_inet().port(), 0);
    BOOST_CHECK_NE(remote.as_inet().port(), 0);
    BOOST_CHECK_NE(local.as_inet().port(), remote.as_inet().port());
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::socket).type(), SOCK_DGRAM);
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_the_unix_datagram_socket)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first());
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::family), AF_UNIX);
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::socket).type(), SOCK_DGRAM);
}

BOOST_AUTO_TEST_SUITE_END()
