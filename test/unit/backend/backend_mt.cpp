// The backend on a multi-threaded loop (4 threads, a strand per task). Run under TSan in CI.
#include <easynet/lowlevel/api_async/backend/async_backend.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(backend_mt)

constexpr unsigned threads = 4;

BOOST_AUTO_TEST_CASE(tasks_run_on_several_threads_and_a_lock_protects_shared_state)
{
    run(
        [] {
            auto lock = be::create_lock();
            long counter = 0; // protected by `lock` only
            std::mutex ids_mutex;
            std::set<std::thread::id> ids;
            be::with_task_group([&](be::task_group& tg) {
                for (int t = 0; t < 16; ++t)
                    tg.start_soon([&] {
                        for (int i = 0; i < 200; ++i) {
                            {
                                std::lock_guard guard(lock);
                                long v = counter;
                                be::cancel_shielded_coro_yield();
                                counter = v + 1;
                            }
                            std::lock_guard g(ids_mutex);
                            ids.insert(std::this_thread::get_id());
                        }
                    });
            });
            BOOST_TEST(counter == 16 * 200);
            BOOST_TEST_MESSAGE("threads used: " << ids.size());
        },
        threads);
}

BOOST_AUTO_TEST_CASE(fair_lock_and_events_across_threads)
{
    run(
        [] {
            auto lock = be::create_fair_lock();
            auto go = be::create_event();
            std::atomic<int> inside {0};
            std::atomic<int> max_inside {0};
            be::with_task_group([&](be::task_group& tg) {
                for (int t = 0; t < 8; ++t)
                    tg.start_soon([&] {
                        go.wait();
                        for (int i = 0; i < 50; ++i) {
                            std::lock_guard guard(lock);
                            int now = ++inside;
                            int prev = max_inside.load();
                            while (now > prev && !max_inside.compare_exchange_weak(prev, now)) { }
                            be::coro_yield();
                            --inside;
                        }
                    });
                be::sleep(0.005s);
                go.set();
            });
            BOOST_TEST(max_inside.load() == 1);
        },
        threads);
}

BOOST_AUTO_TEST_CASE(cross_thread_cancellation_and_timeouts)
{
    run(
        [] {
            std::atomic<int> cancelled_count {0};
            std::atomic<int> timeouts {0};
            be::with_task_group([&](be::task_group& tg) {
                std::vector<be::task<void>> sleepers;
                for (int t = 0; t < 8; ++t)
                    sleepers.push_back(tg.start([] { be::sleep_forever(); }));
                for (int t = 0; t < 8; ++t)
                    tg.start_soon([&] {
                        try {
                            be::timeout(0.005s, [] { be::sleep_forever(); });
                        } catch (const easynet::timeout_error&) {
                            ++timeouts; // Boost.Test assertions are not thread-safe: count here
                        }
                    });
                for (auto& s : sleepers)
                    s.cancel();
                for (auto& s : sleepers) {
                    s.wait();
                    if (s.cancelled())
                        ++cancelled_count;
                }
            });
            BOOST_TEST(cancelled_count.load() == 8);
            BOOST_TEST(timeouts.load() == 8);
        },
        threads);
}

BOOST_AUTO_TEST_CASE(condition_variable_producer_consumer)
{
    run(
        [] {
            auto cond = be::create_condition_var();
            std::deque<int> queue;
            long sum = 0;
            be::with_task_group([&](be::task_group& tg) {
                tg.start_soon([&] {
                    for (int i = 1; i <= 500; ++i) {
                        std::lock_guard guard(cond);
                        queue.push_back(i);
                        cond.notify();
                    }
                    std::lock_guard guard(cond);
                    queue.push_back(0);
                    cond.notify_all();
                });
                tg.start_soon([&] {
                    for (;;) {
                        std::unique_lock guard(cond);
                        while (queue.empty())
                            cond.wait();
                        int v = queue.front();
                        queue.pop_front();
                        if (v == 0)
                            return;
                        sum += v;
                    }
                });
            });
            BOOST_TEST(sum == 500L * 501 / 2);
        },
        threads);
}

BOOST_AUTO_TEST_CASE(portal_and_run_in_thread_on_a_multi_threaded_loop)
{
    run(
        [] {
            auto portal = be::create_threads_portal();
            portal.run([&] {
                std::vector<std::thread> callers;
                std::atomic<int> total {0};
                for (int i = 0; i < 4; ++i)
                    callers.emplace_back([&, i] {
                        for (int j = 0; j < 20; ++j)
                            total += portal.run_coroutine([i] {
                                be::coro_yield();
                                return i;
                            });
                    });
                be::run_in_thread([&] {
                    for (auto& c : callers)
                        c.join();
                });
                BOOST_TEST(total.load() == 20 * (0 + 1 + 2 + 3));
            });
        },
        threads);
}

BOOST_AUTO_TEST_SUITE_END()
