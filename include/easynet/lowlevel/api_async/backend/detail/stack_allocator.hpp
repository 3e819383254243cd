#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_ALLOCATOR_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_ALLOCATOR_HPP

#include <easynet/lowlevel/api_async/backend/detail/stack_pool.hpp>
#include <easynet/lowlevel/api_async/backend/runner_options.hpp>

#include <boost/context/fixedsize_stack.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <boost/context/stack_context.hpp>

namespace easynet::lowlevel::api_async::backend::detail {

/// A stack allocator chosen at run time (one `spawn` instantiation for every kind).
/// Guarded stacks go through the process-wide `stack_pool`: a finished task's stack is
/// reused by the next task of the same stack size instead of being unmapped.
class any_stack_allocator {
public:
    any_stack_allocator(stack_kind kind, std::size_t size) : kind_(kind), size_(size), guarded_(size), fixed_(size) {}

    boost::context::stack_context allocate()
    {
        if (kind_ != stack_kind::guarded)
            return fixed_.allocate();
        if (auto cached = stack_pool::take(size_))
            return *cached;
        return guarded_.allocate();
    }

    void deallocate(boost::context::stack_context& sctx) noexcept
    {
        if (kind_ != stack_kind::guarded)
            fixed_.deallocate(sctx);
        else if (!stack_pool::give(size_, sctx))
            guarded_.deallocate(sctx);
    }

private:
    stack_kind kind_;
    std::size_t size_;
    boost::context::protected_fixedsize_stack guarded_;
    boost::context::fixedsize_stack fixed_;
};

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
