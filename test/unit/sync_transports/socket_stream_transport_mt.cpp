#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cerrno>
#include <string>
#include <thread>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
using transports::no_timeout;
using transports::seconds;
using transport = transports::socket_stream_transport;
using namespace std::chrono_literals;

namespace {

double now() { return easynet::lowlevel::api_async::backend::current_time(); }

std::string pattern(std::size_t size, unsigned seed)
{
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 31 + seed) % 251);
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_stream_transport_mt)

BOOST_AUTO_TEST_CASE(close_from_another_thread_is_noticed_within_retry_interval_Y3)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport t(fds.release_first(), 200ms);
    std::atomic<bool> started{false};
    std::atomic<int> error{0};
    std::atomic<double> failed_at{0};
    std::thread reader([&] {
        started = true;
        try {
            t.recv(16, 20s);
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
    // Once the reader left, the descriptor was released: the peer sees the close.
    char buf[4];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 0);
}

BOOST_AUTO_TEST_CASE(one_thread_sends_while_another_receives_on_both_ends)
{
    auto fds = easynet_test::tcp_loopback_pair();
    transport a(fds.release_first(), 100ms);
    transport b(fds.release_second(), 100ms);
    const std::string a_to_b = pattern(2 * 1024 * 1024, 1);
    const std::string b_to_a = pattern(2 * 1024 * 1024 + 17, 2);
    std::string got_by_a, got_by_b;
    std::atomic<int> failures{0};
    auto sender = [&failures](transport& t, const std::string& data) {
        try {
            for (std::size_t off = 0; off < data.size(); off += 100000)
                t.send_all(std::string_view(data).substr(off, 100000), 20s);
        } catch (...) {
            ++failures;
        }
    };
    auto receiver = [&failures](transport& t, std::string& out, std::size_t expected) {
        try {
            char buf[65536];
            while (out.size() < expected) {
                const std::size_t n = t.recv_into(buf, 20s);
                if (n == 0)
                    break;
                out.append(buf, n);
            }
        } catch (...) {
            ++failures;
        }
    };
    std::thread t1([&] { sender(a, a_to_b); });
    std::thread t2([&] { sender(b, b_to_a); });
    std::thread t3([&] { receiver(a, got_by_a, b_to_a.size()); });
    std::thread t4([&] { receiver(b, got_by_b, a_to_b.size()); });
    t1.join();
    t2.join();
    t3.join();
    t4.join();
    BOOST_CHECK_EQUAL(failures.load(), 0);
    BOOST_CHECK(got_by_b == a_to_b);
    BOOST_CHECK(got_by_a == b_to_a);
}

BOOST_AUTO_TEST_CASE(gathered_send_larger_than_the_socket_buffer_loops_over_partial_writes_W5)
{
    auto fds = easynet_test::unix_stream_pair();
    transport t(fds.release_first(), 100ms);
    std::vector<std::string> storage;
    std::string expected;
    for (unsigned i = 0; i < 5000; ++i) {
        storage.push_back(pattern(1000 + i % 7, i));
        expected += storage.back();
    }
    std::vector<std::string_view> views(storage.begin(), storage.end());
    std::string got;
    std::thread reader([&] {
        char buf[65536];
        while (got.size() < expected.size()) {
            const ssize_t n = ::recv(fds.second, buf, sizeof(buf), 0);
            if (n <= 0)
                break;
            got.append(buf, static_cast<std::size_t>(n));
        }
    });
    std::atomic<bool> ok{false};
    try {
        t.send_all_from_iterable(views, 20s);
        ok = true;
    } catch (...) {
    }
    reader.join();
    BOOST_CHECK(ok);
    BOOST_CHECK(got == expected);
}

BOOST_AUTO_TEST_SUITE_END()
