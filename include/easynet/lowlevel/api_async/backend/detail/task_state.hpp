//
// easynet — private core of the built-in backend: event loops, tasks and cancel scopes.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_TASK_STATE_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_TASK_STATE_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/runner_options.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace easynet::lowlevel::api_async::backend::detail {

using executor_type = boost::asio::any_io_executor;
using yield_type = boost::asio::basic_yield_context<executor_type>;

class task_state;
class cancel_scope_state;

/// One event loop (one `bootstrap` call): the io_context and what the tasks share.
class loop_state : public std::enable_shared_from_this<loop_state> {
public:
    explicit loop_state(const runner_options& options);
    ~loop_state();

    boost::asio::io_context& context() noexcept { return *context_; }
    const runner_options& options() const noexcept { return options_; }
    bool multi_threaded() const noexcept { return options_.threads > 1; }

    /// The executor a new task runs on: a fresh strand when several threads run the loop.
    executor_type new_task_executor();

    std::uint64_t next_task_id() noexcept { return next_task_id_.fetch_add(1, std::memory_order_relaxed); }

    /// Posts `fn` to the loop unless the loop has ended (then drops it). Any thread.
    bool post_if_alive(std::function<void()> fn);
    /// Marks the loop ended: later `post_if_alive` calls are dropped.
    void mark_ended();
    /// True while `bootstrap` is running this loop.
    bool alive() const;

private:
    runner_options options_;
    std::optional<boost::asio::io_context> context_;
    std::atomic<std::uint64_t> next_task_id_{1};
    mutable std::mutex alive_mutex_;
    bool alive_ = true;
};

/// The loop whose thread is the calling thread, or nullptr.
loop_state* current_loop() noexcept;
void set_current_loop(loop_state* loop) noexcept;

/// The task running on the calling thread, or nullptr.
task_state* current_task() noexcept;
void set_current_task(task_state* task) noexcept;

/// The running task; throws `not_in_task_error` naming `function` outside a task.
task_state& require_task(const char* function);

/// A task: one stackful coroutine with its stack of cancel scopes.
class task_state : public std::enable_shared_from_this<task_state> {
public:
    task_state(std::shared_ptr<loop_state> loop, std::string name);
    virtual ~task_state();

    std::uint64_t id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }
    loop_state& loop() noexcept { return *loop_; }
    const std::shared_ptr<loop_state>& loop_ptr() noexcept { return loop_; }
    const executor_type& executor() const noexcept { return executor_; }
    yield_type& yield() noexcept { return *yield_; }
    boost::asio::cancellation_slot cancellation_slot() noexcept { return signal_.slot(); }

    // ---- cancellation (only from the task itself, or on its executor) ----
    /// True when a cancel scope visible from the top of the scope stack is cancelled.
    bool cancellation_pending() const noexcept;
    /// Throws `cancelled` when `cancellation_pending()`. Until a scope of the task has been
    /// cancelled (`hint_cancel`), it reads one flag instead of walking the scope stack.
    void checkpoint()
    {
        if (cancel_hint_.load(std::memory_order_acquire) && cancellation_pending())
            throw cancelled{};
    }
    /// Records that one of the task's scopes (entered, or the root) was cancelled: from now
    /// on checkpoints walk the scope stack. Called before the task is woken. Any thread.
    void hint_cancel() noexcept { cancel_hint_.store(true, std::memory_order_release); }
    void push_scope(cancel_scope_state* scope);
    void pop_scope(cancel_scope_state* scope);
    void push_shield();
    void pop_shield();
    /// True when a scope below `scope` (up to the nearest shield) is cancelled.
    bool outer_scope_cancelled(const cancel_scope_state* scope) const noexcept;
    /// Interrupts the pending operation if a cancellation is now visible. Any thread.
    void wake_for_cancel();

    // ---- lifecycle ----
    /// Cancels the whole task (its root scope). Any thread. False when already done.
    bool cancel();
    bool done() const noexcept { return done_.load(std::memory_order_acquire); }
    bool started() const noexcept { return started_.load(std::memory_order_acquire); }
    bool was_cancelled() const noexcept { return cancelled_; }
    std::exception_ptr error() const noexcept { return error_; }

    /// Registers `fn` to run (on the task's executor) once the task is done; runs it at
    /// once if it already is. Any thread.
    void on_done(std::function<void()> fn);
    /// Registers `fn` to run (on the task's executor) once the body has started.
    void on_started(std::function<void()> fn);

    // ---- switching between the task and the thread's scheduler ----
    /// The thread leaves the task, which is about to suspend: clears the current-task
    /// pointer and swaps the C++ runtime's exception-handling state (exceptions being
    /// handled, `std::uncaught_exceptions()`) back to the scheduler's. So a task may
    /// suspend inside a catch block or during unwinding, and resume on another thread.
    void on_suspend() noexcept;
    /// The task runs again (on this thread): the reverse of `on_suspend`.
    void on_resume() noexcept;

    // Called by the spawn trampoline.
    void begin(yield_type& yield);
    /// The body is about to run: wakes the `on_started` listeners.
    void mark_started();
    void finish(std::exception_ptr error, bool was_cancelled);
    void detach_yield() noexcept { yield_ = nullptr; }
    bool root_cancelled() const noexcept;

private:
    struct scope_entry {
        cancel_scope_state* scope; // nullptr marks a shield
    };

    std::shared_ptr<loop_state> loop_;
    std::uint64_t id_;
    std::string name_;
    executor_type executor_;
    yield_type* yield_ = nullptr;
    std::atomic<bool> cancel_hint_{false}; // beside yield_: one cache line per checkpoint
    boost::asio::cancellation_signal signal_;
    std::shared_ptr<cancel_scope_state> root_scope_;
    std::vector<scope_entry> scopes_;

    struct eh_state {
        void* caught = nullptr;
        unsigned int uncaught = 0;
    };
    eh_state task_eh_;   // the task's, while it is suspended
    eh_state thread_eh_; // the scheduler's, while the task runs

    std::atomic<bool> started_{false};
    std::atomic<bool> done_{false};
    bool cancelled_ = false;
    std::exception_ptr error_;
    std::mutex listeners_mutex_;
    std::vector<std::function<void()>> done_listeners_;
    std::vector<std::function<void()>> start_listeners_;
};

/// Shared state of a cancel scope (the public `cancel_scope` is a handle to it).
class cancel_scope_state : public std::enable_shared_from_this<cancel_scope_state> {
public:
    explicit cancel_scope_state(double deadline);
    ~cancel_scope_state();

    void cancel();
    bool cancel_called() const noexcept { return cancel_called_.load(std::memory_order_acquire); }
    bool cancelled_caught() const noexcept { return cancelled_caught_.load(std::memory_order_acquire); }
    double deadline() const;
    void reschedule(double deadline);

    void enter(task_state& task);
    /// Leaves the scope; returns true if `error` (the exception escaping the body, or
    /// null) is this scope's own cancellation, which the caller then swallows.
    bool exit(task_state& task, const std::exception_ptr& error);

private:
    void arm_timer(); // on the owner's executor

    mutable std::mutex mutex_;
    std::atomic<bool> cancel_called_{false};
    std::atomic<bool> cancelled_caught_{false};
    enum class phase { idle, entered, exited } phase_ = phase::idle;
    task_state* owner_ = nullptr;
    double deadline_;
    std::unique_ptr<boost::asio::steady_timer> timer_;
};

/// Monotonic loop clock, in seconds.
double now() noexcept;

/// `now() + delay`; throws std::invalid_argument for a NaN delay.
double deadline_after(std::chrono::duration<double> delay);

/// Throws std::invalid_argument("Invalid delay: ...") for a negative or NaN delay.
void check_delay(std::chrono::duration<double> delay);

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
