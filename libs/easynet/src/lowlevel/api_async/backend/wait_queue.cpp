#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <boost/asio/async_result.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::backend::detail {

namespace {
/// A type-erased, move-only completion handler (the coroutine's resumption).
struct resumer_base {
    virtual ~resumer_base() = default;
    virtual void complete(boost::system::error_code ec) = 0;
};

template <typename Handler>
struct resumer final : resumer_base {
    explicit resumer(Handler&& h) : handler(std::move(h)) {}
    void complete(boost::system::error_code ec) override { std::move(handler)(ec); }
    Handler handler;
};
} // namespace

struct wait_queue::node {
    node* prev = nullptr;
    node* next = nullptr;
    std::unique_ptr<resumer_base> handler;
    executor_type executor;
    boost::asio::cancellation_slot slot;
    bool fired = false;
    boost::system::error_code result; // when fired before the handler was stored
};

struct wait_canceller {
    wait_queue* queue;
    wait_queue::node* waiter;

    void operator()(boost::asio::cancellation_type_t) const
    {
        std::lock_guard lock(*queue->mutex_);
        if (!waiter->fired) {
            queue->unlink(waiter);
            queue->fire(waiter, boost::asio::error::operation_aborted);
        }
    }
};

void wait_queue::link(node* n) noexcept
{
    n->prev = tail_;
    n->next = nullptr;
    if (tail_)
        tail_->next = n;
    else
        head_ = n;
    tail_ = n;
}

void wait_queue::unlink(node* n) noexcept
{
    if (n->prev)
        n->prev->next = n->next;
    else
        head_ = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        tail_ = n->prev;
    n->prev = n->next = nullptr;
}

void wait_queue::fire(node* n, boost::system::error_code ec) noexcept
{
    n->fired = true;
    if (!n->handler) {
        // The waiter has not suspended yet: it resumes itself when it does.
        n->result = ec;
        return;
    }
    // The resumption runs on the waiter's executor: it clears the cancellation slot there
    // (where cancellation is emitted), then resumes the coroutine.
    boost::asio::post(n->executor, [handler = std::move(n->handler), slot = n->slot, ec]() mutable {
        if (slot.is_connected())
            slot.clear();
        handler->complete(ec);
    });
}

bool wait_queue::wait(std::unique_lock<std::mutex>& lock, bool cancellable)
{
    task_state& task = require_task("wait");
    if (cancellable)
        task.checkpoint();
    // The node is queued before the task suspends, and the owner's mutex is released on
    // the task's own stack (a mutex is never held across a stack switch). A notification
    // that comes before the suspension is recorded in the node and honoured below.
    node n;
    n.executor = task.executor();
    link(&n);
    lock.unlock();
    boost::system::error_code ec;
    auto token = task.yield()[ec];
    task.on_suspend();
    boost::asio::async_initiate<decltype(token), void(boost::system::error_code)>(
        [&](auto handler) {
            // Runs once the coroutine is suspended, still on its executor.
            std::lock_guard guard(*mutex_);
            if (n.fired) {
                boost::asio::post(n.executor, [handler = std::move(handler), result = n.result]() mutable {
                    std::move(handler)(result);
                });
                return;
            }
            n.handler = std::make_unique<resumer<decltype(handler)>>(std::move(handler));
            if (cancellable) {
                n.slot = task.cancellation_slot();
                n.slot.template emplace<wait_canceller>(wait_canceller{this, &n});
            }
        },
        token);
    task.on_resume();
    lock.lock();
    if (ec == boost::asio::error::operation_aborted) {
        task.checkpoint();
        return false;
    }
    return true;
}

bool wait_queue::notify_one() noexcept
{
    node* n = head_;
    if (n == nullptr)
        return false;
    unlink(n);
    fire(n, {});
    return true;
}

std::size_t wait_queue::notify_all() noexcept
{
    std::size_t count = 0;
    while (notify_one())
        ++count;
    return count;
}

} // namespace easynet::lowlevel::api_async::backend::detail
