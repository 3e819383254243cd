//
// easynet — task events.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_EVENT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_EVENT_HPP

#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <memory>
#include <mutex>

namespace easynet::lowlevel::api_async::backend {

/** A one-shot event: tasks `wait()` until some task calls `set()`.

    Copies refer to the same event. `set()` is idempotent and may be called from any task
    of the loop (it never suspends).
*/
class event {
public:
    event() : state_(std::make_shared<state>()) {}

    /// Sets the event and wakes every waiter. Idempotent. Never suspends.
    void set();
    /// True once `set()` was called.
    bool is_set() const;
    /** Suspends the task until the event is set (returns at once if it is).
        @throws cancelled if the task is cancelled while waiting.
    */
    void wait();

private:
    struct state {
        mutable std::mutex mutex;
        detail::wait_queue waiters{mutex};
        bool is_set = false;
    };
    std::shared_ptr<state> state_;
};

/// A new, unset event.
inline event create_event() { return event(); }

} // namespace easynet::lowlevel::api_async::backend

#endif
