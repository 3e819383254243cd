#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <cerrno>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
using transports::seconds;
using transport = transports::socket_datagram_transport;
using namespace std::chrono_literals;

namespace {

double now() { return easynet::lowlevel::api_async::backend::current_time(); }

} // namespace

BOOST_AUTO_TEST_SUITE(socket_datagram_transport_mt)

BOOST_AUTO_TEST_CASE(close_from_another_thread_is_noticed_within_retry_interval_Y3)
{
    auto fds = easynet_test::udp_loopback_pair();
    transport t(fds.release_first(), 200ms);
    std::atomic<bool> started{false};
    std::atomic<int> error{0};
    std::atomic<double> failed_at{0};
    std::thread reader([&] {
        started = true;
        try {
            t.recv(20s);
        } catch (const boost::system::system_error& e) {
            error = e.code().value();
        }
        failed_at = now();
    });
    while (!started)
        std::this_thread::yield();
    const double closed_at = now();
    t.close();
    reader.join();
    BOOST_CHECK(t.is_closed());
    BOOST_CHECK_EQUAL(error.load(), EBADF);
    BOOST_CHECK_LT(failed_at - closed_at, 1.5); // about one retry interval, not 20 s
}

BOOST_AUTO_TEST_CASE(one_thread_sends_while_another_receives)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport a(fds.release_first(), 50ms);
    transport b(fds.release_second(), 50ms);
    constexpr int count = 2000;
    std::atomic<int> send_failures{0};
    std::vector<std::string> received;
    std::atomic<int> recv_failures{0};
    std::thread sender([&] {
        try {
            for (int i = 0; i < count; ++i)
                a.send(std::to_string(i), 10s);
        } catch (...) {
            ++send_failures;
        }
    });
    std::thread receiver([&] {
        try {
            for (int i = 0; i < count; ++i)
                received.push_back(b.recv(10s));
        } catch (...) {
            ++recv_failures;
        }
    });
    sender.join();
    receiver.join();
    BOOST_CHECK_EQUAL(send_failures.load(), 0);
    BOOST_CHECK_EQUAL(recv_failures.load(), 0);
    BOOST_REQUIRE_EQUAL(received.size(), static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        BOOST_CHECK_EQUAL(received[static_cast<std::size_t>(i)], std::to_string(i)); // in order on AF_UNIX
}

BOOST_AUTO_TEST_CASE(concurrent_receivers_each_get_whole_distinct_datagrams)
{
    auto fds = easynet_test::unix_datagram_pair();
    transport t(fds.release_first(), 50ms);
    constexpr int per_thread = 500;
    std::vector<std::string> got[2];
    std::atomic<int> failures{0};
    auto receive = [&](std::vector<std::string>& out) {
        try {
            for (int i = 0; i < per_thread; ++i)
                out.push_back(t.recv(10s));
        } catch (...) {
            ++failures;
        }
    };
    const timeval bound{10, 0}; // the blocking sends below cannot hang the test
    ::setsockopt(fds.second, SOL_SOCKET, SO_SNDTIMEO, &bound, sizeof(bound));
    std::thread r1(receive, std::ref(got[0]));
    std::thread r2(receive, std::ref(got[1]));
    for (int i = 0; i < 2 * per_thread; ++i) {
        const std::string d = "datagram-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), '.');
        easynet_test::check(::send(fds.second, d.data(), d.size(), 0) == static_cast<ssize_t>(d.size()), "send");
    }
    r1.join();
    r2.join();
    BOOST_CHECK_EQUAL(failures.load(), 0);
    std::set<std::string> all(got[0].begin(), got[0].end());
    all.insert(got[1].begin(), got[1].end());
    BOOST_CHECK_EQUAL(all.size(), static_cast<std::size_t>(2 * per_thread));
    for (int i = 0; i < 2 * per_thread; ++i) {
        const std::string d = "datagram-" + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), '.');
        BOOST_CHECK(all.count(d) == 1);
    }
}

BOOST_AUTO_TEST_SUITE_END()
