#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::unix_credentials;
using socket_transport = transports::socket_stream_transport;

BOOST_AUTO_TEST_SUITE(async_socket_stream_transport)

BOOST_AUTO_TEST_CASE(three_fds_and_credentials_pass_both_ways_A4)
{
    const std::size_t before = easynet_test::open_fd_count();
    std::vector<std::size_t> fd_counts;
    std::vector<bool> creds_ok;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_stream_pair();
        ::setsockopt(pair.first, SOL_SOCKET, SO_PASSCRED, std::data({1}), sizeof(int));
        ::setsockopt(pair.second, SOL_SOCKET, SO_PASSCRED, std::data({1}), sizeof(int));
        socket_transport a(pair.release_first());
        socket_transport b(pair.release_second());
        for (int round = 0; round < 2; ++round) {
            auto& from = round == 0 ? a : b;
            auto& to = round == 0 ? b : a;
            int p[2];
            if (::pipe2(p, O_CLOEXEC) != 0)
                throw std::runtime_error("pipe");
            const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
            const int fds[] = {p[0], p[1], null_fd};
            socket_ancillary out;
            out.add_fds(fds);
            const unix_credentials mine[] = {{0, ::getuid(), ::getgid()}};
            out.add_creds(mine);
            const std::string_view data[] = {"fd", "s"};
            from.send_all_with_ancillary(data, out.as_raw());
            for (int fd : fds)
                ::close(fd);
            char buf[8];
            auto got = to.recv_with_ancillary_into(buf, 512);
            socket_ancillary in; // closes the received descriptors
            in.update_from_raw(got.messages);
            fd_counts.push_back(in.iter_fds().size());
            creds_ok.push_back(got.size == 3 && in.iter_creds().size() == 1 &&
                               in.iter_creds()[0] == unix_credentials{::getpid(), ::getuid(), ::getgid()});
        }
    });
    BOOST_CHECK(fd_counts == (std::vector<std::size_t>{3, 3}));
    BOOST_CHECK(creds_ok == (std::vector<bool>{true, true}));
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(partial_ancillary_send_is_emsgsize_and_tcp_is_unsupported_W5)
{
    int error = 0;
    int unsupported = 0;
    easynet_test::run([&] {
        auto pair = easynet_test::unix_stream_pair();
        const int small = 4096;
        ::setsockopt(pair.first, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
        socket_transport a(pair.release_first());
        const std::string big(1024 * 1024, 'b');
        const std::string_view data[] = {big};
        try {
            a.send_all_with_ancillary(data, {});
        } catch (const boost::system::system_error& e) {
            error = e.code().value();
        }
        auto tcp = easynet_test::tcp_loopback_pair();
        socket_transport t(tcp.release_first());
        char buf[4];
        try {
            t.recv_with_ancillary_into(buf, 64);
        } catch (const easynet::unsupported_operation&) {
            ++unsupported;
        }
        try {
            t.send_all_with_ancillary(data, {});
        } catch (const easynet::unsupported_operation&) {
            ++unsupported;
        }
    });
    BOOST_CHECK_EQUAL(error, EMSGSIZE);
    BOOST_CHECK_EQUAL(unsupported, 2);
}

BOOST_AUTO_TEST_SUITE_END()
