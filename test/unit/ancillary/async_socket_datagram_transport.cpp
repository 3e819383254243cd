#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::unix_credentials;
using socket_transport = transports::socket_datagram_transport;
using namespace std::chrono_literals;

namespace {

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

BOOST_AUTO_TEST_SUITE(async_socket_datagram_transport)

BOOST_AUTO_TEST_CASE(three_fds_and_credentials_pass_both_ways_without_fd_leak_A1_A4)
{
    const std::size_t before = easynet_test::open_fd_count();
    std::vector<std::string> data;
    std::vector<std::size_t> fd_counts;
    std::vector<bool> creds_ok;
    std::vector<bool> pipe_ok;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_datagram_pair();
        const int on = 1;
        ::setsockopt(pair.first, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
        ::setsockopt(pair.second, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
        socket_transport a(pair.release_first());
        socket_transport b(pair.release_second());
        for (int round = 0; round < 2; ++round) {
            auto& from = round == 0 ? a : b;
            auto& to = round == 0 ? b : a;
            const std::vector<int> fds = three_fds();
            socket_ancillary out;
            out.add_fds(fds);
            const unix_credentials mine[] = {{0, ::getuid(), ::getgid()}};
            out.add_creds(mine);
            from.send_with_ancillary("fds", out.as_raw());
            close_all(fds);
            auto got = backend::timeout(5s, [&] { return to.recv_with_ancillary(512); });
            data.push_back(got.data);
            socket_ancillary in; // closes the received descriptors
            in.update_from_raw(got.messages);
            fd_counts.push_back(in.iter_fds().size());
            creds_ok.push_back(in.iter_creds().size() == 1 &&
                               in.iter_creds()[0] == unix_credentials{::getpid(), ::getuid(), ::getgid()});
            char c = 0;
            pipe_ok.push_back(in.iter_fds().size() == 3 && ::write(in.iter_fds()[1], "p", 1) == 1 &&
                              ::read(in.iter_fds()[0], &c, 1) == 1 && c == 'p');
        }
    });
    BOOST_CHECK(data == (std::vector<std::string>{"fds", "fds"}));
    BOOST_CHECK(fd_counts == (std::vector<std::size_t>{3, 3}));
    BOOST_CHECK(creds_ok == (std::vector<bool>{true, true}));
    BOOST_CHECK(pipe_ok == (std::vector<bool>{true, true}));
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(recv_with_ancillary_waits_for_the_datagram)
{
    std::string got;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_datagram_pair();
        socket_transport a(pair.release_first());
        socket_transport b(pair.release_second());
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { got = backend::timeout(5s, [&] { return b.recv_with_ancillary(256).data; }); });
            a.send_with_ancillary("late", {});
        });
    });
    BOOST_CHECK_EQUAL(got, "late");
}

BOOST_AUTO_TEST_CASE(oversized_datagram_is_emsgsize_and_its_fds_are_closed)
{
    const std::size_t before = easynet_test::open_fd_count();
    int error = 0;
    std::string next;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_datagram_pair();
        const int big = 1024 * 1024;
        ::setsockopt(pair.first, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
        socket_transport a(pair.release_first());
        socket_transport b(pair.release_second());
        const std::vector<int> fds = three_fds();
        socket_ancillary out;
        out.add_fds(fds);
        a.send_with_ancillary(std::string(65537, 'l'), out.as_raw()); // one byte over the 64 KiB buffer
        close_all(fds);
        error = error_of([&] { b.recv_with_ancillary(256); });
        a.send("next");
        next = backend::timeout(5s, [&] { return b.recv_with_ancillary(256).data; });
    });
    BOOST_CHECK_EQUAL(error, EMSGSIZE);
    BOOST_CHECK_EQUAL(next, "next");
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(emsgsize_busy_unsupported_and_closed_errors_W1_W5)
{
    int too_big = 0;
    int busy = 0;
    int unsupported = 0;
    int invalid = 0;
    int closed_recv = 0;
    int closed_send = 0;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_datagram_pair();
        const int small = 4096;
        ::setsockopt(pair.first, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
        socket_transport a(pair.release_first());
        too_big = error_of([&] { a.send_with_ancillary(std::string(1024 * 1024, 'b'), {}); });
        try {
            a.recv_with_ancillary(0);
        } catch (const std::invalid_argument&) {
            ++invalid;
        }
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { backend::timeout(5s, [&] { a.recv_with_ancillary(256); }); });
            try {
                a.recv_with_ancillary(256);
            } catch (const easynet::busy_resource_error&) {
                ++busy;
            }
            try {
                a.recv();
            } catch (const easynet::busy_resource_error&) {
                ++busy;
            }
            easynet_test::check(::send(pair.second, "unblock", 7, 0) == 7, "send");
        });
        auto udp = easynet_test::udp_loopback_pair();
        socket_transport u(udp.release_first());
        try {
            u.recv_with_ancillary(64);
        } catch (const easynet::unsupported_operation&) {
            ++unsupported;
        }
        try {
            u.send_with_ancillary("x", {});
        } catch (const easynet::unsupported_operation&) {
            ++unsupported;
        }
        a.aclose();
        closed_recv = error_of([&] { a.recv_with_ancillary(64); });
        closed_send = error_of([&] { a.send_with_ancillary("x", {}); });
    });
    BOOST_CHECK_EQUAL(too_big, EMSGSIZE);
    BOOST_CHECK_EQUAL(invalid, 1);
    BOOST_CHECK_EQUAL(busy, 2);
    BOOST_CHECK_EQUAL(unsupported, 2);
    BOOST_CHECK_EQUAL(closed_recv, EBADF);
    BOOST_CHECK_EQUAL(closed_send, EBADF);
}

BOOST_AUTO_TEST_SUITE_END()
