#include <easynet/lowlevel/api_async/backend/threads_portal.hpp>

#include <boost/asio/executor_work_guard.hpp>

#include <cmath>

namespace easynet::lowlevel::api_async::backend::detail {

// ---- portal_future_state ----

void portal_future_state::set_value_done(std::exception_ptr error, bool was_cancelled)
{
    {
        std::lock_guard lock(mutex_);
        error_ = std::move(error);
        cancelled_ = was_cancelled;
        done_ = true;
        canceller_ = nullptr;
    }
    cv_.notify_all();
}

bool portal_future_state::wait(double timeout)
{
    std::unique_lock lock(mutex_);
    if (timeout < 0 || std::isinf(timeout)) {
        cv_.wait(lock, [&] { return done_; });
        return true;
    }
    return cv_.wait_for(lock, std::chrono::duration<double>(timeout), [&] { return done_; });
}

bool portal_future_state::done() const
{
    std::lock_guard lock(mutex_);
    return done_;
}

bool portal_future_state::cancel_requested() const
{
    std::lock_guard lock(mutex_);
    return cancel_requested_;
}

bool portal_future_state::cancel()
{
    std::function<void()> canceller;
    {
        std::lock_guard lock(mutex_);
        if (done_)
            return false;
        cancel_requested_ = true;
        canceller = canceller_;
    }
    if (canceller)
        canceller();
    return true;
}

void portal_future_state::set_canceller(std::function<void()> canceller)
{
    bool cancel_now = false;
    {
        std::lock_guard lock(mutex_);
        canceller_ = canceller;
        cancel_now = cancel_requested_;
    }
    if (cancel_now)
        canceller();
}

std::exception_ptr portal_future_state::error() const
{
    std::lock_guard lock(mutex_);
    return error_;
}

bool portal_future_state::was_cancelled() const
{
    std::lock_guard lock(mutex_);
    return cancelled_;
}

// ---- portal_state ----

void portal_state::open(task_group& group)
{
    task_state& task = require_task("threads_portal::run");
    std::lock_guard lock(mutex_);
    if (used_)
        throw std::logic_error("ThreadsPortal entered twice.");
    used_ = true;
    running_ = true;
    loop_ = task.loop_ptr();
    group_ = &group;
}

void portal_state::close()
{
    std::unique_lock lock(mutex_);
    running_ = false;
    while (pending_ > 0)
        idle_.wait(lock, false);
}

void portal_state::schedule(std::function<void(task_group&)> fn)
{
    std::shared_ptr<loop_state> loop;
    {
        std::lock_guard lock(mutex_);
        if (!running_)
            throw std::logic_error("ThreadsPortal not running.");
        if (current_loop() == loop_.get())
            throw std::logic_error("This function must be called in a different OS thread");
        ++pending_;
        loop = loop_;
    }
    // The work guard keeps the loop alive until the call has run.
    auto work = std::make_shared<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>(
        loop->context().get_executor());
    bool posted = loop->post_if_alive([this, fn = std::move(fn), work]() mutable {
        task_group* group;
        {
            std::lock_guard lock(mutex_);
            group = group_;
        }
        try {
            fn(*group);
        } catch (...) {
        }
        std::lock_guard lock(mutex_);
        if (--pending_ == 0)
            idle_.notify_all();
        work->reset();
    });
    if (!posted) {
        std::lock_guard lock(mutex_);
        --pending_;
        throw std::logic_error("ThreadsPortal not running.");
    }
}

} // namespace easynet::lowlevel::api_async::backend::detail
