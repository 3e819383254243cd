#include <easynet/lowlevel/api_async/backend/condition_variable.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <mutex>
#include <vector>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(sync_primitives)

BOOST_AUTO_TEST_CASE(lock_gives_mutual_exclusion_across_suspensions)
{
    run([] {
        auto lock = be::create_lock();
        int inside = 0;
        int max_inside = 0;
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 0; i < 5; ++i)
                tg.start_soon([&] {
                    std::lock_guard guard(lock);
                    ++inside;
                    max_inside = std::max(max_inside, inside);
                    be::sleep(0.002s);
                    --inside;
                });
        });
        BOOST_TEST(max_inside == 1);
        BOOST_TEST(!lock.locked());
    });
}

BOOST_AUTO_TEST_CASE(releasing_an_unlocked_lock_throws)
{
    run([] {
        auto lock = be::create_lock();
        BOOST_CHECK_THROW(lock.unlock(), std::logic_error);
        auto fair = be::create_fair_lock();
        BOOST_CHECK_EXCEPTION(fair.unlock(), std::logic_error,
                              [](const std::logic_error& e) { return std::string(e.what()) == "Lock not acquired"; });
    });
}

BOOST_AUTO_TEST_CASE(lock_is_not_reentrant_and_try_lock_never_suspends)
{
    run([] {
        auto lock = be::create_lock();
        BOOST_TEST(lock.try_lock());
        BOOST_TEST(!lock.try_lock());
        auto scope = be::move_on_after(0.01s);
        scope.run([&] { lock.lock(); }); // would deadlock: the timeout ends it
        BOOST_TEST(scope.cancelled_caught());
        lock.unlock();
        BOOST_TEST(!lock.locked());
    });
}

BOOST_AUTO_TEST_CASE(fair_lock_hands_over_in_fifo_order)
{
    run([] {
        auto lock = be::create_fair_lock();
        std::vector<int> order;
        lock.lock();
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 0; i < 4; ++i)
                tg.start([&, i] {
                    std::lock_guard guard(lock);
                    order.push_back(i);
                });
            // All four are queued; a newcomer cannot jump the queue.
            BOOST_TEST(!lock.try_lock());
            lock.unlock();
        });
        // Single-threaded, each child queued on the lock before the next was started. With
        // several loop threads `start` returns once a child is entered, so the children may
        // queue in any order: only the count is checked then.
        if (easynet_test::single_threaded())
            BOOST_TEST(order == (std::vector<int>{0, 1, 2, 3}));
        else
            BOOST_TEST(order.size() == 4u);
    });
}

BOOST_AUTO_TEST_CASE(cancelled_fair_lock_waiter_passes_the_turn_to_the_next)
{
    run([] {
        auto lock = be::create_fair_lock();
        std::vector<int> got;
        lock.lock();
        be::with_task_group([&](be::task_group& tg) {
            auto first = tg.start([&] {
                std::lock_guard guard(lock);
                got.push_back(1);
            });
            tg.start([&] {
                std::lock_guard guard(lock);
                got.push_back(2);
            });
            first.cancel();
            first.wait();
            lock.unlock();
        });
        BOOST_TEST(got == (std::vector<int>{2}));
        BOOST_TEST(!lock.locked());
    });
}

BOOST_AUTO_TEST_CASE(event_set_wakes_every_waiter_and_is_idempotent)
{
    run([] {
        auto ev = be::create_event();
        std::atomic<int> woken{0}; // the waiters may run in parallel on a multi-threaded loop
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 0; i < 3; ++i)
                tg.start([&] {
                    ev.wait();
                    ++woken;
                });
            BOOST_TEST(!ev.is_set());
            ev.set();
            ev.set();
            BOOST_TEST(ev.is_set());
        });
        BOOST_TEST(woken == 3);
        ev.wait(); // already set: returns at once
    });
}

BOOST_AUTO_TEST_CASE(event_wait_is_cancellable)
{
    run([] {
        auto ev = be::create_event();
        auto scope = be::move_on_after(0.01s);
        scope.run([&] { ev.wait(); });
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(condition_notify_wakes_n_waiters)
{
    run([] {
        auto cond = be::create_condition_var();
        auto progress = be::create_condition_var(); // signals each wake-up to the test
        int waiting = 0;                            // guarded by cond's lock
        int woken = 0;                              // guarded by progress's lock
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 0; i < 3; ++i)
                tg.start_soon([&] {
                    {
                        std::lock_guard guard(cond);
                        ++waiting;
                        cond.wait();
                    }
                    std::lock_guard guard(progress);
                    ++woken;
                    progress.notify_all();
                });
            // Wait until the three are waiting (each wait() releases the lock).
            for (;;) {
                {
                    std::lock_guard guard(cond);
                    if (waiting == 3)
                        break;
                }
                be::coro_yield(); // let the others reach their wait()
            }
            {
                std::lock_guard guard(cond);
                cond.notify(2);
            }
            {
                std::unique_lock guard(progress);
                while (woken < 2)
                    progress.wait();
            }
            // A third wake-up would be a bug: give it a chance to show.
            be::sleep(0.01s);
            {
                std::lock_guard guard(progress);
                BOOST_TEST(woken == 2);
            }
            {
                std::lock_guard guard(cond);
                cond.notify_all();
            }
        });
        BOOST_TEST(woken == 3);
    });
}

BOOST_AUTO_TEST_CASE(condition_wait_without_the_lock_throws)
{
    run([] {
        auto cond = be::create_condition_var();
        BOOST_CHECK_THROW(cond.wait(), std::logic_error);
    });
}

BOOST_AUTO_TEST_CASE(condition_wait_reacquires_the_lock_when_cancelled)
{
    run([] {
        auto lock = be::create_lock();
        auto cond = be::create_condition_var(lock);
        auto scope = be::move_on_after(0.01s);
        bool held_after_cancel = false;
        scope.run([&] {
            std::unique_lock guard(cond);
            try {
                cond.wait();
            } catch (const easynet::cancelled&) {
                held_after_cancel = lock.locked();
                throw;
            }
        });
        BOOST_TEST(held_after_cancel);
        BOOST_TEST(!lock.locked());
    });
}

BOOST_AUTO_TEST_SUITE_END()
