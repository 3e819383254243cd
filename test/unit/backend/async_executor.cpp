#include <easynet/lowlevel/async_executor.hpp>

#include <easynet_test/backend.hpp>

#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>

#include <boost/asio/thread_pool.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <future>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(async_executor)

BOOST_AUTO_TEST_CASE(run_and_map_return_results_and_rethrow)
{
    boost::asio::thread_pool pool(2);
    run([&] {
        easynet::lowlevel::async_executor executor(pool.get_executor());
        BOOST_TEST(executor.run([] { return 4; }) == 4);
        BOOST_CHECK_THROW(executor.run([]() -> int { throw std::overflow_error("o"); }), std::overflow_error);
        std::vector<int> in{1, 2, 3};
        BOOST_TEST(executor.map([](int v) { return v * 10; }, in) == (std::vector<int>{10, 20, 30}));
        executor.shutdown();
        BOOST_CHECK_THROW(executor.run([] {}), std::logic_error);
    });
    pool.join();
}

BOOST_AUTO_TEST_CASE(cancelled_before_start_drops_the_call)
{
    boost::asio::thread_pool pool(1);
    std::promise<void> release;
    auto released = release.get_future().share();
    std::atomic<bool> second_ran{false};
    run([&] {
        easynet::lowlevel::async_executor executor(pool.get_executor());
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] { executor.run([released] { released.wait(); }); }); // occupies the only thread
            be::sleep(0.01s);
            auto scope = be::move_on_after(0.01s);
            scope.run([&] { executor.run([&] { second_ran = true; }); });
            BOOST_TEST(scope.cancelled_caught());
            release.set_value();
        });
    });
    pool.join();
    BOOST_TEST(!second_ran.load());
}

BOOST_AUTO_TEST_CASE(cancelled_while_running_waits_for_the_result)
{
    boost::asio::thread_pool pool(1);
    std::promise<void> started;
    std::promise<void> release;
    auto started_future = started.get_future().share();
    auto released = release.get_future().share();
    run([&] {
        easynet::lowlevel::async_executor executor(pool.get_executor());
        auto scope = be::open_cancel_scope();
        int result = 0;
        bool after = false;
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                scope.run([&] {
                    result = executor.run([&] {
                        started.set_value();
                        released.wait();
                        return 8;
                    });
                    be::coro_yield();
                    after = true;
                });
            });
            be::run_in_thread([&] { started_future.wait(); });
            scope.cancel(); // the call is running: the task keeps waiting for it
            be::sleep(0.01s);
            release.set_value();
        });
        BOOST_TEST(result == 8);
        BOOST_TEST(!after);
        BOOST_TEST(scope.cancelled_caught());
    });
    pool.join();
}

BOOST_AUTO_TEST_SUITE_END()
