//
// easynet — the parking primitive behind locks, events, conditions and task joins.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_WAIT_QUEUE_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_WAIT_QUEUE_HPP

#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>

#include <boost/system/error_code.hpp>

#include <mutex>

namespace easynet::lowlevel::api_async::backend::detail {

/** A FIFO of suspended tasks, guarded by its owner's mutex.

    Every member is called with the owner's mutex held. `wait` releases it while the task
    is suspended and takes it again before returning. Waking posts the waiter's resumption
    to its own executor, so it is safe from any thread and never runs user code inline.
*/
class wait_queue {
public:
    explicit wait_queue(std::mutex& owner_mutex) noexcept : mutex_(&owner_mutex) {}
    wait_queue(const wait_queue&) = delete;
    wait_queue& operator=(const wait_queue&) = delete;

    /// Suspends the current task until `notify_*` selects it (returns true), or until the
    /// task is cancelled (throws `cancelled`, the lock re-acquired first). With
    /// `cancellable == false` the wait ignores cancellation. May return false on a
    /// spurious wake-up: callers re-check their condition.
    bool wait(std::unique_lock<std::mutex>& lock, bool cancellable = true);

    /// Wakes the oldest waiter. Returns false when there was none.
    bool notify_one() noexcept;
    /// Wakes every waiter; returns how many.
    std::size_t notify_all() noexcept;
    bool empty() const noexcept { return head_ == nullptr; }

    struct node;

private:
    friend struct wait_canceller;
    void link(node* n) noexcept;
    void unlink(node* n) noexcept;
    void fire(node* n, boost::system::error_code ec) noexcept;

    std::mutex* mutex_;
    node* head_ = nullptr;
    node* tail_ = nullptr;
};

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
