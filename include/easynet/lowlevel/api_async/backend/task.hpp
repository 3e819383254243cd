//
// easynet — tasks: handles to running coroutines, and task introspection.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TASK_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TASK_HPP

#include <easynet/lowlevel/api_async/backend/detail/spawn.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace easynet::lowlevel::api_async::backend {

/// Identity of a task. Equal (and hashed) by `id` alone.
struct task_info {
    std::uint64_t id = 0;
    std::string name;

    friend bool operator==(const task_info& a, const task_info& b) noexcept { return a.id == b.id; }
};

/** The task running the caller.
    @throws not_in_task_error outside a task.
*/
task_info get_current_task();

/** A handle to a task started by `task_group::start`.

    Copies refer to the same task. The task keeps running whatever happens to handles.
    @tparam T the type returned by the task's function.
*/
template <typename T>
class task {
public:
    explicit task(std::shared_ptr<detail::typed_task_state<T>> state) noexcept : state_(std::move(state)) {}

    task_info info() const { return {state_->id(), state_->name()}; }
    /// True once the task has finished (returned, failed or was cancelled).
    bool done() const noexcept { return state_->done(); }
    /// Requests cancellation. @return false if the task is already done. Thread-safe.
    bool cancel() { return state_->cancel(); }
    /// True when the task ended by cancellation.
    bool cancelled() const noexcept { return state_->done() && state_->was_cancelled(); }

    /** Waits until the task is done, without looking at its outcome. Cancelling the
        waiting task does not cancel this one.
    */
    void wait() const { detail::wait_task_done(*state_, true); }

    /** Waits for the task and returns its result.
        @throws the task's exception if it failed; `cancelled` if it was cancelled.
    */
    T join() const
    {
        wait();
        return outcome();
    }

    /** As `join()`, but a cancellation of the waiting task is passed on to this task (which
        is then awaited, ignoring further cancellation) before being re-raised.
    */
    T join_or_cancel() const
    {
        bool interrupted = false;
        try {
            wait();
        } catch (const ::easynet::cancelled&) {
            interrupted = true; // act outside the catch block: waiting there is unsafe
        }
        if (interrupted) {
            state_->cancel();
            detail::wait_task_done(*state_, false);
            throw ::easynet::cancelled{};
        }
        return outcome();
    }

private:
    T outcome() const
    {
        if (state_->error())
            std::rethrow_exception(state_->error());
        if (state_->was_cancelled())
            throw ::easynet::cancelled{};
        if constexpr (!std::is_void_v<T>)
            return *state_->result;
    }

    std::shared_ptr<detail::typed_task_state<T>> state_;
};

} // namespace easynet::lowlevel::api_async::backend

template <>
struct std::hash<easynet::lowlevel::api_async::backend::task_info> {
    std::size_t operator()(const easynet::lowlevel::api_async::backend::task_info& info) const noexcept
    {
        return std::hash<std::uint64_t>{}(info.id);
    }
};

#endif
