#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_TASK_GROUP_STATE_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_TASK_GROUP_STATE_HPP

#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>
#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <exception>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace easynet::lowlevel::api_async::backend::detail {

/// Shared state of a task group: its children, their errors and the body's scope.
class task_group_state : public std::enable_shared_from_this<task_group_state> {
public:
    task_group_state() = default;

    /// Marks the group active in the current task. @throws std::logic_error if used twice.
    void enter();
    /// After the body: cancels the children when needed, waits for all of them, then
    /// raises what the group must raise (see `task_group::run`).
    void close(std::exception_ptr body_error);
    /// Checks the group accepts children; returns its loop. @throws std::logic_error.
    std::shared_ptr<loop_state> loop_for_new_child();
    /// Registers a started child (its counter was taken by `reserve_child`).
    void adopt(const std::shared_ptr<task_state>& child);
    void reserve_child();
    /// Cancels the body and every running child.
    void cancel();

    cancel_scope& body_scope() noexcept { return body_scope_; }

private:
    void child_done(std::uint64_t id, std::exception_ptr error);
    void cancel_children();

    enum class phase { idle, active, closing, closed };

    std::mutex mutex_;
    wait_queue all_done_{mutex_};
    phase phase_ = phase::idle;
    std::shared_ptr<loop_state> loop_;
    std::size_t running_ = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<task_state>> children_;
    std::vector<std::exception_ptr> errors_;
    cancel_scope body_scope_;
};

/// Raises a cancellation already pending for the calling task, before `task_group::start`
/// creates a child: a cancelled caller never lets the child's body run, on any number of
/// loop threads. @throws std::logic_error outside a task.
void checkpoint_before_start();

/// Suspends until `task` has started running its body (see `task_group::start`).
void wait_task_started(task_state& task);

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
