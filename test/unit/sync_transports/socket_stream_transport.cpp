#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
using easynet::lowlevel::socket_attribute;
using transports::no_timeout;
using transports::seconds;
using transport = transports::socket_stream_transport;
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

} // namespace

BOOST_AUTO_TEST_SUITE(socket_stream_transport)

BOOST_AUTO_TEST_CASE(recv_with_zero_timeout_is_one_non_blocking_attempt_Y2)
{
    auto fds = easynet_test::unix_stream_pair();
    transport t(fds.release_first());
    const double start = now();
    BOOST_CHECK_THROW(t.recv(16, seconds{0}), easynet::timeout_error);
    BOOST_CHECK_LT(now() - start, 0.5);
    easynet_test::write_all(fds.second, "abc");
    BOOST_CHECK_EQUAL(t.recv(16, seconds{0}), "abc");
}

BOOST_AUTO_TEST_CASE(recv_with_finite_timeout_expires_after_the_delay)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first(), 10ms);
    const double start = now();
    try {
        t.recv(16, 200ms);
        BOOST_FAIL("no timeout");
    } catch (const easynet::timeout_error& e) {
        BOOST_CHECK(e.code() == boost::system::errc::timed_out);
    }
    const double elapsed = now() - start;
    BOOST_CHECK_GE(elapsed, 0.19);
    BOOST_CHECK_LT(elapsed, 2.0);
}

BOOST_AUTO_TEST_CASE(recv_with_infinite_timeout_returns_available_data)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    easynet_test::write_all(fds.second, "hello");
    std::string got;
    while (got.size() < 5)
        got += t.recv(16, no_timeout);
    BOOST_CHECK_EQUAL(got, "hello");
}

BOOST_AUTO_TEST_CASE(negative_or_nan_timeout_is_invalid_argument)
{
    auto fds = easynet_test::unix_stream_pair();
    transport t(fds.release_first());
    BOOST_CHECK_THROW(t.recv(16, seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(t.recv(16, seconds{std::nan("")}), std::invalid_argument);
    BOOST_CHECK_THROW(t.send_all("x", seconds{-0.5}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(constructor_rejects_bad_arguments_and_leaves_the_descriptor_open)
{
    auto fds = easynet_test::unix_stream_pair();
    BOOST_CHECK_THROW(transport(fds.first, seconds{0}), std::invalid_argument);
    BOOST_CHECK_THROW(transport(fds.first, seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(transport(-1), std::invalid_argument);
    int dgram[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, dgram) == 0);
    BOOST_CHECK_THROW(transport{dgram[0]}, std::invalid_argument);
    BOOST_CHECK_EQUAL(::fcntl(dgram[0], F_GETFD) >= 0, true);
    ::close(dgram[0]);
    ::close(dgram[1]);
    int pipe_fds[2];
    BOOST_REQUIRE(::pipe(pipe_fds) == 0);
    BOOST_CHECK_THROW(transport{pipe_fds[0]}, std::invalid_argument);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    // The stream socket is still usable: the failed constructions did not take it.
    transport t(fds.release_first(), no_timeout);
    BOOST_CHECK(t.retry_interval() == no_timeout);
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_sends_more_buffers_than_iov_max_in_order_W5)
{
    auto fds = easynet_test::unix_stream_pair();
    transport t(fds.release_first());
    const long iov_max = ::sysconf(_SC_IOV_MAX);
    const std::size_t count = static_cast<std::size_t>(iov_max > 0 ? iov_max : 1024) * 3 + 7;
    std::vector<std::string> storage;
    std::string expected;
    for (std::size_t i = 0; i < count; ++i) {
        storage.push_back(std::to_string(i % 10));
        if (i % 5 == 0)
            storage.emplace_back(); // empty buffers are skipped
        expected += std::to_string(i % 10);
    }
    std::vector<std::string_view> views(storage.begin(), storage.end());
    t.send_all_from_iterable(views, 5s);
    std::string got(expected.size(), '\0');
    std::size_t done = 0;
    while (done < got.size()) {
        const ssize_t n = ::recv(fds.second, got.data() + done, got.size() - done, 0);
        BOOST_REQUIRE_GT(n, 0);
        done += static_cast<std::size_t>(n);
    }
    BOOST_CHECK(got == expected);
}

BOOST_AUTO_TEST_CASE(send_with_zero_timeout_on_a_full_socket_times_out)
{
    auto fds = easynet_test::unix_stream_pair();
    transport t(fds.release_first());
    const std::string chunk(64 * 1024, 'x');
    bool timed_out = false;
    for (int i = 0; i < 10000 && !timed_out; ++i) {
        try {
            t.send(chunk, seconds{0});
        } catch (const easynet::timeout_error&) {
            timed_out = true;
        }
    }
    BOOST_CHECK(timed_out);
    const double start = now();
    BOOST_CHECK_THROW(t.send_all(chunk, 100ms), easynet::timeout_error);
    BOOST_CHECK_GE(now() - start, 0.09);
}

BOOST_AUTO_TEST_CASE(end_of_stream_reads_zero_and_sending_still_works_C7)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    BOOST_REQUIRE(::shutdown(fds.second, SHUT_WR) == 0);
    BOOST_CHECK_EQUAL(t.recv(16, 5s), "");
    BOOST_CHECK_EQUAL(t.recv(16, 5s), "");
    t.send_all("still", 5s);
    char buf[8];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 5);
}

BOOST_AUTO_TEST_CASE(send_eof_lets_the_peer_read_end_of_stream)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    t.send_all("bye", 5s);
    t.send_eof();
    t.send_eof(); // idempotent at the socket level
    char buf[8];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 3);
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 0);
    BOOST_CHECK_EQUAL(error_of([&] { t.send_all("x", 1s); }), EPIPE);
}

BOOST_AUTO_TEST_CASE(close_is_idempotent_and_later_calls_fail_with_ebadf)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    auto proxy = t.extra(socket_attribute::socket);
    BOOST_CHECK_GE(proxy.fileno(), 0);
    BOOST_CHECK(!t.is_closed());
    t.close();
    t.close();
    BOOST_CHECK(t.is_closed());
    BOOST_CHECK_EQUAL(proxy.fileno(), -1);
    BOOST_CHECK_EQUAL(error_of([&] { t.recv(4, seconds{0}); }), EBADF);
    BOOST_CHECK_EQUAL(error_of([&] { t.send_all("x", seconds{0}); }), EBADF);
    BOOST_CHECK_EQUAL(error_of([&] { t.send_eof(); }), EBADF);
    char buf[4];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 0); // the peer sees the close
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_the_tcp_socket)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::family), AF_INET);
    const auto local = t.extra(socket_attribute::local_address);
    const auto remote = t.extra(socket_attribute::remote_address);
    BOOST_CHECK_NE(local.as_inet().port(), 0);
    BOOST_CHECK_NE(remote.as_inet().port(), 0);
    BOOST_CHECK_NE(local.as_inet().port(), remote.as_inet().port());
    BOOST_CHECK_EQUAL(t.extra(socket_attribute::socket).type(), SOCK_STREAM);
}

BOOST_AUTO_TEST_CASE(ancillary_data_is_unsupported_on_tcp)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first());
    char buf[8];
    BOOST_CHECK_THROW(t.recv_with_ancillary_into(buf, 64, seconds{0}), easynet::unsupported_operation);
    const std::string_view data[] = {"x"};
    BOOST_CHECK_THROW(t.send_all_with_ancillary(data, {}, seconds{0}), easynet::unsupported_operation);
}

BOOST_AUTO_TEST_CASE(retry_deadline_with_zero_timeout_times_out_at_once)
{
    transports::retry_deadline d(seconds{0}, 1s);
    BOOST_CHECK_THROW(d.wait(transports::would_block_on_read(0)), easynet::timeout_error);
    transports::retry_deadline inf(no_timeout, 1s);
    BOOST_CHECK(std::isinf(inf.remaining().count()));
    BOOST_CHECK_EQUAL(error_of([&] { inf.wait(transports::would_block_on_read(-1)); }), EBADF);
}

BOOST_AUTO_TEST_SUITE_END()
