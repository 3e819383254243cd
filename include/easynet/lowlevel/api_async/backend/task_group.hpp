//
// easynet — task groups: structured concurrency.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TASK_GROUP_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TASK_GROUP_HPP

#include <easynet/lowlevel/api_async/backend/detail/task_group_state.hpp>
#include <easynet/lowlevel/api_async/backend/task.hpp>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>

namespace easynet::lowlevel::api_async::backend {

/** A group of child tasks whose lifetime is bounded by a block of code (a nursery).

    `run(body)` runs `body(group)`; children started with `start_soon`/`start` run
    concurrently. `run` returns only when every child has finished, and children may be
    started while it waits. When a child fails, the body and the other children are
    cancelled, and `run` throws an `exception_group` of every failure. An exception raised
    by the body itself, when it is the only error, is re-raised as it is (not grouped).
    When everything was cancelled from outside (an enclosing scope, the task's
    cancellation), `cancelled` propagates.

    A group is used once; children started after `run` returned are refused.

    @par Example
    @code
    with_task_group([&](task_group& tg) {
        tg.start_soon([&] { serve(a); });
        auto t = tg.start([&] { return compute(); });   // a task<int>
        int v = t.join();
    });
    @endcode

    @par Thread safety
    `start_soon`, `start` and `cancel` may be called from any task of the group's loop.
*/
class task_group {
public:
    task_group() : state_(std::make_shared<detail::task_group_state>()) {}

    /** Runs `body(*this)` and waits for every child (see the class description).
        @return `body`'s result (for a non-void body).
        @throws exception_group, `body`'s own exception, or `cancelled`.
    */
    template <typename F>
    decltype(auto) run(F&& body)
    {
        using result = std::invoke_result_t<F&, task_group&>;
        state_->enter();
        std::exception_ptr body_error;
        if constexpr (std::is_void_v<result>) {
            try {
                state_->body_scope().run([&] { body(*this); });
            } catch (...) {
                body_error = std::current_exception();
            }
            state_->close(body_error);
        } else {
            std::optional<result> value;
            try {
                auto v = state_->body_scope().run([&] { return body(*this); });
                if (v)
                    value.emplace(std::move(*v));
            } catch (...) {
                body_error = std::current_exception();
            }
            state_->close(body_error);
            if (!value) // the group's own cancellation swallowed the body: close() raised already
                throw ::easynet::cancelled{};
            return result(std::move(*value));
        }
    }

    /** Starts `fn()` as a child task at the next scheduling point.
        @param name the task's name (for `task_info`).
        @throws std::logic_error if the group is not running.
    */
    template <typename F>
    void start_soon(F&& fn, std::string name = {})
    {
        auto loop = state_->loop_for_new_child();
        state_->reserve_child();
        auto child = detail::spawn_task(loop, std::move(name), std::forward<F>(fn));
        state_->adopt(child);
    }

    /** Starts `fn()` as a child task and waits until it has begun running.
        On a single-threaded loop the child runs up to its first suspension before the
        caller resumes; with several loop threads the two run in parallel from the moment
        the child's body is entered.
        `start` is a checkpoint: a cancellation already pending for the caller is raised
        before the child is created, so its body never runs.
        @return a handle to the child. If the caller is cancelled while waiting, the child
        is cancelled and awaited before the cancellation is re-raised (with several loop
        threads its body may have begun by then).
    */
    template <typename F>
    auto start(F&& fn, std::string name = {})
    {
        detail::checkpoint_before_start();
        auto loop = state_->loop_for_new_child();
        state_->reserve_child();
        auto child = detail::spawn_task(loop, std::move(name), std::forward<F>(fn));
        state_->adopt(child);
        using result = std::invoke_result_t<std::decay_t<F>&>;
        task<result> handle(child);
        // Never suspend inside a catch block: the task may resume on another thread, where
        // the C++ runtime does not know the exception being handled.
        bool interrupted = false;
        try {
            detail::wait_task_started(*child);
        } catch (const ::easynet::cancelled&) {
            interrupted = true;
        }
        if (interrupted) {
            child->cancel();
            detail::wait_task_done(*child, false);
            throw ::easynet::cancelled{};
        }
        return handle;
    }

    /** Starts `fn()` as a child task at the next scheduling point and returns its handle
        without waiting for it to begin.
    */
    template <typename F>
    auto start_soon_task(F&& fn, std::string name = {})
    {
        auto loop = state_->loop_for_new_child();
        state_->reserve_child();
        auto child = detail::spawn_task(loop, std::move(name), std::forward<F>(fn));
        state_->adopt(child);
        return task<std::invoke_result_t<std::decay_t<F>&>>(child);
    }

    /// Cancels the body and every child. Thread-safe.
    void cancel() { state_->cancel(); }

private:
    std::shared_ptr<detail::task_group_state> state_;
};

/// A new, not yet running, task group (run it with `run`).
inline task_group create_task_group() { return task_group(); }

/// `task_group().run(body)`.
template <typename F>
decltype(auto) with_task_group(F&& body)
{
    task_group group;
    return group.run(std::forward<F>(body));
}

} // namespace easynet::lowlevel::api_async::backend

#endif
