#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/condition_variable.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>

namespace easynet::lowlevel::api_async::backend {

// ---- task_lock ----
// A fair lock hands ownership over on release (`locked` stays true and the first waiter
// owns it when it resumes). A plain lock is released and one waiter woken to compete.

void task_lock::lock()
{
    detail::require_task("task_lock::lock");
    std::unique_lock lock(state_->mutex);
    if (!state_->locked && (!state_->fair || state_->waiters.empty())) {
        state_->locked = true;
        return;
    }
    if (state_->fair) {
        // Woken only by a hand-off: we own the lock when wait() returns true.
        try {
            while (!state_->waiters.wait(lock)) {
            }
        } catch (const cancelled&) {
            throw;
        }
        return;
    }
    while (state_->locked)
        state_->waiters.wait(lock);
    state_->locked = true;
}

bool task_lock::try_lock()
{
    std::lock_guard lock(state_->mutex);
    if (state_->locked || (state_->fair && !state_->waiters.empty()))
        return false;
    state_->locked = true;
    return true;
}

void task_lock::unlock()
{
    std::lock_guard lock(state_->mutex);
    if (!state_->locked)
        throw std::logic_error("Lock not acquired");
    if (state_->fair) {
        if (!state_->waiters.notify_one())
            state_->locked = false;
        return;
    }
    state_->locked = false;
    state_->waiters.notify_one();
}

bool task_lock::locked() const
{
    std::lock_guard lock(state_->mutex);
    return state_->locked;
}

// ---- event ----

void event::set()
{
    std::lock_guard lock(state_->mutex);
    if (state_->is_set)
        return;
    state_->is_set = true;
    state_->waiters.notify_all();
}

bool event::is_set() const
{
    std::lock_guard lock(state_->mutex);
    return state_->is_set;
}

void event::wait()
{
    detail::require_task("event::wait");
    std::unique_lock lock(state_->mutex);
    while (!state_->is_set)
        state_->waiters.wait(lock);
}

// ---- condition_variable ----

void condition_variable::wait()
{
    detail::require_task("condition_variable::wait");
    if (!lock_.locked())
        throw std::logic_error("cannot wait on un-acquired lock");
    std::exception_ptr error;
    {
        std::unique_lock lock(state_->mutex);
        lock_.unlock();
        try {
            state_->waiters.wait(lock);
        } catch (...) {
            error = std::current_exception();
        }
    }
    // Take the lock back even when cancelled, then re-raise.
    ignore_cancellation([&] { lock_.lock(); });
    if (error)
        std::rethrow_exception(error);
}

void condition_variable::notify(std::size_t n)
{
    std::lock_guard lock(state_->mutex);
    for (std::size_t i = 0; i < n && state_->waiters.notify_one(); ++i) {
    }
}

void condition_variable::notify_all()
{
    std::lock_guard lock(state_->mutex);
    state_->waiters.notify_all();
}

} // namespace easynet::lowlevel::api_async::backend
