#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/detail/await.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cmath>
#include <sstream>

namespace easynet::lowlevel::api_async::backend {

namespace detail {

void check_delay(std::chrono::duration<double> delay)
{
    double d = delay.count();
    if (std::isnan(d) || d < 0) {
        std::ostringstream message;
        message << "Invalid delay: " << d;
        throw std::invalid_argument(message.str());
    }
}

double deadline_after(std::chrono::duration<double> delay)
{
    double d = delay.count();
    if (std::isnan(d))
        throw std::invalid_argument("Invalid delay: nan");
    if (std::isinf(d))
        return d > 0 ? no_deadline : 0.0;
    return now() + d;
}

namespace {
std::chrono::steady_clock::time_point to_time_point(double deadline)
{
    return std::chrono::steady_clock::time_point(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(deadline)));
}

void sleep_on_timer(double deadline)
{
    task_state& task = require_task("sleep");
    boost::asio::steady_timer timer(task.executor(), to_time_point(deadline));
    boost::system::error_code ec;
    await_operation("sleep", ec, [&](auto token) { return timer.async_wait(token); });
}
} // namespace

} // namespace detail

double current_time() noexcept { return detail::now(); }

namespace detail {
namespace {
/// Suspends `task` until the loop runs it again. `post(yield)` is exactly what a raw
/// asio::spawn coroutine does: no error code, no cancellation slot (a post cannot be
/// cancelled), no `post(executor, token)` (which wraps the handler in a work_dispatcher:
/// an extra type-erased executor copy, work count and dispatch per yield). The yield's
/// executor is the task's (its strand on a multi-threaded loop).
void reschedule(task_state& task)
{
    task.on_suspend(); // the thread leaves the task while it is suspended
    boost::asio::post(task.yield());
    task.on_resume();
}
} // namespace
} // namespace detail

void coro_yield()
{
    detail::task_state& task = detail::require_task("coro_yield");
    task.checkpoint();
    detail::reschedule(task);
    task.checkpoint();
}

void cancel_shielded_coro_yield()
{
    detail::reschedule(detail::require_task("cancel_shielded_coro_yield"));
}

void sleep(seconds delay)
{
    detail::check_delay(delay);
    if (delay.count() == 0) {
        coro_yield();
        return;
    }
    if (std::isinf(delay.count()))
        sleep_forever();
    detail::sleep_on_timer(detail::now() + delay.count());
}

void sleep_until(double deadline)
{
    if (std::isnan(deadline))
        throw std::invalid_argument("Invalid deadline: nan");
    if (std::isinf(deadline) && deadline > 0)
        sleep_forever();
    if (deadline <= detail::now()) {
        coro_yield();
        return;
    }
    detail::sleep_on_timer(deadline);
}

void sleep_forever()
{
    detail::task_state& task = detail::require_task("sleep_forever");
    boost::asio::steady_timer timer(task.executor(), boost::asio::steady_timer::time_point::max());
    for (;;) {
        boost::system::error_code ec;
        detail::await_operation("sleep_forever", ec, [&](auto token) { return timer.async_wait(token); });
    }
}

// ---- cancel scopes ----

cancel_scope::cancel_scope(double deadline)
    : state_(std::make_shared<detail::cancel_scope_state>(no_deadline))
{
    if (deadline != no_deadline)
        state_->reschedule(deadline);
}

cancel_scope open_cancel_scope(double deadline) { return cancel_scope(deadline); }

cancel_scope move_on_after(seconds delay) { return cancel_scope(detail::deadline_after(delay)); }

cancel_scope move_on_at(double deadline) { return cancel_scope(deadline); }

} // namespace easynet::lowlevel::api_async::backend
