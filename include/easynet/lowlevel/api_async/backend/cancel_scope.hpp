//
// easynet — cancel scopes: cancellation and timeouts of a block of code.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_CANCEL_SCOPE_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_CANCEL_SCOPE_HPP

#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace easynet::lowlevel::api_async::backend {

/** A cancel scope (trio's `CancelScope`), run with `run(body)`.

    While `body` runs inside the scope, `cancel()` (from this task or any other, from any
    thread of the loop) or the deadline passing makes every checkpoint of the task throw
    `easynet::cancelled` — *level-triggered*: not once but at each checkpoint, until the
    body leaves the scope. When the cancellation that escapes the body is the scope's own
    (the scope is cancelled and no enclosing scope is), the scope swallows it and
    `cancelled_caught()` becomes true; a cancellation from an enclosing scope or of the
    whole task passes through. Scopes nest strictly; a scope runs once.

    `cancel_scope` is a cheap handle: copies refer to the same scope, so a copy may be
    handed to another task to cancel this one.

    @par Example
    @code
    auto scope = move_on_after(1s);
    scope.run([&] { data = client.recv_packet(); });
    if (scope.cancelled_caught()) { ... no answer within a second ... }
    @endcode
*/
class cancel_scope {
public:
    /// A scope with the given absolute deadline on the loop clock (`no_deadline` by default).
    explicit cancel_scope(double deadline = no_deadline);

    /** Enters the scope, runs `body()`, leaves the scope.
        @return `body`'s result, empty (`std::nullopt`) when the scope swallowed its own
        cancellation; for a `void` body, nothing.
        @throws std::logic_error if the scope already ran ("CancelScope entered twice").
        @throws not_in_task_error outside a task.
    */
    template <typename F>
    auto run(F&& body)
    {
        using result = std::invoke_result_t<F&>;
        detail::task_state& task = detail::require_task("cancel_scope::run");
        state_->enter(task);
        if constexpr (std::is_void_v<result>) {
            try {
                body();
            } catch (...) {
                if (!state_->exit(task, std::current_exception()))
                    throw;
                return;
            }
            state_->exit(task, nullptr);
        } else {
            std::optional<result> value;
            try {
                value.emplace(body());
            } catch (...) {
                if (!state_->exit(task, std::current_exception()))
                    throw;
                return value;
            }
            state_->exit(task, nullptr);
            return value;
        }
    }

    /// Cancels the scope (idempotent). Before `run`, takes effect on entry. Thread-safe.
    void cancel() { state_->cancel(); }
    /// True once `cancel()` was called or the deadline passed.
    bool cancel_called() const noexcept { return state_->cancel_called(); }
    /// True when the scope swallowed its own cancellation.
    bool cancelled_caught() const noexcept { return state_->cancelled_caught(); }
    /// The absolute deadline (`no_deadline` when none).
    double deadline() const { return state_->deadline(); }
    /// Same as `deadline()`.
    double when() const { return state_->deadline(); }
    /** Moves the deadline. Negative values are clamped to 0.
        @throws std::invalid_argument if `deadline` is NaN.
    */
    void reschedule(double deadline) { state_->reschedule(deadline); }
    /// Removes the deadline.
    void clear_deadline() { state_->reschedule(no_deadline); }

private:
    std::shared_ptr<detail::cancel_scope_state> state_;
};

/// A new scope with the given absolute deadline (default: none).
cancel_scope open_cancel_scope(double deadline = no_deadline);
/** A new scope whose deadline is `delay` from now (infinity allowed).
    @throws std::invalid_argument if `delay` is NaN.
*/
cancel_scope move_on_after(seconds delay);
/// A new scope with the absolute deadline `deadline`.
cancel_scope move_on_at(double deadline);

/** Runs `body` within `delay`; on expiry, throws `timeout_error("timed out")` instead of
    returning (a `move_on_after` scope that turns its own cancellation into an error).
    If the body was shielded and no checkpoint came after the deadline, it simply returns.
    @return `body`'s result.
    @throws timeout_error on expiry; cancelled if an enclosing scope is cancelled.
*/
template <typename F>
decltype(auto) timeout_at(double deadline, F&& body)
{
    cancel_scope scope(deadline);
    using result = std::invoke_result_t<F&>;
    if constexpr (std::is_void_v<result>) {
        scope.run(std::forward<F>(body));
        if (scope.cancelled_caught())
            throw timeout_error("timed out");
    } else {
        auto value = scope.run(std::forward<F>(body));
        if (!value)
            throw timeout_error("timed out");
        return result(std::move(*value));
    }
}

/// `timeout_at(current_time() + delay, body)`. @throws std::invalid_argument if NaN.
template <typename F>
decltype(auto) timeout(seconds delay, F&& body)
{
    return timeout_at(detail::deadline_after(delay), std::forward<F>(body));
}

/** Runs `body` to completion ignoring cancellation (a shield). A cancellation that came
    meanwhile is raised at the first checkpoint after `body` returns, if still pending;
    cancel scopes opened inside `body` still work.
*/
template <typename F>
decltype(auto) ignore_cancellation(F&& body)
{
    detail::task_state& task = detail::require_task("ignore_cancellation");
    task.push_shield();
    struct pop_guard {
        detail::task_state& task;
        ~pop_guard() { task.pop_shield(); }
    } guard{task};
    return std::forward<F>(body)();
}

} // namespace easynet::lowlevel::api_async::backend

#endif
