#include <easynet/lowlevel/api_async/backend/async_backend.hpp>
#include <easynet/lowlevel/api_async/backend/bootstrap.hpp>

#include <thread>
#include <vector>

namespace easynet::lowlevel::api_async::backend {

namespace detail {

std::shared_ptr<loop_state> new_loop(const runner_options& options)
{
    if (options.threads < 1)
        throw std::invalid_argument("runner_options::threads must be >= 1");
    if (options.stack_size < 16 * 1024)
        throw std::invalid_argument("runner_options::stack_size must be at least 16 KiB");
    if (current_loop() != nullptr)
        throw std::logic_error("bootstrap() called from a thread that is already running an event loop");
    return std::make_shared<loop_state>(options);
}

void run_loop(const std::shared_ptr<loop_state>& loop, const std::shared_ptr<task_state>& main)
{
    auto& context = loop->context();

    auto run_thread = [loop] {
        set_current_loop(loop.get());
        try {
            loop->context().run();
        } catch (...) {
            set_current_loop(nullptr);
            throw;
        }
        set_current_loop(nullptr);
    };
    std::exception_ptr failure;
    auto run_all = [&] {
        std::vector<std::thread> extra;
        for (unsigned i = 1; i < loop->options().threads; ++i)
            extra.emplace_back([run_thread, &failure] {
                try {
                    run_thread();
                } catch (...) {
                    failure = std::current_exception();
                }
            });
        try {
            run_thread();
        } catch (...) {
            failure = std::current_exception();
        }
        context.stop();
        for (auto& t : extra)
            t.join();
    };
    run_all();
    const bool blocked = !failure && !main->done();
    if (blocked) {
        // Every task is parked forever. Cancel the main task (and so everything it
        // started) and let them unwind, so that their stacks and resources are freed.
        main->cancel();
        context.restart();
        run_all();
    }
    loop->mark_ended();
    // The io_context itself lives until the last task (which holds its executor) is gone.
    if (failure)
        std::rethrow_exception(failure);
    if (blocked)
        throw std::runtime_error("bootstrap(): every task is blocked forever, the main task cannot finish");
}

} // namespace detail

namespace {
const std::shared_ptr<async_backend>& builtin()
{
    static const auto instance = std::make_shared<async_backend>();
    return instance;
}
} // namespace

std::shared_ptr<async_backend> new_builtin_backend(std::string_view name)
{
    if (!name.empty() && name != "asio")
        throw unsupported_operation("Unknown backend: \"" + std::string(name) + "\" (the built-in backend is \"asio\")");
    return builtin();
}

std::shared_ptr<async_backend> ensure_backend(std::shared_ptr<async_backend> backend)
{
    if (backend)
        return backend;
    detail::require_task("ensure_backend");
    return builtin();
}

std::shared_ptr<async_backend> ensure_backend(std::string_view name) { return new_builtin_backend(name); }

} // namespace easynet::lowlevel::api_async::backend
