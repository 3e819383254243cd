//
// easynet — awaiting work submitted to a thread pool (EasyNetwork's `AsyncExecutor`).
//
#ifndef EASYNET_LOWLEVEL_ASYNC_EXECUTOR_HPP
#define EASYNET_LOWLEVEL_ASYNC_EXECUTOR_HPP

#include <easynet/lowlevel/api_async/backend/detail/wait_queue.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <variant>
#include <vector>

namespace easynet::lowlevel {

namespace detail {

/// The state of one submitted call, shared by the pool thread and the awaiting task.
struct executor_call_state {
    enum class phase { pending, running, done, cancelled };
    std::mutex mutex;
    api_async::backend::detail::wait_queue waiters{mutex};
    phase state = phase::pending;
    std::exception_ptr error;

    /// In the pool thread: false when the call was cancelled before it started.
    bool begin();
    void end(std::exception_ptr error);
};

/// In the task: waits for the call (see `async_executor::run`).
void await_executor_call(executor_call_state& call);

} // namespace detail

/** Runs functions on an executor (a `boost::asio::thread_pool`, a strand of one, ...) and
    suspends the calling task until they are done (EasyNetwork's `AsyncExecutor` +
    `unwrap_future`).

    Cancellation of the awaiting task: a call not yet started is dropped and `cancelled`
    is raised at once; a call already running is awaited (further cancellations are
    ignored) and its outcome returned, the cancellation being raised at the next
    checkpoint.
*/
class async_executor {
public:
    /// @param executor where the functions run (must outlive the calls).
    explicit async_executor(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

    /** Runs `fn()` on the executor and returns its result.
        @throws std::logic_error after `shutdown()`; what `fn` throws; `cancelled`.
    */
    template <typename F>
    auto run(F&& fn) -> std::invoke_result_t<std::decay_t<F>&>
    {
        using result_type = std::invoke_result_t<std::decay_t<F>&>;
        if (shut_down_)
            throw std::logic_error("async_executor::run() called after shutdown()");
        struct state_type : detail::executor_call_state {
            std::conditional_t<std::is_void_v<result_type>, std::monostate, std::optional<result_type>> value;
        };
        auto state = std::make_shared<state_type>();
        boost::asio::post(executor_, [state, fn = std::forward<F>(fn)]() mutable {
            if (!state->begin())
                return;
            std::exception_ptr error;
            try {
                if constexpr (std::is_void_v<result_type>)
                    fn();
                else
                    state->value.emplace(fn());
            } catch (...) {
                error = std::current_exception();
            }
            state->end(error);
        });
        detail::await_executor_call(*state);
        if (state->error)
            std::rethrow_exception(state->error);
        if constexpr (!std::is_void_v<result_type>)
            return std::move(*state->value);
    }

    /// Runs `fn(item)` for every item of `items`, one call after the other; returns the results.
    template <typename F, typename Range>
    auto map(F fn, const Range& items)
    {
        using result_type = std::invoke_result_t<F&, decltype(*std::begin(items))>;
        std::vector<result_type> results;
        for (const auto& item : items)
            results.push_back(run([&fn, &item] { return fn(item); }));
        return results;
    }

    /// Refuses further calls. Calls already submitted complete normally.
    void shutdown() noexcept { shut_down_ = true; }
    bool is_shut_down() const noexcept { return shut_down_; }

private:
    boost::asio::any_io_executor executor_;
    bool shut_down_ = false;
};

} // namespace easynet::lowlevel

#endif
