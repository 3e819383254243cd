//
// easynet — calling into a running loop from other threads.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_THREADS_PORTAL_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_THREADS_PORTAL_HPP

#include <easynet/lowlevel/api_async/backend/task_group.hpp>

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <variant>

namespace easynet::lowlevel::api_async::backend {

namespace detail {

/// Completion shared by a portal call and the thread waiting for it.
class portal_future_state {
public:
    void set_value_done(std::exception_ptr error, bool was_cancelled);
    /// Blocks until done or `timeout` (seconds, negative = forever); false on timeout.
    bool wait(double timeout);
    bool done() const;
    bool cancel_requested() const;
    /// Requests cancellation of the call; false when already done.
    bool cancel();
    void set_canceller(std::function<void()> canceller);
    std::exception_ptr error() const;
    bool was_cancelled() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool done_ = false;
    bool cancel_requested_ = false;
    bool cancelled_ = false;
    std::exception_ptr error_;
    std::function<void()> canceller_;
};

template <typename T>
class typed_portal_future_state : public portal_future_state {
public:
    std::conditional_t<std::is_void_v<T>, std::monostate, std::optional<T>> value;
};

/// The portal's shared state.
class portal_state {
public:
    /// Binds the portal to the current task's loop; `group` runs its coroutines.
    void open(task_group& group);
    /// Refuses new calls, then waits (in the current task) for the already-scheduled ones.
    void close();
    /// Checks the caller is another thread and the portal runs; schedules `fn` on the
    /// loop (counted until it has run). @throws std::logic_error.
    void schedule(std::function<void(task_group&)> fn);

private:
    std::mutex mutex_;
    wait_queue idle_{mutex_};
    bool running_ = false;
    bool used_ = false;
    std::size_t pending_ = 0;
    std::shared_ptr<loop_state> loop_;
    task_group* group_ = nullptr;
};

} // namespace detail

/** The result of a call scheduled with a `*_soon` portal function: a future that can also
    cancel the call. Any thread.
*/
template <typename T>
class portal_future {
public:
    explicit portal_future(std::shared_ptr<detail::typed_portal_future_state<T>> state) : state_(std::move(state)) {}

    /** Blocks until the call is done and returns its result.
        @throws what the call threw; `cancelled` if it was cancelled.
    */
    T get() const
    {
        state_->wait(-1);
        if (state_->error())
            std::rethrow_exception(state_->error());
        if (state_->was_cancelled())
            throw ::easynet::cancelled{};
        if constexpr (!std::is_void_v<T>)
            return *state_->value;
    }
    /// Blocks at most `timeout`; true when the call is done.
    bool wait_for(std::chrono::duration<double> timeout) const { return state_->wait(timeout.count()); }
    bool done() const { return state_->done(); }
    /// Cancels the call (the task running it is cancelled). False when already done.
    bool cancel() { return state_->cancel(); }

private:
    std::shared_ptr<detail::typed_portal_future_state<T>> state_;
};

/** A portal into a running loop for other threads (trio's / anyio's `BlockingPortal`).

    Open it in a task with `run(body)`: while `body` runs, any OTHER thread may call
    `run_sync` (runs a plain function in the loop's thread) or `run_coroutine` (runs a
    function as a new task, so it may suspend), and their `_soon` forms that return a
    `portal_future`. When `body` returns, the portal refuses new calls and waits for the
    calls already scheduled and the coroutines still running.

    @par Errors
    Calling from the loop's own thread throws std::logic_error("This function must be
    called in a different OS thread"); calling while the portal is not running throws
    std::logic_error("ThreadsPortal not running."); running a portal twice throws
    std::logic_error.
*/
class threads_portal {
public:
    threads_portal() : state_(std::make_shared<detail::portal_state>()) {}

    /// Opens the portal, runs `body()` in the current task, then closes the portal.
    template <typename F>
    decltype(auto) run(F&& body)
    {
        return with_task_group([&](task_group& group) -> decltype(auto) {
            state_->open(group);
            // The portal is closed (which may suspend) outside any catch block and any
            // destructor, then the body's exception, if any, is re-raised.
            std::exception_ptr error;
            if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
                try {
                    body();
                } catch (...) {
                    error = std::current_exception();
                }
                ignore_cancellation([&] { state_->close(); });
                if (error)
                    std::rethrow_exception(error);
            } else {
                std::optional<std::invoke_result_t<F&>> result;
                try {
                    result.emplace(body());
                } catch (...) {
                    error = std::current_exception();
                }
                ignore_cancellation([&] { state_->close(); });
                if (error)
                    std::rethrow_exception(error);
                return std::move(*result);
            }
        });
    }

    /// Schedules `fn()` to run in the loop's thread (not as a task); returns its future.
    template <typename F>
    auto run_sync_soon(F&& fn)
    {
        using result_type = std::invoke_result_t<std::decay_t<F>&>;
        auto future = std::make_shared<detail::typed_portal_future_state<result_type>>();
        state_->schedule([future, fn = std::forward<F>(fn)](task_group&) mutable {
            if (future->cancel_requested()) {
                future->set_value_done(nullptr, true);
                return;
            }
            std::exception_ptr error;
            try {
                if constexpr (std::is_void_v<result_type>)
                    fn();
                else
                    future->value.emplace(fn());
            } catch (...) {
                error = std::current_exception();
            }
            future->set_value_done(error, false);
        });
        return portal_future<result_type>(future);
    }

    /// Runs `fn()` in the loop's thread and blocks until it returns; returns its result.
    template <typename F>
    auto run_sync(F&& fn)
    {
        return run_sync_soon(std::forward<F>(fn)).get();
    }

    /// Starts `fn()` as a new task of the loop; returns its future (cancelling the future
    /// cancels the task).
    template <typename F>
    auto run_coroutine_soon(F&& fn)
    {
        using result_type = std::invoke_result_t<std::decay_t<F>&>;
        auto future = std::make_shared<detail::typed_portal_future_state<result_type>>();
        state_->schedule([future, fn = std::forward<F>(fn)](task_group& group) mutable {
            group.start_soon([future, fn = std::move(fn)]() mutable {
                auto& self = detail::require_task("run_coroutine");
                future->set_canceller([weak = std::weak_ptr<detail::task_state>(self.shared_from_this())] {
                    if (auto task = weak.lock())
                        task->cancel();
                });
                std::exception_ptr error;
                bool was_cancelled = false;
                try {
                    if (future->cancel_requested())
                        throw ::easynet::cancelled{};
                    if constexpr (std::is_void_v<result_type>)
                        fn();
                    else
                        future->value.emplace(fn());
                } catch (const ::easynet::cancelled&) {
                    was_cancelled = true;
                } catch (...) {
                    error = std::current_exception();
                }
                future->set_value_done(error, was_cancelled);
            });
        });
        return portal_future<result_type>(future);
    }

    /// Runs `fn()` as a new task of the loop and blocks until it is done.
    template <typename F>
    auto run_coroutine(F&& fn)
    {
        return run_coroutine_soon(std::forward<F>(fn)).get();
    }

private:
    std::shared_ptr<detail::portal_state> state_;
};

/// A new portal (open it with `run`).
inline threads_portal create_threads_portal() { return threads_portal(); }

} // namespace easynet::lowlevel::api_async::backend

#endif
