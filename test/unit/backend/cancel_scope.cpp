#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(cancel_scope)

BOOST_AUTO_TEST_CASE(running_a_scope_twice_throws_entered_twice)
{
    run([] {
        be::cancel_scope scope;
        scope.run([] {});
        BOOST_CHECK_EXCEPTION(scope.run([] {}), std::logic_error,
                              [](const std::logic_error& e) { return std::string(e.what()) == "CancelScope entered twice"; });
    });
}

BOOST_AUTO_TEST_CASE(nested_reentry_of_the_same_scope_throws)
{
    run([] {
        be::cancel_scope scope;
        scope.run([&] { BOOST_CHECK_THROW(scope.run([] {}), std::logic_error); });
    });
}

BOOST_AUTO_TEST_CASE(cancel_before_entering_takes_effect_on_entry)
{
    run([] {
        be::cancel_scope scope;
        scope.cancel();
        bool reached_after_sleep = false;
        scope.run([&] {
            be::sleep(1s);
            reached_after_sleep = true;
        });
        BOOST_TEST(!reached_after_sleep);
        BOOST_TEST(scope.cancel_called());
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(deadline_already_passed_cancels_at_first_checkpoint)
{
    run([] {
        auto scope = be::move_on_at(be::current_time() - 1);
        int steps = 0;
        scope.run([&] {
            ++steps;
            be::coro_yield();
            ++steps;
        });
        BOOST_TEST(steps == 1);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(cancellation_is_level_triggered)
{
    run([] {
        auto scope = be::open_cancel_scope();
        int raised = 0;
        scope.run([&] {
            scope.cancel();
            for (int i = 0; i < 3; ++i) {
                try {
                    be::sleep(0s);
                } catch (const easynet::cancelled&) {
                    ++raised;
                }
            }
        });
        BOOST_TEST(raised == 3);
        // The body swallowed the cancellations itself: nothing reached the scope.
        BOOST_TEST(!scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(scope_swallows_only_its_own_cancellation)
{
    run([] {
        auto outer = be::open_cancel_scope();
        auto inner = be::open_cancel_scope();
        bool after_inner = false;
        outer.run([&] {
            inner.run([&] {
                outer.cancel();
                be::sleep_forever();
            });
            after_inner = true;
        });
        BOOST_TEST(!after_inner);
        BOOST_TEST(!inner.cancelled_caught());
        BOOST_TEST(outer.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(outer_scope_catches_when_both_are_cancelled)
{
    run([] {
        auto outer = be::open_cancel_scope();
        auto inner = be::open_cancel_scope();
        outer.run([&] {
            inner.run([&] {
                inner.cancel();
                outer.cancel();
                be::sleep_forever();
            });
        });
        BOOST_TEST(!inner.cancelled_caught());
        BOOST_TEST(outer.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(task_cancelled_inside_timeout_ends_cancelled_not_timed_out)
{
    run([] {
        be::with_task_group([](be::task_group& tg) {
            auto child = tg.start([] { be::timeout(0.25s, [] { be::sleep_forever(); }); });
            child.cancel();
            child.wait();
            BOOST_TEST(child.cancelled());
            BOOST_CHECK_THROW(child.join(), easynet::cancelled);
        });
    });
}

BOOST_AUTO_TEST_CASE(fresh_cancellation_rethrown_by_the_body_still_counts)
{
    run([] {
        auto scope = be::move_on_after(0s);
        scope.run([] {
            try {
                be::sleep(1s);
            } catch (const easynet::cancelled&) {
                throw easynet::cancelled{};
            }
        });
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(exception_group_of_own_cancellations_is_swallowed)
{
    run([] {
        auto scope = be::open_cancel_scope();
        scope.cancel();
        scope.run([] {
            throw easynet::exception_group("g", {std::make_exception_ptr(easynet::cancelled{}),
                                                 std::make_exception_ptr(easynet::cancelled{})});
        });
        BOOST_TEST(scope.cancelled_caught());

        auto mixed = be::open_cancel_scope();
        mixed.cancel();
        BOOST_CHECK_THROW(mixed.run([] {
            throw easynet::exception_group("g", {std::make_exception_ptr(easynet::cancelled{}),
                                                 std::make_exception_ptr(std::runtime_error("x"))});
        }),
                          easynet::exception_group);
        BOOST_TEST(!mixed.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(reschedule_rejects_nan_and_clamps_negative)
{
    run([] {
        auto scope = be::open_cancel_scope();
        BOOST_CHECK_THROW(scope.reschedule(std::nan("")), std::invalid_argument);
        scope.reschedule(-5);
        BOOST_TEST(scope.deadline() == 0.0);
        scope.clear_deadline();
        BOOST_TEST(std::isinf(scope.deadline()));
        BOOST_TEST(scope.when() == scope.deadline());
        BOOST_CHECK_THROW(be::move_on_after(be::seconds(std::nan(""))), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(reschedule_while_running_moves_the_deadline)
{
    run([] {
        auto scope = be::move_on_after(3600s);
        double start = be::current_time();
        scope.run([&] {
            scope.reschedule(be::current_time() + 0.05);
            be::sleep_forever();
        });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(be::current_time() - start < 30.0);

        auto later = be::move_on_after(0.01s);
        later.run([&] {
            later.clear_deadline();
            be::sleep(0.05s);
        });
        BOOST_TEST(!later.cancel_called());
    });
}

BOOST_AUTO_TEST_CASE(move_on_after_infinity_never_fires)
{
    run([] {
        auto scope = be::move_on_after(be::seconds(std::numeric_limits<double>::infinity()));
        scope.run([] { be::sleep(0.01s); });
        BOOST_TEST(!scope.cancel_called());
    });
}

BOOST_AUTO_TEST_CASE(move_on_after_expires_and_returns_empty)
{
    run([] {
        auto scope = be::move_on_after(0.02s);
        double start = be::current_time();
        auto result = scope.run([] {
            be::sleep_forever();
            return 1;
        });
        BOOST_TEST(!result.has_value());
        BOOST_TEST(be::current_time() - start >= 0.02);
        BOOST_TEST(scope.cancelled_caught());

        auto ok = be::move_on_after(10s).run([] { return 42; });
        BOOST_TEST(ok.value() == 42);
    });
}

BOOST_AUTO_TEST_CASE(timeout_raises_timeout_error_on_expiry)
{
    run([] {
        BOOST_CHECK_THROW(be::timeout(0.01s, [] { be::sleep_forever(); }), easynet::timeout_error);
        BOOST_CHECK_THROW(be::timeout_at(be::current_time(), [] { be::sleep(1s); }), easynet::timeout_error);
        BOOST_TEST(be::timeout(10s, [] { return 7; }) == 7);
        try {
            be::timeout(0s, [] { be::coro_yield(); });
        } catch (const easynet::timeout_error& e) {
            BOOST_TEST(e.code() == boost::system::errc::timed_out);
        }
    });
}

BOOST_AUTO_TEST_CASE(timeout_with_shielded_work_past_deadline_does_not_raise)
{
    run([] {
        auto scope = be::move_on_after(0.01s);
        scope.run([] { be::ignore_cancellation([] { be::sleep(0.05s); }); });
        BOOST_TEST(scope.cancel_called());
        BOOST_TEST(!scope.cancelled_caught());
        BOOST_CHECK_NO_THROW(be::timeout(0.01s, [] { be::ignore_cancellation([] { be::sleep(0.05s); }); }));
    });
}

BOOST_AUTO_TEST_CASE(ignore_cancellation_runs_to_completion_then_redelivers)
{
    run([] {
        auto scope = be::open_cancel_scope();
        int slept = 0;
        bool after = false;
        scope.run([&] {
            scope.cancel();
            be::ignore_cancellation([&] {
                be::sleep(0.01s);
                ++slept;
                be::sleep(0.01s);
                ++slept;
            });
            be::coro_yield(); // the pending cancellation is raised here
            after = true;
        });
        BOOST_TEST(slept == 2);
        BOOST_TEST(!after);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(deadline_scope_inside_shield_still_fires)
{
    run([] {
        auto outer = be::open_cancel_scope();
        outer.cancel();
        bool inner_caught = false;
        outer.run([&] {
            be::ignore_cancellation([&] {
                auto inner = be::move_on_after(0.01s);
                inner.run([] { be::sleep_forever(); });
                inner_caught = inner.cancelled_caught();
            });
        });
        BOOST_TEST(inner_caught);
    });
}

BOOST_AUTO_TEST_CASE(cancel_shielded_coro_yield_is_not_a_cancellation_point)
{
    run([] {
        auto scope = be::open_cancel_scope();
        bool passed_shielded_yield = false;
        scope.run([&] {
            scope.cancel();
            be::cancel_shielded_coro_yield();
            passed_shielded_yield = true;
            be::coro_yield();
        });
        BOOST_TEST(passed_shielded_yield);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(cancel_from_another_task_wakes_a_sleeping_task)
{
    run([] {
        auto scope = be::open_cancel_scope();
        be::event entered;
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                scope.run([&] {
                    entered.set();
                    be::sleep_forever();
                });
            });
            entered.wait();
            scope.cancel();
        });
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(swallowed_cancellation_is_raised_again_at_next_checkpoint)
{
    run([] {
        auto scope = be::open_cancel_scope();
        int raised = 0;
        scope.run([&] {
            scope.cancel();
            try {
                be::coro_yield();
            } catch (const easynet::cancelled&) {
                ++raised;
            }
            be::ignore_cancellation([] { be::coro_yield(); });
            be::coro_yield();
            raised += 100; // not reached
        });
        BOOST_TEST(raised == 1);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(scopes_outside_a_task_throw_not_in_task_error)
{
    be::cancel_scope scope;
    BOOST_CHECK_THROW(scope.run([] {}), easynet::not_in_task_error);
    BOOST_CHECK_THROW(be::ignore_cancellation([] {}), easynet::not_in_task_error);
}

BOOST_AUTO_TEST_SUITE_END()
