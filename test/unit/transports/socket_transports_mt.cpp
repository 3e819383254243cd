// Socket transports, listeners and happy eyeballs on a loop run by several threads.
#include <easynet/lowlevel/api_async/transports/socket.hpp>

#include <easynet/lowlevel/api_async/backend/detail/happy_eyeballs.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(socket_transports_mt)

BOOST_AUTO_TEST_CASE(tcp_echo_with_concurrent_clients_on_two_threads)
{
    easynet_test::run(
        [] {
            auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
            const auto port = listeners[0]->extra(socket_attribute::local_address).as_inet().port();
            std::atomic<int> served{0};
            std::atomic<int> ok{0};
            std::atomic<int> eof{0};
            backend::with_task_group([&](backend::task_group& server) {
                server.start_soon([&] {
                    listeners[0]->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                        ++served;
                        for (;;) {
                            std::string data = t->recv(4096);
                            if (data.empty())
                                return;
                            t->send_all(data);
                        }
                    });
                });
                backend::with_task_group([&](backend::task_group& clients) {
                    for (int c = 0; c < 8; ++c) {
                        clients.start_soon([&, c] {
                            auto client = backend::create_tcp_connection("127.0.0.1", port);
                            for (int i = 0; i < 50; ++i) {
                                const std::string message = std::to_string(c) + ":" + std::to_string(i) + ";";
                                const std::string_view whole(message);
                                std::vector<std::string_view> views{whole.substr(0, 2), whole.substr(2)};
                                client->send_all_from_iterable(views);
                                std::string echoed;
                                while (echoed.size() < message.size())
                                    echoed += client->recv(4096);
                                if (echoed == message)
                                    ++ok;
                            }
                            client->send_eof();
                            if (client->recv(16).empty()) // (Boost.Test assertions are not thread-safe)
                                ++eof;
                            client->aclose();
                        });
                    }
                });
                server.cancel();
            });
            BOOST_TEST(served.load() == 8);
            BOOST_TEST(ok.load() == 8 * 50);
            BOOST_TEST(eof.load() == 8);
        },
        2);
}

BOOST_AUTO_TEST_CASE(udp_listener_answers_concurrent_endpoints_on_two_threads)
{
    easynet_test::run(
        [] {
            auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
            auto& listener = *listeners[0];
            const auto port = listener.extra(socket_attribute::local_address).as_inet().port();
            std::atomic<int> ok{0};
            backend::with_task_group([&](backend::task_group& server) {
                server.start_soon([&] {
                    listener.serve([&](std::string d, socket_address from) { listener.send_to(d, from); });
                });
                backend::with_task_group([&](backend::task_group& clients) {
                    for (int c = 0; c < 6; ++c) {
                        clients.start_soon([&, c] {
                            auto endpoint = backend::create_udp_endpoint("127.0.0.1", port);
                            for (int i = 0; i < 20; ++i) {
                                const std::string message = std::to_string(c * 1000 + i);
                                endpoint->send(message);
                                // Loopback UDP does not lose datagrams in practice; bound the wait anyway.
                                auto reply = backend::timeout(10s, [&] { return endpoint->recv(); });
                                if (reply == message)
                                    ++ok;
                            }
                        });
                    }
                });
                server.cancel();
            });
            BOOST_TEST(ok.load() == 6 * 20);
        },
        2);
}

BOOST_AUTO_TEST_CASE(staggered_race_on_two_threads)
{
    easynet_test::run(
        [] {
            for (int round = 0; round < 20; ++round) {
                std::atomic<int> cancelled{0};
                int winner = backend::detail::staggered_race<int>(
                    4, 1ms,
                    [&](std::size_t i, std::vector<std::exception_ptr>&) -> int {
                        if (i == 2)
                            return 2;
                        try {
                            backend::sleep_forever();
                        } catch (const easynet::cancelled&) {
                            ++cancelled;
                            throw;
                        }
                    },
                    "create_connection() failed");
                BOOST_TEST(winner == 2);
                // Attempts 0 and 1 are cancelled (and 3 too if it started before 2 won).
                BOOST_TEST(cancelled.load() >= 2);
            }
        },
        2);
}

BOOST_AUTO_TEST_SUITE_END()
