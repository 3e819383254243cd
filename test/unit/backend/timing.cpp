#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(timing)

BOOST_AUTO_TEST_CASE(sleep_rejects_negative_and_nan_delays)
{
    run([] {
        BOOST_CHECK_EXCEPTION(be::sleep(-1s), std::invalid_argument, [](const std::invalid_argument& e) {
            return std::string(e.what()).rfind("Invalid delay", 0) == 0;
        });
        BOOST_CHECK_THROW(be::sleep(be::seconds(std::nan(""))), std::invalid_argument);
        BOOST_CHECK_THROW(be::sleep_until(std::nan("")), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(sleep_lasts_at_least_the_delay)
{
    run([] {
        double start = be::current_time();
        be::sleep(0.03s);
        BOOST_TEST(be::current_time() - start >= 0.03);
    });
}

BOOST_AUTO_TEST_CASE(sleep_zero_and_past_deadline_are_checkpoints)
{
    run([] {
        auto scope = be::open_cancel_scope();
        int reached = 0;
        scope.run([&] {
            scope.cancel();
            try {
                be::sleep(0s);
            } catch (const easynet::cancelled&) {
                ++reached;
            }
            try {
                be::sleep_until(be::current_time() - 10);
            } catch (const easynet::cancelled&) {
                ++reached;
            }
        });
        BOOST_TEST(reached == 2);
    });
}

BOOST_AUTO_TEST_CASE(sleep_zero_lets_other_tasks_run)
{
    // An ordering that only holds on a single-threaded loop.
    run(
        [] {
            bool other_ran = false;
            be::with_task_group([&](be::task_group& tg) {
                tg.start_soon([&] { other_ran = true; });
                BOOST_TEST(!other_ran);
                be::sleep(0s);
                BOOST_TEST(other_ran);
            });
        },
        1);
}

BOOST_AUTO_TEST_CASE(sleep_until_waits_for_the_deadline)
{
    run([] {
        double deadline = be::current_time() + 0.02;
        be::sleep_until(deadline);
        BOOST_TEST(be::current_time() >= deadline);
    });
}

BOOST_AUTO_TEST_CASE(sleep_forever_ends_only_by_cancellation)
{
    run([] {
        auto scope = be::move_on_after(0.02s);
        bool returned = false;
        scope.run([&] {
            be::sleep_forever();
            returned = true;
        });
        BOOST_TEST(!returned);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(current_time_is_monotonic)
{
    double a = be::current_time();
    double b = be::current_time();
    BOOST_TEST(b >= a);
}

BOOST_AUTO_TEST_CASE(task_only_functions_outside_a_task_throw_not_in_task_error)
{
    BOOST_CHECK_THROW(be::sleep(0s), easynet::not_in_task_error);
    BOOST_CHECK_THROW(be::coro_yield(), easynet::not_in_task_error);
    BOOST_CHECK_THROW(be::sleep_forever(), easynet::not_in_task_error);
    BOOST_CHECK_THROW(be::get_current_task(), easynet::not_in_task_error);
    auto ev = be::create_event();
    BOOST_CHECK_THROW(ev.wait(), easynet::not_in_task_error);
    BOOST_CHECK_THROW(be::with_task_group([](be::task_group&) {}), easynet::not_in_task_error);
}

BOOST_AUTO_TEST_SUITE_END()
