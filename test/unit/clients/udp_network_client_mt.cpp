// Blocking datagram clients shared by OS threads (SEMANTICS Y3, Y4; items 41, 42). Each
// thread records its outcome; the assertions run in the main thread.
#include <easynet/clients/udp_network_client.hpp>

#include "datagram_test_support.hpp"

#include <easynet/clients/unix_datagram_client.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::udp_network_client<std::string>;
using clock_type = std::chrono::steady_clock;

namespace {

double seconds_since(clock_type::time_point start)
{
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// What a receiving thread saw.
struct recv_outcome {
    std::string packet;
    std::string error; // "closed", "timeout", "aborted", "other: ..."
    double elapsed = 0;
};

template <class Client>
recv_outcome receive(Client& client, lowlevel::api_sync::transports::seconds timeout)
{
    recv_outcome outcome;
    const auto start = clock_type::now();
    try {
        outcome.packet = client.recv_packet(timeout);
    } catch (const easynet::client_closed_error&) {
        outcome.error = "closed";
    } catch (const easynet::timeout_error&) {
        outcome.error = "timeout";
    } catch (const boost::system::system_error& e) {
        outcome.error = e.code().value() == ECONNABORTED ? "aborted" : std::string("other: ") + e.what();
    } catch (const std::exception& e) {
        outcome.error = std::string("other: ") + e.what();
    }
    outcome.elapsed = seconds_since(start);
    return outcome;
}

} // namespace

BOOST_AUTO_TEST_SUITE(udp_network_client_mt)

BOOST_AUTO_TEST_CASE(close_from_another_thread_wakes_a_blocked_receiver_within_retry_interval_item42_Y3)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol(), {.retry_interval = 200ms});
    std::atomic<bool> receiving{false};
    auto receiver = std::async(std::launch::async, [&] {
        receiving = true;
        return receive(client, lowlevel::api_sync::transports::no_timeout);
    });
    while (!receiving)
        std::this_thread::yield();
    const auto closed_at = clock_type::now();
    client.close(); // does not wait for the pending receive
    const double close_took = seconds_since(closed_at);
    const recv_outcome outcome = receiver.get();
    const double woke_after_close = seconds_since(closed_at);
    BOOST_TEST((outcome.error == "closed" || outcome.error == "aborted"), outcome.error);
    BOOST_TEST(close_took < 1.0);
    BOOST_TEST(woke_after_close < 2.0); // retry_interval 0.2 s, with margin for a loaded machine
    BOOST_TEST(client.fileno() == -1);
}

BOOST_AUTO_TEST_CASE(lock_wait_counts_against_the_timeout_item41_Y4)
{
    udp_peer server;
    client_type client("127.0.0.1", server.port(), datagram_line_protocol(), {.retry_interval = 200ms});
    client.send_packet("hello");
    const auto request = server.recv_from();
    std::atomic<bool> first_started{false};
    auto first = std::async(std::launch::async, [&] {
        first_started = true;
        return receive(client, 5s);
    });
    while (!first_started)
        std::this_thread::yield();
    auto second = std::async(std::launch::async, [&] { return receive(client, 1s); });
    const recv_outcome second_outcome = second.get(); // nothing arrives: the one that waits times out
    server.send_to(request, "for the first\n");
    const recv_outcome first_outcome = first.get();
    BOOST_TEST(second_outcome.error == "timeout");
    BOOST_TEST(second_outcome.elapsed >= 0.9);
    BOOST_TEST(second_outcome.elapsed < 4.0);
    BOOST_TEST(first_outcome.error == "");
    BOOST_TEST(first_outcome.packet == "for the first");
}

BOOST_AUTO_TEST_CASE(one_thread_sends_while_another_is_blocked_receiving_Y4)
{
    unix_datagram_peer server;
    clients::unix_datagram_client<std::string> client(
        lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol(),
        {.local_path = lowlevel::unix_socket_address::from_pathname(server.temp_path("client.dgram").string()),
         .retry_interval = 200ms});
    auto receiver = std::async(std::launch::async, [&] { return receive(client, 10s); });
    client.send_packet("ping", 5s); // the send lock is free although a receive is pending
    const auto request = server.recv_from();
    server.send_to(request, "pong\n");
    const recv_outcome outcome = receiver.get();
    BOOST_TEST(outcome.error == "");
    BOOST_TEST(outcome.packet == "pong");
    // Many threads sending at once: every datagram arrives whole.
    std::vector<std::thread> senders;
    std::atomic<int> failures{0};
    for (int i = 0; i < 4; ++i)
        senders.emplace_back([&client, &failures, i] {
            for (int j = 0; j < 10; ++j) {
                try {
                    client.send_packet("t" + std::to_string(i) + "-" + std::to_string(j), 5s);
                } catch (...) {
                    ++failures;
                }
            }
        });
    // The server reads meanwhile (a Unix datagram queue holds few datagrams).
    int received = 0;
    while (received < 40 && server.has_pending(5000)) {
        const auto d = server.recv_from();
        if (d.data.size() >= 4 && d.data.front() == 't')
            ++received;
    }
    for (auto& t : senders)
        t.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(received == 40);
}

BOOST_AUTO_TEST_SUITE_END()
