//
// easynet — options of an event loop run by `bootstrap`.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_RUNNER_OPTIONS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_RUNNER_OPTIONS_HPP

#include <easynet/defaults.hpp>

#include <cstddef>

namespace easynet::lowlevel::api_async::backend {

/// How the stack of each task (stackful coroutine) is allocated.
enum class stack_kind {
    /// mmap'ed stack with a guard page below it: a stack overflow faults instead of
    /// corrupting memory. The default.
    guarded,
    /// Plain heap-allocated stack (cheaper to create, no overflow protection).
    fixed,
};

/** Options of the event loop started by `bootstrap()`.

    @par Example
    @code
    runner_options opts;
    opts.threads = 4;                 // one io_context run by 4 threads, a strand per task
    opts.stack_size = 512 * 1024;     // deep recursion in handlers
    bootstrap([] { ... }, opts);
    @endcode
*/
struct runner_options {
    /// Number of threads running the loop (the calling thread included). With more than
    /// one, every task runs on its own strand: one task is always sequential, different
    /// tasks run in parallel. Must be >= 1.
    unsigned threads = 1;
    /// Stack size of every task, in bytes.
    std::size_t stack_size = defaults::task_stack_size;
    /// Stack allocator of every task.
    stack_kind stack = stack_kind::guarded;
};

} // namespace easynet::lowlevel::api_async::backend

#endif
