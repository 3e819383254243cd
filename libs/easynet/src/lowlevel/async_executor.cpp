#include <easynet/lowlevel/async_executor.hpp>

#include <boost/asio/executor_work_guard.hpp>

namespace easynet::lowlevel::detail {

namespace be = api_async::backend::detail;

bool executor_call_state::begin()
{
    std::lock_guard lock(mutex);
    if (state == phase::cancelled)
        return false;
    state = phase::running;
    return true;
}

void executor_call_state::end(std::exception_ptr e)
{
    std::lock_guard lock(mutex);
    error = std::move(e);
    state = phase::done;
    waiters.notify_all();
}

void await_executor_call(executor_call_state& call)
{
    be::task_state& task = be::require_task("async_executor::run");
    auto work = boost::asio::make_work_guard(task.loop().context());
    std::unique_lock lock(call.mutex);
    bool interrupted = false;
    try {
        while (call.state != executor_call_state::phase::done)
            call.waiters.wait(lock, true);
    } catch (const cancelled&) {
        interrupted = true; // never suspend inside a catch block
    }
    if (!interrupted)
        return;
    if (call.state == executor_call_state::phase::pending) {
        call.state = executor_call_state::phase::cancelled;
        throw cancelled{};
    }
    // Already running: wait for it, ignoring cancellation; the pending cancellation is
    // raised at the next checkpoint.
    while (call.state != executor_call_state::phase::done)
        call.waiters.wait(lock, false);
}

} // namespace easynet::lowlevel::detail
