#include <easynet/clients/tcp_network_client.hpp>

#include "client_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <easynet_test/thread_state.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

using namespace clients_test;
using client_type = clients::tcp_network_client<std::string>;
using seconds = client_type::seconds;
using steady = std::chrono::steady_clock;

namespace {

double since(steady::time_point start) { return std::chrono::duration<double>(steady::now() - start).count(); }

/// What a receiving thread saw.
struct outcome {
    std::string kind; // "packet", "timeout", "closed", "aborted", "other"
    double after = 0;
};

outcome receive(client_type& client, seconds timeout)
{
    const auto start = steady::now();
    outcome result;
    try {
        client.recv_packet(timeout);
        result.kind = "packet";
    } catch (const easynet::timeout_error&) {
        result.kind = "timeout";
    } catch (const easynet::client_closed_error&) {
        result.kind = "closed";
    } catch (const boost::system::system_error& e) {
        result.kind = e.code().value() == ECONNABORTED ? "aborted" : "other";
    } catch (const std::exception&) {
        result.kind = "other";
    }
    result.after = since(start);
    return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_network_client_mt)

BOOST_AUTO_TEST_CASE(lock_wait_counts_against_the_timeout_item41_Y4)
{
    tcp_listener server;
    client_type client("127.0.0.1", server.port(), line_protocol());
    int peer = server.accept();
    std::atomic<pid_t> a_thread{0};
    outcome a, b;
    std::thread thread_a([&] {
        a_thread = easynet_test::current_thread_id();
        a = receive(client, 3s);
    });
    while (a_thread.load() == 0)
        std::this_thread::yield();
    // A holds the receive lock once it polls the socket.
    if (!easynet_test::wait_until_in_syscall(a_thread.load(), {SYS_poll, SYS_ppoll}))
        BOOST_TEST_MESSAGE("/proc does not show thread A polling; B's outcome holds either way");
    std::thread thread_b([&] { b = receive(client, 1s); });
    thread_b.join();
    thread_a.join();
    BOOST_TEST(b.kind == "timeout");
    BOOST_TEST(b.after >= 0.9);
    BOOST_TEST(b.after < 2.5);
    BOOST_TEST(a.kind == "timeout");
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(close_from_another_thread_wakes_a_blocked_receiver_within_retry_interval_item42_Y3)
{
    tcp_listener server;
    client_type client("127.0.0.1", server.port(), line_protocol(), {.retry_interval = 100ms});
    int peer = server.accept();
    std::atomic<pid_t> receiver_thread{0};
    outcome a;
    steady::time_point closed_at;
    std::thread receiver([&] {
        receiver_thread = easynet_test::current_thread_id();
        a = receive(client, client_type::seconds{INFINITY});
    });
    while (receiver_thread.load() == 0)
        std::this_thread::yield();
    const bool blocked = easynet_test::wait_until_in_syscall(receiver_thread.load(), {SYS_poll, SYS_ppoll});
    BOOST_TEST(blocked, "the receiver never blocked polling the socket");
    closed_at = steady::now();
    client.close();
    receiver.join();
    const double woke_after = since(closed_at);
    BOOST_TEST((a.kind == "closed" || a.kind == "aborted"));
    BOOST_TEST(woke_after < 2.0);
    BOOST_TEST(client.fileno() == -1);
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(one_thread_sends_while_another_receives_Y4)
{
    tcp_listener server;
    client_type client("127.0.0.1", server.port(), line_protocol());
    int peer = server.accept();
    constexpr int count = 200;
    std::atomic<int> received{0}, failures{0};
    std::thread echo([&] {
        // The server echoes every line back.
        std::string data = read_exactly(peer, count * 6);
        write_all(peer, data);
    });
    std::thread receiver([&] {
        try {
            for (int i = 0; i < count; ++i)
                if (client.recv_packet(10s) == "hello")
                    ++received;
        } catch (const std::exception&) {
            ++failures;
        }
    });
    std::thread senders[2];
    for (auto& sender : senders)
        sender = std::thread([&] {
            try {
                for (int i = 0; i < count / 2; ++i)
                    client.send_packet("hello", 10s);
            } catch (const std::exception&) {
                ++failures;
            }
        });
    for (auto& sender : senders)
        sender.join();
    receiver.join();
    echo.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(received.load() == count);
    ::close(peer);
}

BOOST_AUTO_TEST_SUITE_END()
