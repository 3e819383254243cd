//
// easynet — the guarded stack cache (see detail/stack_pool.hpp).
//
// Creating a guarded stack costs an mmap, an mprotect and, when the task ends, a munmap
// whose TLB flush dominates the cost of a short task (a datagram server starts one task
// per datagram). Stacks are therefore kept and handed to the next task of the same size.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/lowlevel/api_async/backend/detail/stack_pool.hpp>

#include <mutex>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EASYNET_STACK_POOL_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define EASYNET_STACK_POOL_ASAN 1
#endif
#ifdef EASYNET_STACK_POOL_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace easynet::lowlevel::api_async::backend::detail::stack_pool {

namespace {

struct entry {
    std::size_t size;
    boost::context::stack_context stack;
};

struct pool {
    std::mutex mutex;
    std::vector<entry> free;
};

pool& instance() noexcept
{
    static pool* p = new pool; // never destroyed: tasks may end during static destruction
    return *p;
}

} // namespace

std::optional<boost::context::stack_context> take(std::size_t size) noexcept
{
    pool& p = instance();
    std::lock_guard lock(p.mutex);
    for (auto it = p.free.rbegin(); it != p.free.rend(); ++it) {
        if (it->size == size) {
            boost::context::stack_context stack = it->stack;
            p.free.erase(std::next(it).base());
#ifdef EASYNET_STACK_POOL_ASAN
            // Frames of the previous task may have left redzones poisoned.
            ASAN_UNPOISON_MEMORY_REGION(static_cast<char*>(stack.sp) - stack.size, stack.size);
#endif
            return stack;
        }
    }
    return std::nullopt;
}

bool give(std::size_t size, const boost::context::stack_context& stack) noexcept
{
    pool& p = instance();
    std::lock_guard lock(p.mutex);
    if (p.free.size() >= capacity)
        return false;
    try {
        p.free.push_back({size, stack});
    } catch (...) {
        return false;
    }
    return true;
}

} // namespace easynet::lowlevel::api_async::backend::detail::stack_pool
