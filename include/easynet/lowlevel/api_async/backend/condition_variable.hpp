//
// easynet — task condition variables.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_CONDITION_VARIABLE_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_CONDITION_VARIABLE_HPP

#include <easynet/lowlevel/api_async/backend/lock.hpp>

#include <cstddef>
#include <memory>
#include <mutex>

namespace easynet::lowlevel::api_async::backend {

/** A condition variable for tasks, bound to a `task_lock`.

    Like Python's `asyncio.Condition`: it owns (or shares) its lock; `lock()`/`unlock()`
    act on that lock; `wait()` must be called with the lock held by the task.
*/
class condition_variable {
public:
    /// A condition with its own plain lock.
    condition_variable() : condition_variable(task_lock()) {}
    /// A condition sharing `lock`.
    explicit condition_variable(task_lock lock) : lock_(std::move(lock)), state_(std::make_shared<state>()) {}

    void lock() { lock_.lock(); }
    bool try_lock() { return lock_.try_lock(); }
    void unlock() { lock_.unlock(); }
    bool locked() const { return lock_.locked(); }
    task_lock& get_lock() noexcept { return lock_; }

    /** Releases the lock, waits for a notification, then takes the lock again (even when
        cancelled, before re-raising).
        @throws std::logic_error if the lock is not held ("cannot wait on un-acquired lock").
        @throws cancelled if cancelled while waiting for the notification.
    */
    void wait();
    /// Wakes up to `n` waiting tasks.
    void notify(std::size_t n = 1);
    /// Wakes every waiting task.
    void notify_all();

private:
    struct state {
        std::mutex mutex;
        detail::wait_queue waiters{mutex};
    };
    task_lock lock_;
    std::shared_ptr<state> state_;
};

/// A condition variable with its own lock, or sharing `lock`.
inline condition_variable create_condition_var() { return condition_variable(); }
inline condition_variable create_condition_var(task_lock lock) { return condition_variable(std::move(lock)); }

} // namespace easynet::lowlevel::api_async::backend

#endif
