#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>

#include <boost/asio/executor_work_guard.hpp>

#include <thread>

namespace easynet::lowlevel::api_async::backend::detail {

void start_worker_thread(std::function<void()> work) { std::thread(std::move(work)).detach(); }

void wait_thread_call(const std::shared_ptr<thread_call_state>& state, bool abandon_on_cancel)
{
    task_state& task = require_task("run_in_thread");
    // The loop must not run out of work while the only thing left is this worker thread.
    auto work = boost::asio::make_work_guard(task.loop().context());
    std::unique_lock lock(state->mutex);
    if (abandon_on_cancel) {
        while (!state->done)
            state->waiters.wait(lock, true);
        return;
    }
    while (!state->done)
        state->waiters.wait(lock, false);
}

} // namespace easynet::lowlevel::api_async::backend::detail
