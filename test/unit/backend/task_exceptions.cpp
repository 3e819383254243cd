// Exception handling state is per task: a task may suspend inside a catch block (and
// resume on another thread of the loop) and still rethrow its own exception.
#include <easynet/lowlevel/api_async/backend/task_group.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <exception>
#include <stdexcept>
#include <string>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(task_exceptions)

BOOST_AUTO_TEST_CASE(suspending_inside_a_catch_block_keeps_each_task_exception)
{
    run([] {
        std::atomic<int> rethrown_own{0};
        std::atomic<int> current_own{0};
        be::with_task_group([&](be::task_group& tg) {
            for (int i = 0; i < 4; ++i)
                tg.start_soon([&, i] {
                    const std::string mine = std::to_string(i);
                    try {
                        try {
                            throw std::runtime_error(mine);
                        } catch (const std::runtime_error&) {
                            // Suspend while handling: the other tasks throw and catch meanwhile.
                            be::sleep(be::seconds(0.005 * (4 - i)));
                            try {
                                std::rethrow_exception(std::current_exception());
                            } catch (const std::runtime_error& e) {
                                if (e.what() == mine)
                                    ++current_own;
                            }
                            throw;
                        }
                    } catch (const std::runtime_error& e) {
                        if (e.what() == mine)
                            ++rethrown_own;
                    }
                });
        });
        BOOST_TEST(rethrown_own.load() == 4);
        BOOST_TEST(current_own.load() == 4);
        BOOST_TEST(std::uncaught_exceptions() == 0);
    });
}

BOOST_AUTO_TEST_CASE(uncaught_exception_count_is_per_task)
{
    run([] {
        std::atomic<int> seen_in_destructor{-1};
        std::atomic<int> seen_by_other{-1};
        auto unwinding = be::create_event();
        auto checked = be::create_event();
        struct guard {
            std::atomic<int>& seen;
            be::event& unwinding;
            be::event& checked;
            ~guard()
            {
                seen = std::uncaught_exceptions();
                unwinding.set();
                checked.wait(); // suspends during stack unwinding
            }
        };
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                try {
                    guard g{seen_in_destructor, unwinding, checked};
                    throw std::logic_error("unwinding");
                } catch (const std::logic_error&) {
                }
            });
            tg.start_soon([&] {
                unwinding.wait();
                seen_by_other = std::uncaught_exceptions();
                checked.set();
            });
        });
        BOOST_TEST(seen_in_destructor.load() == 1);
        BOOST_TEST(seen_by_other.load() == 0);
    });
}

BOOST_AUTO_TEST_SUITE_END()
