//
// easynet — the loop clock, sleeping and scheduling points.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TIME_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_TIME_HPP

#include <chrono>
#include <limits>

namespace easynet::lowlevel::api_async::backend {

/// A delay in seconds. Any `std::chrono::duration` converts to it (`sleep(100ms)`), and so
/// does a plain number of seconds written `seconds{0.5}`. Infinity is allowed where the
/// documentation says so.
using seconds = std::chrono::duration<double>;

/// The deadline meaning "never".
inline constexpr double no_deadline = std::numeric_limits<double>::infinity();

/** The loop's monotonic clock, in seconds (`std::chrono::steady_clock`).

    Deadlines of `sleep_until`, `move_on_at`, `timeout_at` and `cancel_scope::reschedule`
    are expressed on this clock. Callable from any thread.
*/
double current_time() noexcept;

/** A checkpoint: lets other tasks run, and raises a pending cancellation.
    @throws cancelled if the task's cancellation is pending (before or after yielding).
    @throws not_in_task_error outside a task.
*/
void coro_yield();

/** A scheduling point that is NOT a cancellation point: lets other tasks run, and leaves
    a pending cancellation for the next real checkpoint.
*/
void cancel_shielded_coro_yield();

/** Suspends the current task for `delay`.
    A zero delay is a plain checkpoint (`coro_yield`).
    @throws std::invalid_argument if `delay` is negative or NaN ("Invalid delay: ...").
    @throws cancelled when the task is cancelled while sleeping.
*/
void sleep(seconds delay);

/** Suspends the current task until the loop clock reaches `deadline`; a deadline in the
    past is a plain checkpoint. @throws std::invalid_argument if NaN.
*/
void sleep_until(double deadline);

/** Suspends the current task until it is cancelled: it only ever ends by throwing
    `cancelled`.
*/
[[noreturn]] void sleep_forever();

} // namespace easynet::lowlevel::api_async::backend

#endif
