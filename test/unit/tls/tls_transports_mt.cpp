// TLS connections on a loop run by two threads (run under TSan in CI: label "threads").
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>

#include "tls_support.hpp"

#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

using namespace tls_test;
using easynet::lowlevel::socket_attribute;

BOOST_AUTO_TEST_SUITE(tls_transports_mt)

// K1 on a 2-thread loop: every connection handshakes in its own task (those tasks run in
// parallel), each transport used by one task at a time.
BOOST_AUTO_TEST_CASE(concurrent_tls_echo_connections_on_two_threads)
{
    constexpr int clients = 8;
    constexpr int rounds = 24;
    constexpr std::size_t chunk = 16 * 1024 + 5;
    std::atomic<int> echoed_rounds{0};
    std::atomic<int> handshakes{0};
    std::mutex errors_mutex;
    std::vector<std::string> errors;
    auto keep_error = [&](const std::string& what) {
        std::lock_guard lock(errors_mutex);
        errors.push_back(what);
    };
    easynet_test::run(
        [&] {
            auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
            transports::tls_listener_options options;
            options.handshake_timeout = 20s;
            transports::async_tls_listener listener(std::move(listeners[0]), server_context(), options);
            const auto port = listener.extra(socket_attribute::local_address).as_inet().port();
            auto client_ctx = client_context();
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start_soon([&] {
                    listener.serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                        ++handshakes;
                        std::vector<char> buffer(chunk);
                        for (;;) {
                            std::size_t n = t->recv_into(buffer);
                            if (n == 0)
                                break;
                            t->send_all(std::string_view(buffer.data(), n));
                        }
                        t->aclose();
                    });
                });
                backend::with_task_group([&](backend::task_group& client_tasks) {
                    for (int c = 0; c < clients; ++c) {
                        client_tasks.start_soon([&, c] {
                            try {
                                auto t = async_tls_stream_transport::wrap(
                                    backend::create_tcp_connection("127.0.0.1", port), client_ctx, client_options());
                                for (int r = 0; r < rounds; ++r) {
                                    const std::string data = pattern(chunk, static_cast<unsigned>(c * 100 + r));
                                    t->send_all(data);
                                    if (recv_exactly(*t, chunk) != data)
                                        throw std::runtime_error("echo mismatch");
                                    ++echoed_rounds;
                                }
                                t->aclose(); // close_notify exchange with the server task
                            } catch (const std::exception& e) {
                                keep_error(e.what());
                            }
                        });
                    }
                });
                tg.cancel();
            });
        },
        2);
    BOOST_TEST(errors.empty(), (errors.empty() ? std::string() : errors.front()));
    BOOST_TEST(handshakes == clients);
    BOOST_TEST(echoed_rounds == clients * rounds);
}

BOOST_AUTO_TEST_SUITE_END()
