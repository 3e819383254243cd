#include <easynet/lowlevel/api_async/backend/detail/task_group_state.hpp>

namespace easynet::lowlevel::api_async::backend::detail {

void task_group_state::enter()
{
    task_state& task = require_task("task_group::run");
    std::lock_guard lock(mutex_);
    if (phase_ != phase::idle)
        throw std::logic_error("task group already used (a task group runs once)");
    phase_ = phase::active;
    loop_ = task.loop_ptr();
}

std::shared_ptr<loop_state> task_group_state::loop_for_new_child()
{
    std::lock_guard lock(mutex_);
    if (phase_ != phase::active && phase_ != phase::closing)
        throw std::logic_error("This task group is not active; no new tasks can be started.");
    return loop_;
}

void task_group_state::reserve_child()
{
    std::lock_guard lock(mutex_);
    ++running_;
}

void task_group_state::adopt(const std::shared_ptr<task_state>& child)
{
    {
        std::lock_guard lock(mutex_);
        children_.emplace(child->id(), child);
    }
    child->on_done([self = shared_from_this(), weak = std::weak_ptr<task_state>(child), id = child->id()] {
        std::exception_ptr error;
        if (auto c = weak.lock())
            error = c->error();
        self->child_done(id, error);
    });
}

void task_group_state::child_done(std::uint64_t id, std::exception_ptr error)
{
    bool failed = false;
    {
        std::lock_guard lock(mutex_);
        children_.erase(id);
        --running_;
        if (error) {
            errors_.push_back(std::move(error));
            failed = true;
        }
        if (running_ == 0)
            all_done_.notify_all();
    }
    if (failed)
        cancel();
}

void task_group_state::cancel_children()
{
    std::vector<std::shared_ptr<task_state>> children;
    {
        std::lock_guard lock(mutex_);
        children.reserve(children_.size());
        for (auto& [id, weak] : children_)
            if (auto c = weak.lock())
                children.push_back(std::move(c));
    }
    for (auto& c : children)
        c->cancel();
}

void task_group_state::cancel()
{
    body_scope_.cancel();
    cancel_children();
}

void task_group_state::close(std::exception_ptr body_error)
{
    bool outer_cancelled = is_cancellation(body_error);
    if (body_error)
        cancel_children();
    {
        std::unique_lock lock(mutex_);
        phase_ = phase::closing;
        while (running_ > 0) {
            try {
                all_done_.wait(lock, !outer_cancelled);
            } catch (const cancelled&) {
                // Cancelled from outside while waiting: cancel the children, keep waiting.
                outer_cancelled = true;
                lock.unlock();
                cancel_children();
                lock.lock();
            }
        }
        phase_ = phase::closed;
    }
    std::vector<std::exception_ptr> errors;
    errors.swap(errors_);
    if (body_error && !is_cancellation(body_error)) {
        if (errors.empty())
            std::rethrow_exception(body_error);
        errors.insert(errors.begin(), body_error);
    }
    if (!errors.empty())
        throw exception_group("unhandled errors in a TaskGroup", std::move(errors));
    if (outer_cancelled)
        throw cancelled{};
}

} // namespace easynet::lowlevel::api_async::backend::detail
