//
// easynet — starting a task (a stackful coroutine) on a loop.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_SPAWN_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_SPAWN_HPP

#include <easynet/lowlevel/api_async/backend/detail/stack_allocator.hpp>
#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>

#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/spawn.hpp>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace easynet::lowlevel::api_async::backend::detail {

/// A task with storage for the value its body returns.
template <typename T>
class typed_task_state final : public task_state {
public:
    using task_state::task_state;
    std::optional<T> result;
};

template <>
class typed_task_state<void> final : public task_state {
public:
    using task_state::task_state;
};

/// Runs `body(arg)` as the body of `task`: records its outcome and wakes its listeners.
void run_task_body(task_state& task, yield_type& yield, void (*body)(void*), void* arg);

/// Starts `fn()` as a new task of `loop`. The task begins running at the next scheduling
/// point of the loop (never inline).
template <typename F>
auto spawn_task(const std::shared_ptr<loop_state>& loop, std::string name, F&& fn)
{
    using result_type = std::invoke_result_t<std::decay_t<F>&>;
    auto task = std::make_shared<typed_task_state<result_type>>(loop, std::move(name));
    const auto& options = loop->options();
    // Posted, so that the task never starts inline inside the caller (Asio's spawn
    // dispatches, which would run it at once on the caller's thread).
    boost::asio::post(task->executor(), [task, stack = any_stack_allocator(options.stack, options.stack_size),
                                         fn = std::forward<F>(fn)]() mutable {
        boost::asio::spawn(
            task->executor(), std::allocator_arg, std::move(stack),
            [task, fn = std::move(fn)](yield_type yield) mutable {
                auto call = [&] {
                    if constexpr (std::is_void_v<result_type>)
                        fn();
                    else
                        task->result.emplace(fn());
                };
                run_task_body(*task, yield, [](void* p) { (*static_cast<decltype(call)*>(p))(); }, &call);
            },
            boost::asio::detached);
    });
    return task;
}

/// Suspends the current task until `task` is done. With `cancellable`, a cancellation of
/// the waiter interrupts the wait (throws `cancelled`); the awaited task is left running.
void wait_task_done(task_state& task, bool cancellable = true);

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
