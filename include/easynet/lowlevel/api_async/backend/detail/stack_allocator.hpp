#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_ALLOCATOR_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DETAIL_STACK_ALLOCATOR_HPP

#include <easynet/lowlevel/api_async/backend/runner_options.hpp>

#include <boost/context/fixedsize_stack.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <boost/context/stack_context.hpp>

namespace easynet::lowlevel::api_async::backend::detail {

/// A stack allocator chosen at run time (one `spawn` instantiation for every kind).
class any_stack_allocator {
public:
    any_stack_allocator(stack_kind kind, std::size_t size) : kind_(kind), guarded_(size), fixed_(size) {}

    boost::context::stack_context allocate()
    {
        return kind_ == stack_kind::guarded ? guarded_.allocate() : fixed_.allocate();
    }

    void deallocate(boost::context::stack_context& sctx) noexcept
    {
        if (kind_ == stack_kind::guarded)
            guarded_.deallocate(sctx);
        else
            fixed_.deallocate(sctx);
    }

private:
    stack_kind kind_;
    boost::context::protected_fixedsize_stack guarded_;
    boost::context::fixedsize_stack fixed_;
};

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
