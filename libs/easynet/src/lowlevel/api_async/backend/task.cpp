#include <easynet/lowlevel/api_async/backend/detail/spawn.hpp>
#include <easynet/lowlevel/api_async/backend/detail/task_group_state.hpp>
#include <easynet/lowlevel/api_async/backend/task.hpp>

#include <boost/context/detail/exception.hpp>

namespace easynet::lowlevel::api_async::backend {

namespace detail {

void run_task_body(task_state& task, yield_type& yield, void (*body)(void*), void* arg)
{
    task.begin(yield);
    std::exception_ptr error;
    bool was_cancelled = false;
    try {
        if (task.root_cancelled())
            throw cancelled{}; // cancelled before it started: the body never runs
        // From here on the body runs (a cancellation now is raised at its first checkpoint).
        task.mark_started();
        body(arg);
    } catch (const boost::context::detail::forced_unwind&) {
        // The loop is being destroyed with this task suspended: unwind quietly.
        task.detach_yield();
        set_current_task(nullptr);
        throw;
    } catch (const cancelled&) {
        was_cancelled = true;
    } catch (...) {
        error = std::current_exception();
    }
    set_current_task(&task);
    task.finish(std::move(error), was_cancelled);
    task.detach_yield();
    task.on_suspend(); // back to the scheduler's exception-handling state
}

namespace {
struct completion_wait {
    std::mutex mutex;
    wait_queue waiters{mutex};
    bool done = false;

    void signal()
    {
        std::lock_guard lock(mutex);
        done = true;
        waiters.notify_all();
    }

    void wait(bool cancellable)
    {
        std::unique_lock lock(mutex);
        while (!done)
            waiters.wait(lock, cancellable);
    }
};
} // namespace

void wait_task_done(task_state& task, bool cancellable)
{
    require_task("task::wait");
    if (task.done()) {
        if (cancellable)
            current_task()->checkpoint();
        return;
    }
    auto waiter = std::make_shared<completion_wait>();
    task.on_done([waiter] { waiter->signal(); });
    waiter->wait(cancellable);
}

void checkpoint_before_start()
{
    require_task("task_group::start").checkpoint();
}

void wait_task_started(task_state& task)
{
    require_task("task_group::start");
    if (task.started() || task.done())
        return;
    auto waiter = std::make_shared<completion_wait>();
    task.on_started([waiter] { waiter->signal(); });
    task.on_done([waiter] { waiter->signal(); });
    waiter->wait(true);
}

} // namespace detail

task_info get_current_task()
{
    auto& task = detail::require_task("get_current_task");
    return {task.id(), task.name()};
}

} // namespace easynet::lowlevel::api_async::backend
