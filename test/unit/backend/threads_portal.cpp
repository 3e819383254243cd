#include <easynet/lowlevel/api_async/backend/threads_portal.hpp>

#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <future>
#include <thread>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(threads_portal)

BOOST_AUTO_TEST_CASE(run_sync_runs_in_the_loop_thread_and_returns)
{
    run([] {
        auto loop_thread = std::this_thread::get_id();
        auto portal = be::create_threads_portal();
        portal.run([&] {
            auto [caller, seen] = be::run_in_thread([&] {
                return std::pair(std::this_thread::get_id(), portal.run_sync([] { return std::this_thread::get_id(); }));
            });
            BOOST_TEST((seen != caller));
            if (single_threaded())
                BOOST_TEST((seen == loop_thread));
            BOOST_CHECK_THROW(be::run_in_thread([&] { portal.run_sync([]() -> int { throw std::length_error("l"); }); }),
                              std::length_error);
            // A plain function is not a task.
            BOOST_CHECK_THROW(be::run_in_thread([&] { portal.run_sync([] { be::coro_yield(); }); }),
                              easynet::not_in_task_error);
        });
    });
}

BOOST_AUTO_TEST_CASE(run_coroutine_runs_a_task)
{
    run([] {
        auto portal = be::create_threads_portal();
        portal.run([&] {
            int v = be::run_in_thread([&] {
                return portal.run_coroutine([] {
                    be::sleep(0.005s);
                    return 3;
                });
            });
            BOOST_TEST(v == 3);
        });
    });
}

BOOST_AUTO_TEST_CASE(cancelling_a_soon_future_cancels_the_task)
{
    run([] {
        auto portal = be::create_threads_portal();
        portal.run([&] {
            bool was_cancelled = be::run_in_thread([&] {
                auto started = std::make_shared<std::promise<void>>();
                auto future = portal.run_coroutine_soon([started] {
                    started->set_value();
                    be::sleep_forever();
                });
                started->get_future().wait();
                future.cancel();
                try {
                    future.get();
                } catch (const easynet::cancelled&) {
                    return true;
                }
                return false;
            });
            BOOST_TEST(was_cancelled);
        });
    });
}

BOOST_AUTO_TEST_CASE(calls_from_the_loop_thread_or_a_closed_portal_are_refused)
{
    run([] {
        auto portal = be::create_threads_portal();
        BOOST_CHECK_EXCEPTION(be::run_in_thread([&] { portal.run_sync([] {}); }), std::logic_error,
                              [](const std::logic_error& e) { return std::string(e.what()) == "ThreadsPortal not running."; });
        portal.run([&] {
            BOOST_CHECK_EXCEPTION(portal.run_sync([] {}), std::logic_error, [](const std::logic_error& e) {
                return std::string(e.what()) == "This function must be called in a different OS thread";
            });
        });
        BOOST_CHECK_THROW(be::run_in_thread([&] { portal.run_sync([] {}); }), std::logic_error);
        BOOST_CHECK_THROW(portal.run([] {}), std::logic_error); // a portal runs once
    });
}

BOOST_AUTO_TEST_CASE(exit_waits_for_scheduled_coroutines)
{
    run([] {
        auto portal = be::create_threads_portal();
        std::atomic<bool> finished{false};
        std::thread caller;
        portal.run([&] {
            std::promise<void> scheduled;
            caller = std::thread([&] {
                auto f = portal.run_coroutine_soon([&] {
                    be::sleep(0.02s);
                    finished = true;
                });
                scheduled.set_value();
                f.get();
            });
            be::run_in_thread([&] { scheduled.get_future().wait(); });
        });
        BOOST_TEST(finished.load());
        caller.join();
    });
}

BOOST_AUTO_TEST_SUITE_END()
