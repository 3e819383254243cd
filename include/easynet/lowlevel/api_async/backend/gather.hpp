//
// easynet — run several functions concurrently and collect their results.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_GATHER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_GATHER_HPP

#include <easynet/lowlevel/api_async/backend/task_group.hpp>

#include <functional>
#include <tuple>
#include <variant>
#include <vector>

namespace easynet::lowlevel::api_async::backend {

namespace detail {
template <typename T>
using gather_slot = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <typename T>
gather_slot<T> join_into_slot(const task<T>& t)
{
    if constexpr (std::is_void_v<T>) {
        t.join();
        return {};
    } else {
        return t.join();
    }
}
} // namespace detail

/** Runs every function concurrently, each in its own task, and returns their results in
    argument order (`std::monostate` for a `void` function).
    If any fails, the others are cancelled and an `exception_group` of the failures is
    thrown once all have finished. With no argument, returns an empty tuple.
*/
template <typename... F>
auto gather(F&&... fns) -> std::tuple<detail::gather_slot<std::invoke_result_t<std::decay_t<F>&>>...>
{
    if constexpr (sizeof...(F) == 0) {
        return {};
    } else {
        // Results are read once the group has finished without error, so a failure is
        // reported once, by the group.
        auto tasks = with_task_group(
            [&](task_group& tg) { return std::make_tuple(tg.start_soon_task(std::forward<F>(fns))...); });
        return std::apply([](auto&... t) { return std::make_tuple(detail::join_into_slot(t)...); }, tasks);
    }
}

/// The range form of `gather`: runs every function of `fns` and returns their results.
template <typename R>
auto gather(std::vector<std::function<R()>> fns) -> std::vector<detail::gather_slot<R>>
{
    std::vector<detail::gather_slot<R>> results;
    if (fns.empty())
        return results;
    auto tasks = with_task_group([&](task_group& tg) {
        std::vector<task<R>> started;
        started.reserve(fns.size());
        for (auto& fn : fns)
            started.push_back(tg.start_soon_task(std::move(fn)));
        return started;
    });
    results.reserve(tasks.size());
    for (auto& t : tasks)
        results.push_back(detail::join_into_slot(t));
    return results;
}

} // namespace easynet::lowlevel::api_async::backend

#endif
