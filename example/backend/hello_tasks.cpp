//
// hello_tasks — a tour of easynet's backend in one short program.
//
// Every function below runs inside a *task* (a stackful coroutine): calls such as
// `sleep`, `event::wait` or `run_in_thread` look blocking but suspend only the calling
// task. The output is the same on every run: task order comes from the loop's FIFO
// scheduling and from events, never from racing timers.
//
// Distributed under the Boost Software License, Version 1.0.
//

#include <easynet/lowlevel/api_async/backend.hpp>

#include <chrono>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>

namespace backend = easynet::lowlevel::api_async::backend;
using namespace std::chrono_literals;

namespace {

void section(const char* title) { std::cout << "\n== " << title << '\n'; }

// 1. A task group runs its children concurrently and returns when all are done.
void task_group_demo()
{
    section("task group: three tasks take turns at each checkpoint (coro_yield)");
    backend::with_task_group([](backend::task_group& tg) {
        for (std::string name : {"A", "B", "C"}) {
            tg.start_soon(
                [name] {
                    for (int step = 1; step <= 2; ++step) {
                        std::cout << "task " << name << ": step " << step << '\n';
                        backend::coro_yield(); // let the others run
                    }
                },
                "worker-" + name);
        }
        std::cout << "body: three tasks started, waiting for them\n";
    });
    std::cout << "task group done: every child has finished\n";

    section("start() returns a handle; join() returns the task's result");
    backend::with_task_group([](backend::task_group& tg) {
        auto answer = tg.start([] {
            backend::sleep(10ms);
            return 6 * 7;
        });
        std::cout << "started task #" << answer.info().id << ", joining it\n";
        std::cout << "answer = " << answer.join() << '\n';
    });
}

// 2. Events: a task waits until another one sets the event.
void event_demo()
{
    section("event: the waiter sleeps until the setter sets it");
    auto ready = backend::create_event();
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] {
            std::cout << "waiter: waiting for the event\n";
            ready.wait();
            std::cout << "waiter: the event is set, going on\n";
        });
        tg.start_soon([&] {
            std::cout << "setter: doing some work first\n";
            backend::sleep(20ms);
            std::cout << "setter: setting the event\n";
            ready.set();
        });
    });
}

// 3. Deadlines: timeout() raises, move_on_after() quietly gives up.
void deadline_demo()
{
    section("timeout(): a 10 s sleep given 50 ms");
    try {
        backend::timeout(50ms, [] { backend::sleep(10s); });
        std::cout << "not reached\n";
    } catch (const easynet::timeout_error& e) {
        std::cout << "caught easynet::timeout_error: " << e.what() << '\n';
    }

    section("move_on_after(): a cancel scope with a 50 ms deadline");
    auto scope = backend::move_on_after(50ms);
    auto value = scope.run([] {
        backend::sleep_forever();
        return 1; // never reached
    });
    std::cout << "scope left: has a value: " << std::boolalpha << value.has_value()
              << ", cancel_called: " << scope.cancel_called() << ", cancelled_caught: " << scope.cancelled_caught()
              << '\n';
}

// 4. Cancelling a scope from another task. Cancellation is the exception
//    easynet::cancelled, which is NOT a std::exception: generic handlers cannot swallow it.
void cancel_scope_demo()
{
    section("cancel scope: cancelled by another task");
    auto scope = backend::open_cancel_scope();
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] {
            scope.run([] {
                try {
                    std::cout << "sleeper: sleeping forever inside the scope\n";
                    backend::sleep_forever();
                } catch (const std::exception&) {
                    std::cout << "not reached: cancellation is not a std::exception\n";
                } catch (const easynet::cancelled&) {
                    std::cout << "sleeper: cancelled, cleaning up, then re-raising\n";
                    throw; // the scope that was cancelled swallows it
                }
            });
            std::cout << "sleeper: after the scope, cancelled_caught = " << std::boolalpha
                      << scope.cancelled_caught() << '\n';
        });
        tg.start_soon([&] {
            backend::coro_yield();
            std::cout << "canceller: cancelling the sleeper's scope\n";
            scope.cancel();
        });
    });

    section("shield: ignore_cancellation() lets cleanup finish in a cancelled scope");
    auto shielded = backend::open_cancel_scope();
    shielded.run([&] {
        shielded.cancel();
        backend::ignore_cancellation([] {
            backend::sleep(10ms); // not interrupted
            std::cout << "shielded sleep completed although the scope is cancelled\n";
        });
        backend::coro_yield(); // the first checkpoint after the shield raises
        std::cout << "not reached\n";
    });
    std::cout << "cancelled_caught = " << std::boolalpha << shielded.cancelled_caught() << '\n';
}

// 5. Blocking code goes to a worker thread; the loop keeps running other tasks.
void run_in_thread_demo()
{
    section("run_in_thread(): blocking work in a worker thread");
    backend::with_task_group([](backend::task_group& tg) {
        tg.start_soon([] {
            int result = backend::run_in_thread([] {
                std::this_thread::sleep_for(50ms); // a blocking call
                return 6 * 7;
            });
            std::cout << "worker thread returned " << result << '\n';
        });
        tg.start_soon([] { std::cout << "another task runs while the thread works\n"; });
    });
}

// 6. A failing child cancels its siblings; the group raises an exception_group.
void failure_demo()
{
    section("a failing child: siblings are cancelled, the group raises exception_group");
    try {
        backend::with_task_group([](backend::task_group& tg) {
            tg.start_soon([] {
                try {
                    backend::sleep_forever();
                } catch (const easynet::cancelled&) {
                    std::cout << "sibling: cancelled by the group\n";
                    throw;
                }
            });
            tg.start_soon([] {
                backend::coro_yield();
                throw std::runtime_error("boom");
            });
        });
    } catch (const easynet::exception_group& group) {
        std::cout << "caught " << group.what() << '\n';
        for (const auto& error : group.exceptions()) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                std::cout << "  - " << e.what() << '\n';
            }
        }
    }
}

} // namespace

int main()
{
    try {
        backend::bootstrap([] {
            std::cout << "main task #" << backend::get_current_task().id << " running\n";
            task_group_demo();
            event_demo();
            deadline_demo();
            cancel_scope_demo();
            run_in_thread_demo();
            failure_demo();
        });
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    std::cout << "\nbootstrap returned: the loop is closed\n";
    return 0;
}
