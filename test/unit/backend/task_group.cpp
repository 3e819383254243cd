#include <easynet/lowlevel/api_async/backend/task_group.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <unordered_set>
#include <vector>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(task_group)

BOOST_AUTO_TEST_CASE(run_waits_for_every_child_including_late_ones)
{
    run([] {
        std::vector<int> done;
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                be::sleep(0.02s);
                done.push_back(1);
                tg.start_soon([&] {
                    be::sleep(0.01s);
                    done.push_back(3);
                });
            });
            tg.start_soon([&] { done.push_back(2); });
        });
        BOOST_TEST(done == (std::vector<int>{2, 1, 3}));
    });
}

BOOST_AUTO_TEST_CASE(child_error_cancels_body_and_siblings_and_raises_a_group)
{
    run([] {
        bool sibling_cancelled = false;
        bool body_cancelled = false;
        try {
            be::with_task_group([&](be::task_group& tg) {
                tg.start([&] { // start(): the body is running when it returns
                    try {
                        be::sleep_forever();
                    } catch (const easynet::cancelled&) {
                        sibling_cancelled = true;
                        throw;
                    }
                });
                tg.start_soon([] {
                    be::coro_yield();
                    throw std::runtime_error("child failed");
                });
                try {
                    be::sleep_forever();
                } catch (const easynet::cancelled&) {
                    body_cancelled = true;
                    throw;
                }
            });
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.exceptions().size() == 1u);
            BOOST_CHECK_THROW(std::rethrow_exception(group.exceptions().front()), std::runtime_error);
        }
        BOOST_TEST(sibling_cancelled);
        BOOST_TEST(body_cancelled);
    });
}

BOOST_AUTO_TEST_CASE(body_exception_alone_is_rethrown_unwrapped)
{
    run([] {
        bool child_cancelled = false;
        BOOST_CHECK_THROW(be::with_task_group([&](be::task_group& tg) {
                              tg.start([&] {
                                  try {
                                      be::sleep_forever();
                                  } catch (const easynet::cancelled&) {
                                      child_cancelled = true;
                                      throw;
                                  }
                              });
                              be::coro_yield();
                              throw std::out_of_range("body");
                          }),
                          std::out_of_range);
        BOOST_TEST(child_cancelled);
    });
}

BOOST_AUTO_TEST_CASE(outer_cancellation_propagates_through_the_group)
{
    run([] {
        auto scope = be::move_on_after(0.02s);
        std::atomic<int> cancelled_children{0};
        scope.run([&] {
            be::with_task_group([&](be::task_group& tg) {
                for (int i = 0; i < 3; ++i)
                    tg.start([&] {
                        try {
                            be::sleep_forever();
                        } catch (const easynet::cancelled&) {
                            ++cancelled_children;
                            throw;
                        }
                    });
            });
            BOOST_FAIL("the group should have propagated the cancellation");
        });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(cancelled_children.load() == 3);
    });
}

BOOST_AUTO_TEST_CASE(start_returns_once_the_child_has_started)
{
    run([] {
        std::atomic<bool> started{false};
        auto finish = be::create_event();
        be::with_task_group([&](be::task_group& tg) {
            auto t = tg.start([&] {
                started = true;
                finish.wait();
                return 5;
            });
            // Single-threaded, the child ran up to its first suspension; with several
            // threads it may still be on its way (it runs in parallel once entered).
            if (easynet_test::single_threaded())
                BOOST_TEST(started.load());
            BOOST_TEST(!t.done());
            finish.set();
            BOOST_TEST(t.join() == 5);
        });
    });
}

BOOST_AUTO_TEST_CASE(start_cancelled_while_waiting_cancels_and_awaits_the_child)
{
    run([] {
        be::with_task_group([&](be::task_group& tg) {
            auto scope = be::open_cancel_scope();
            scope.cancel();
            bool child_body_ran = false;
            scope.run([&] { tg.start([&] { child_body_ran = true; }); });
            BOOST_TEST(scope.cancelled_caught());
            BOOST_TEST(!child_body_ran);
        });
    });
}

BOOST_AUTO_TEST_CASE(start_soon_after_exit_is_refused_and_never_runs)
{
    run([] {
        be::task_group tg;
        tg.run([](be::task_group&) {});
        bool ran = false;
        BOOST_CHECK_THROW(tg.start_soon([&] { ran = true; }), std::logic_error);
        be::sleep(0.01s);
        BOOST_TEST(!ran);
        BOOST_CHECK_THROW(tg.run([](be::task_group&) {}), std::logic_error);
    });
}

BOOST_AUTO_TEST_CASE(task_cancel_returns_false_once_done)
{
    run([] {
        be::with_task_group([&](be::task_group& tg) {
            auto t = tg.start([] { return 1; });
            t.wait();
            BOOST_TEST(t.done());
            BOOST_TEST(!t.cancel());
            BOOST_TEST(!t.cancelled());
        });
    });
}

BOOST_AUTO_TEST_CASE(wait_does_not_unwrap_and_join_rethrows)
{
    run([] {
        BOOST_CHECK_THROW(be::with_task_group([&](be::task_group& tg) {
                              auto t = tg.start([]() -> int {
                                  be::coro_yield();
                                  throw std::domain_error("boom");
                              });
                              be::ignore_cancellation([&] { t.wait(); });
                              BOOST_TEST(t.done());
                              BOOST_CHECK_THROW(t.join(), std::domain_error);
                          }),
                          easynet::exception_group);
    });
}

BOOST_AUTO_TEST_CASE(join_of_a_cancelled_child_raises_cancelled)
{
    run([] {
        be::with_task_group([&](be::task_group& tg) {
            auto t = tg.start([] { be::sleep_forever(); });
            BOOST_TEST(t.cancel());
            BOOST_CHECK_THROW(t.join(), easynet::cancelled);
            BOOST_TEST(t.cancelled());
        });
    });
}

BOOST_AUTO_TEST_CASE(cancelling_a_waiter_does_not_cancel_the_child)
{
    run([] {
        be::with_task_group([&](be::task_group& tg) {
            auto finish = be::create_event();
            auto child = tg.start([&] {
                finish.wait();
                return 9;
            });
            auto scope = be::move_on_after(0.005s);
            scope.run([&] { child.wait(); });
            BOOST_TEST(scope.cancelled_caught());
            BOOST_TEST(!child.done());
            finish.set();
            BOOST_TEST(child.join() == 9);
        });
    });
}

BOOST_AUTO_TEST_CASE(join_or_cancel_passes_the_cancellation_on)
{
    run([] {
        be::with_task_group([&](be::task_group& tg) {
            auto child = tg.start([] { be::sleep_forever(); });
            auto scope = be::move_on_after(0.005s);
            scope.run([&] { child.join_or_cancel(); });
            BOOST_TEST(scope.cancelled_caught());
            BOOST_TEST(child.done());
            BOOST_TEST(child.cancelled());
        });
    });
}

BOOST_AUTO_TEST_CASE(task_info_equality_and_hash_by_id)
{
    run([] {
        auto me = be::get_current_task();
        BOOST_TEST(me.name == "main");
        be::with_task_group([&](be::task_group& tg) {
            auto t = tg.start([] { return be::get_current_task(); }, "worker");
            auto info = t.join();
            BOOST_TEST(info.name == "worker");
            BOOST_TEST((info == t.info()));
            BOOST_TEST(!(info == me));
            std::unordered_set<be::task_info> set{info, t.info(), me};
            BOOST_TEST(set.size() == 2u);
        });
    });
}

BOOST_AUTO_TEST_CASE(group_cancel_cancels_body_and_children_quietly)
{
    run([] {
        int cancelled_count = 0;
        auto sleeping = be::create_event();
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                try {
                    sleeping.set();
                    be::sleep_forever();
                } catch (const easynet::cancelled&) {
                    ++cancelled_count;
                    throw;
                }
            });
            sleeping.wait();
            tg.cancel();
            be::sleep_forever();
        });
        BOOST_TEST(cancelled_count == 1);
    });
}

BOOST_AUTO_TEST_CASE(body_result_is_returned)
{
    run([] {
        int v = be::with_task_group([](be::task_group& tg) {
            tg.start_soon([] { be::coro_yield(); });
            return 11;
        });
        BOOST_TEST(v == 11);
    });
}

BOOST_AUTO_TEST_SUITE_END()
