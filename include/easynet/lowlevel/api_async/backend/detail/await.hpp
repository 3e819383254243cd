//
// easynet — suspending the current task on an Asio asynchronous operation.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_AWAIT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_AWAIT_HPP

#include <easynet/lowlevel/api_async/backend/detail/task_state.hpp>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <type_traits>

namespace easynet::lowlevel::api_async::backend::detail {

/// After a suspension: restores the current-task pointer (the task may have moved to
/// another thread) and turns an aborted operation into `cancelled` when the task's
/// cancellation is what aborted it.
inline void resume_point(task_state& task, const boost::system::error_code& ec)
{
    task.on_resume();
    // Asio operations leave their cancellation handler in the slot after completing:
    // remove it before the operation's state is gone.
    task.cancellation_slot().clear();
    if (ec == boost::asio::error::operation_aborted)
        task.checkpoint();
}

/** Runs one Asio asynchronous operation in the current task and returns its result.

    `initiate(token)` must start the operation with `token` as completion token and return
    what the operation returns for a yield context. The operation is bound to the task's
    cancellation signal: a cancelled scope interrupts it. Before starting, pending
    cancellation is raised (a checkpoint). The operation's error code is stored in `ec`
    (never thrown here); an operation aborted by cancellation throws `cancelled`.
    Data an operation completed with is never lost: a cancellation that arrives after a
    successful completion is raised at the next checkpoint.
*/
template <typename Initiate>
decltype(auto) await_operation(const char* function, boost::system::error_code& ec, Initiate&& initiate)
{
    task_state& task = require_task(function);
    task.checkpoint();
    auto token = boost::asio::bind_cancellation_slot(task.cancellation_slot(), task.yield()[ec]);
    task.on_suspend(); // the thread leaves the task while it is suspended
    if constexpr (std::is_void_v<decltype(initiate(token))>) {
        initiate(token);
        resume_point(task, ec);
    } else {
        decltype(auto) result = initiate(token);
        resume_point(task, ec);
        return result;
    }
}

/// Same as `await_operation`, without the checkpoint before and without turning an
/// abort into `cancelled`: for operations that must run even in a cancelled task.
template <typename Initiate>
decltype(auto) await_operation_shielded(const char* function, boost::system::error_code& ec, Initiate&& initiate)
{
    task_state& task = require_task(function);
    auto token = task.yield()[ec];
    task.on_suspend();
    if constexpr (std::is_void_v<decltype(initiate(token))>) {
        initiate(token);
        task.on_resume();
    } else {
        decltype(auto) result = initiate(token);
        task.on_resume();
        return result;
    }
}

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
