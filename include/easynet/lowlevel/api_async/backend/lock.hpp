//
// easynet — task locks (plain and fair).
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_LOCK_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_LOCK_HPP

#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <memory>
#include <mutex>

namespace easynet::lowlevel::api_async::backend {

/** A non-reentrant lock for tasks: `lock()` suspends the task, never the thread.

    Meets the standard *Lockable* requirements, so `std::lock_guard`/`std::unique_lock`
    work (inside a task). A *fair* lock (`create_fair_lock`) hands ownership to waiters in
    strict FIFO order on release; a plain lock lets the releasing task or a newcomer take
    it again first. A waiter cancelled after having been handed a fair lock passes it on.

    @par Thread safety
    Safe to share between tasks of one loop, including a multi-threaded loop.
*/
class task_lock {
public:
    explicit task_lock(bool fair = false) : state_(std::make_shared<state>(fair)) {}

    /** Acquires the lock, suspending the task while it is held by another.
        @throws cancelled if the task is cancelled while waiting (the lock is not taken).
    */
    void lock();
    /// Acquires the lock if it is free; never suspends.
    bool try_lock();
    /** Releases the lock. @throws std::logic_error ("Lock not acquired") if not locked. */
    void unlock();
    /// True while some task holds the lock.
    bool locked() const;
    /// True for a fair (FIFO hand-off) lock.
    bool fair() const noexcept { return state_->fair; }

private:
    struct state {
        explicit state(bool f) : fair(f) {}
        mutable std::mutex mutex;
        detail::wait_queue waiters{mutex};
        bool locked = false;
        bool fair;
    };
    std::shared_ptr<state> state_;
};

/// A plain task lock.
inline task_lock create_lock() { return task_lock(false); }
/// A fair (strict FIFO hand-off) task lock.
inline task_lock create_fair_lock() { return task_lock(true); }

} // namespace easynet::lowlevel::api_async::backend

#endif
