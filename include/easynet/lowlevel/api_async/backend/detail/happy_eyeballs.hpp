//
// easynet — the pieces of happy eyeballs (RFC 8305) used by create_tcp_connection.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_HAPPY_EYEBALLS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_HAPPY_EYEBALLS_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/dns.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace easynet::lowlevel::api_async::backend::detail {

/** Orders resolved addresses for happy eyeballs: the first IPv6 address first, the first
    IPv4 address second, then both families interleaved (IPv6, IPv4, IPv6...); what is
    left of the longer family follows, then any other family, in the original order.
*/
std::vector<address_info> reorder_for_happy_eyeballs(const std::vector<address_info>& addresses);

/** Runs `attempt(0)`, `attempt(1)`, ... `attempt(count - 1)` as a staggered race, each in
    its own task: attempt i+1 starts `delay` after attempt i started, or as soon as
    attempt i failed. The first attempt to return wins: every other attempt is cancelled
    and awaited (a result it produced meanwhile is destroyed), then the winner's value is
    returned.

    `attempt(i, errors)` returns its value or throws; before throwing it may append
    further errors to `errors` (e.g. failed binds). Cancellation is not an error.
    @throws exception_group(`group_message`, every error in attempt order) if every
    attempt failed (also when `count` is 0); `cancelled` if the caller is cancelled.
*/
template <typename T, typename Attempt>
T staggered_race(std::size_t count, seconds delay, Attempt&& attempt, const char* group_message)
{
    struct shared_state {
        std::mutex mutex;
        std::optional<T> winner;
        std::optional<std::size_t> winner_index;
        std::vector<std::vector<std::exception_ptr>> errors;
        std::vector<cancel_scope> scopes;
        std::vector<event> finished;
    } state;
    state.errors.resize(count);
    state.scopes.resize(count);
    state.finished.resize(count);

    with_task_group([&](task_group& group) {
        for (std::size_t i = 0; i < count; ++i) {
            {
                std::lock_guard lock(state.mutex);
                if (state.winner_index)
                    break;
                group.start_soon([&state, &attempt, i] {
                    std::vector<std::exception_ptr> errors;
                    std::optional<T> result;
                    cancel_scope scope;
                    {
                        std::lock_guard lock(state.mutex);
                        scope = state.scopes[i];
                    }
                    scope.run([&] {
                        try {
                            result.emplace(attempt(i, errors));
                        } catch (const cancelled&) {
                            throw;
                        } catch (...) {
                            errors.push_back(std::current_exception());
                        }
                    });
                    std::lock_guard lock(state.mutex);
                    state.errors[i] = std::move(errors);
                    if (result && !state.winner_index) {
                        state.winner.emplace(std::move(*result));
                        state.winner_index = i;
                        for (std::size_t j = 0; j < state.scopes.size(); ++j) {
                            if (j != i)
                                state.scopes[j].cancel();
                        }
                        for (auto& e : state.finished)
                            e.set();
                    }
                    state.finished[i].set();
                });
            }
            if (i + 1 < count)
                move_on_after(delay).run([&] { state.finished[i].wait(); });
        }
    });

    if (state.winner)
        return std::move(*state.winner);
    std::vector<std::exception_ptr> all;
    for (auto& errors : state.errors)
        all.insert(all.end(), errors.begin(), errors.end());
    throw exception_group(group_message, std::move(all));
}

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
