#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
using easynet::lowlevel::raw_ancillary_message;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::unix_credentials;
using transports::seconds;
using transport = transports::socket_datagram_transport;
using namespace std::chrono_literals;

namespace {

void pass_credentials(const easynet_test::fd_pair& pair)
{
    const int on = 1;
    ::setsockopt(pair.first, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
    ::setsockopt(pair.second, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
}

/// Three fresh descriptors: a pipe's two ends and /dev/null.
std::vector<int> three_fds()
{
    int p[2];
    easynet_test::check(::pipe2(p, O_CLOEXEC) == 0, "pipe2");
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    easynet_test::check(null_fd >= 0, "open");
    return {p[0], p[1], null_fd};
}

void close_all(const std::vector<int>& fds)
{
    for (int fd : fds)
        ::close(fd);
}

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

BOOST_AUTO_TEST_SUITE(sync_socket_datagram_transport)

BOOST_AUTO_TEST_CASE(three_fds_and_credentials_pass_both_ways_without_fd_leak_A1_A4)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_datagram_pair();
        pass_credentials(pair);
        transport a(pair.release_first());
        transport b(pair.release_second());
        for (int round = 0; round < 2; ++round) {
            auto& from = round == 0 ? a : b;
            auto& to = round == 0 ? b : a;
            const std::vector<int> fds = three_fds();
            socket_ancillary out;
            out.add_fds(fds);
            const unix_credentials mine[] = {{0, ::getuid(), ::getgid()}};
            out.add_creds(mine);
            from.send_with_ancillary("fds", out.as_raw(), 5s);
            close_all(fds); // the receiver has its own copies now
            auto got = to.recv_with_ancillary(512, 5s);
            BOOST_CHECK_EQUAL(got.data, "fds");
            socket_ancillary in; // closes the received descriptors it was not asked for
            in.update_from_raw(got.messages);
            BOOST_REQUIRE_EQUAL(in.iter_fds().size(), 3u);
            BOOST_REQUIRE_EQUAL(in.iter_creds().size(), 1u);
            BOOST_CHECK(in.iter_creds()[0] == (unix_credentials{::getpid(), ::getuid(), ::getgid()}));
            // The received pipe ends are a working pipe, close-on-exec.
            const auto& received = in.iter_fds();
            BOOST_CHECK_EQUAL(::write(received[1], "p", 1), 1);
            char c = 0;
            BOOST_CHECK_EQUAL(::read(received[0], &c, 1), 1);
            BOOST_CHECK_EQUAL(c, 'p');
            BOOST_CHECK(::fcntl(received[0], F_GETFD) & FD_CLOEXEC);
        }
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(taken_fds_belong_to_the_caller_A4)
{
    auto pair = easynet_test::unix_datagram_pair();
    transport a(pair.release_first());
    transport b(pair.release_second());
    const std::vector<int> fds = three_fds();
    socket_ancillary out;
    out.add_fds(fds);
    a.send_with_ancillary("x", out.as_raw(), 5s);
    close_all(fds);
    std::vector<int> taken;
    {
        socket_ancillary in;
        in.update_from_raw(b.recv_with_ancillary(256, 5s).messages);
        taken = in.take_fds();
    }
    BOOST_REQUIRE_EQUAL(taken.size(), 3u);
    for (int fd : taken)
        BOOST_CHECK_GE(::fcntl(fd, F_GETFD), 0); // still open after the ancillary object died
    close_all(taken);
}

BOOST_AUTO_TEST_CASE(datagram_too_long_for_the_buffer_is_emsgsize_and_its_fds_are_closed)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_datagram_pair();
        transport a(pair.release_first());
        transport b(pair.release_second(), 1s, 16);
        const std::vector<int> fds = three_fds();
        socket_ancillary out;
        out.add_fds(fds);
        a.send_with_ancillary(std::string(17, 'l'), out.as_raw(), 5s);
        close_all(fds);
        BOOST_CHECK_EQUAL(error_of([&] { b.recv_with_ancillary(256, 5s); }), EMSGSIZE);
        a.send("short", 5s);
        auto got = b.recv_with_ancillary(256, 5s);
        BOOST_CHECK_EQUAL(got.data, "short");
        BOOST_CHECK(got.messages.empty());
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(plain_recv_of_a_datagram_carrying_fds_leaks_nothing_A4)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_datagram_pair();
        transport a(pair.release_first());
        transport b(pair.release_second());
        const std::vector<int> fds = three_fds();
        socket_ancillary out;
        out.add_fds(fds);
        a.send_with_ancillary("unclaimed", out.as_raw(), 5s);
        close_all(fds);
        BOOST_CHECK_EQUAL(b.recv(5s), "unclaimed");
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(datagram_larger_than_the_send_buffer_is_emsgsize_W5)
{
    auto pair = easynet_test::unix_datagram_pair();
    const int small = 4096;
    ::setsockopt(pair.first, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
    transport a(pair.release_first());
    BOOST_CHECK_EQUAL(error_of([&] { a.send_with_ancillary(std::string(1024 * 1024, 'b'), {}, 1s); }), EMSGSIZE);
}

BOOST_AUTO_TEST_CASE(recv_with_ancillary_times_out_and_checks_its_arguments_Y2)
{
    auto pair = easynet_test::unix_datagram_pair();
    transport a(pair.release_first());
    BOOST_CHECK_THROW(a.recv_with_ancillary(256, seconds{0}), easynet::timeout_error);
    BOOST_CHECK_THROW(a.recv_with_ancillary(0, seconds{0}), std::invalid_argument);
    BOOST_CHECK_THROW(a.recv_with_ancillary(256, seconds{-1}), std::invalid_argument);
    a.close();
    BOOST_CHECK_EQUAL(error_of([&] { a.recv_with_ancillary(256, seconds{0}); }), EBADF);
    BOOST_CHECK_EQUAL(error_of([&] { a.send_with_ancillary("x", {}, seconds{0}); }), EBADF);
}

BOOST_AUTO_TEST_CASE(ancillary_data_is_unsupported_on_udp)
{
    auto pair = easynet_test::udp_loopback_pair();
    transport a(pair.release_first());
    BOOST_CHECK_THROW(a.recv_with_ancillary(256, seconds{0}), easynet::unsupported_operation);
    BOOST_CHECK_THROW(a.send_with_ancillary("x", {}, seconds{0}), easynet::unsupported_operation);
}

BOOST_AUTO_TEST_SUITE_END()
