//
// easynet — cleanup callbacks run in reverse order (Python's `contextlib.AsyncExitStack`,
// as handed to `service_init`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_EXIT_STACK_HPP
#define EASYNET_SERVERS_EXIT_STACK_HPP

#include <functional>
#include <vector>

namespace easynet::servers {

/** A stack of cleanup callbacks, run last-in first-out by `close()`.
    Servers give one to `service_init` and close it when `serve_forever` tears down, after
    every client task has finished (SEMANTICS S2). Callbacks run inside the serving task
    and may suspend.
    @par Thread safety
    Not thread-safe; use from one task.
*/
class exit_stack {
public:
    exit_stack() = default;
    exit_stack(const exit_stack&) = delete;
    exit_stack& operator=(const exit_stack&) = delete;
    /// Runs the callbacks still pending (errors are ignored then).
    ~exit_stack();

    /// Pushes `callback` (run by `close()`, before every callback pushed earlier).
    void push(std::function<void()> callback);

    /** Runs every callback, LIFO, each exactly once, even if one throws.
        @throws the first error raised by a callback (after all have run). */
    void close();

    /// Callbacks not run yet.
    std::size_t size() const noexcept { return callbacks_.size(); }

private:
    std::vector<std::function<void()>> callbacks_;
};

} // namespace easynet::servers

#endif
