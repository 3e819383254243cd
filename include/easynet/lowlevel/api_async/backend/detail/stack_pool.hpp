//
// easynet — a process-wide cache of guarded coroutine stacks freed by finished tasks.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_POOL_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_POOL_HPP

#include <boost/context/stack_context.hpp>

#include <cstddef>
#include <optional>

namespace easynet::lowlevel::api_async::backend::detail::stack_pool {

/// How many freed stacks the pool keeps at most; more are unmapped.
inline constexpr std::size_t capacity = 64;

/** A cached stack made for a request of `size` bytes, if there is one (it is removed from
    the cache). Thread-safe. */
std::optional<boost::context::stack_context> take(std::size_t size) noexcept;

/** Keeps `stack`, made for a request of `size` bytes, for a later `take`.
    @return false when the pool is full: the caller frees the stack. Thread-safe. */
bool give(std::size_t size, const boost::context::stack_context& stack) noexcept;

} // namespace easynet::lowlevel::api_async::backend::detail::stack_pool

#endif
