//
// easynet — running a task to completion on a fresh event loop.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_BOOTSTRAP_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_BOOTSTRAP_HPP

#include <easynet/lowlevel/api_async/backend/detail/spawn.hpp>
#include <easynet/lowlevel/api_async/backend/runner_options.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace easynet::lowlevel::api_async::backend {

namespace detail {
/// Runs the loop until `main` is done (in the calling thread plus `threads - 1` others).
void run_loop(const std::shared_ptr<loop_state>& loop, const std::shared_ptr<task_state>& main);
std::shared_ptr<loop_state> new_loop(const runner_options& options);
} // namespace detail

/** Runs `fn()` as the main task of a new event loop in the calling thread, and returns
    its result once it is done (the equivalent of `asyncio.run` / `trio.run`).

    Everything `fn` starts must finish within it (task groups guarantee this). With
    `options.threads > 1`, the loop is run by that many threads and every task gets its
    own strand.
    @return what `fn` returns.
    @throws what `fn` throws; `cancelled` if the main task was cancelled;
    std::logic_error if called from inside a running loop; std::runtime_error if every
    task is blocked forever (nothing left that could wake the main task).
*/
template <typename F>
auto bootstrap(F&& fn, const runner_options& options = {}) -> std::invoke_result_t<std::decay_t<F>&>
{
    auto loop = detail::new_loop(options);
    auto main = detail::spawn_task(loop, "main", std::forward<F>(fn));
    detail::run_loop(loop, main);
    if (main->error())
        std::rethrow_exception(main->error());
    if (main->was_cancelled())
        throw ::easynet::cancelled{};
    if constexpr (!std::is_void_v<std::invoke_result_t<std::decay_t<F>&>>)
        return std::move(*main->result);
}

} // namespace easynet::lowlevel::api_async::backend

#endif
