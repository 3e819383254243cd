//
// easynet — running blocking code in a worker thread.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_RUN_IN_THREAD_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_RUN_IN_THREAD_HPP

#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <variant>

namespace easynet::lowlevel::api_async::backend {

namespace detail {

/// Completion state shared by a `run_in_thread` caller and its worker thread.
struct thread_call_state {
    std::mutex mutex;
    wait_queue waiters{mutex};
    bool done = false;
    std::exception_ptr error;
};

/// Starts `work` in a new worker thread (detached); `work` must complete `state`.
void start_worker_thread(std::function<void()> work);
/// Waits in the current task for `state.done` (see `run_in_thread`).
void wait_thread_call(const std::shared_ptr<thread_call_state>& state, bool abandon_on_cancel);

} // namespace detail

/** Runs the blocking function `fn()` in a worker thread and suspends the task until it
    returns, then returns its result (or rethrows its exception).

    By default a cancellation arriving meanwhile is held back until `fn` returns: its
    result is delivered, and the cancellation is raised at the next checkpoint. With
    `abandon_on_cancel`, the task is cancelled at once and `fn` keeps running, detached;
    its outcome is dropped.
    @throws cancelled (abandon_on_cancel only), or what `fn` throws.
*/
template <typename F>
auto run_in_thread(F&& fn, bool abandon_on_cancel = false) -> std::invoke_result_t<std::decay_t<F>&>
{
    using result_type = std::invoke_result_t<std::decay_t<F>&>;
    struct state_type : detail::thread_call_state {
        std::conditional_t<std::is_void_v<result_type>, std::monostate, std::optional<result_type>> value;
    };
    auto state = std::make_shared<state_type>();
    detail::start_worker_thread([state, fn = std::forward<F>(fn)]() mutable {
        std::exception_ptr error;
        try {
            if constexpr (std::is_void_v<result_type>)
                fn();
            else
                state->value.emplace(fn());
        } catch (...) {
            error = std::current_exception();
        }
        std::lock_guard lock(state->mutex);
        state->error = error;
        state->done = true;
        state->waiters.notify_all();
    });
    detail::wait_thread_call(state, abandon_on_cancel);
    if (state->error)
        std::rethrow_exception(state->error);
    if constexpr (!std::is_void_v<result_type>)
        return std::move(*state->value);
}

} // namespace easynet::lowlevel::api_async::backend

#endif
