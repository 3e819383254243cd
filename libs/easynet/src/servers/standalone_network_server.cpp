//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/standalone_network_server.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/bootstrap.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <algorithm>

namespace easynet::servers {

namespace backend = lowlevel::api_async::backend;

standalone_network_server::standalone_network_server(factory_type factory, backend::runner_options options)
    : factory_(std::move(factory)), options_(options)
{
    if (!factory_)
        throw std::invalid_argument("standalone_network_server: null factory");
}

standalone_network_server::~standalone_network_server() = default;

void standalone_network_server::serve_forever(std::function<void()> on_up)
{
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            throw server_closed_error("Closed server");
        if (running_)
            throw server_already_running("Server is already running");
        running_ = true;
        shutdown_requested_ = false;
    }
    struct finish {
        standalone_network_server& self;
        ~finish()
        {
            {
                std::lock_guard lock(self.mutex_);
                self.running_ = false;
                self.portal_ = nullptr;
                self.server_ = nullptr;
            }
            self.stopped_.notify_all();
        }
    } guard{*this};

    try {
        backend::bootstrap(
            [&] {
                auto server = factory_();
                backend::threads_portal portal;
                std::exception_ptr error;
                portal.run([&] {
                    bool skip;
                    {
                        std::lock_guard lock(mutex_);
                        portal_ = &portal;
                        server_ = server.get();
                        skip = shutdown_requested_ || closed_;
                    }
                    try {
                        if (!skip) {
                            auto up = backend::create_event();
                            backend::with_task_group([&](backend::task_group& group) {
                                group.start_soon([&] {
                                    up.wait();
                                    if (on_up)
                                        on_up();
                                });
                                struct cancel_on_exit {
                                    backend::task_group& group;
                                    ~cancel_on_exit() { group.cancel(); }
                                } cancel{group};
                                server->serve_forever(up);
                            });
                        }
                    } catch (...) {
                        error = std::current_exception();
                    }
                    std::lock_guard lock(mutex_);
                    portal_ = nullptr;
                    server_ = nullptr;
                });
                backend::ignore_cancellation([&] { server->server_close(); });
                if (error)
                    std::rethrow_exception(error);
            },
            options_);
    } catch (const ::easynet::cancelled&) {
        // T2: cancellation of the loop is swallowed
    }
}

void standalone_network_server::shutdown(std::optional<std::chrono::duration<double>> timeout)
{
    const bool bounded = timeout.has_value();
    const auto deadline = std::chrono::steady_clock::now() +
                          (bounded ? std::chrono::duration_cast<std::chrono::steady_clock::duration>(*timeout)
                                   : std::chrono::steady_clock::duration::zero());
    std::optional<backend::portal_future<void>> future;
    {
        std::unique_lock lock(mutex_);
        if (!running_)
            return;
        shutdown_requested_ = true;
        if (portal_ != nullptr) {
            try {
                future.emplace(portal_->run_coroutine_soon([server = server_] { server->shutdown(); }));
            } catch (const std::logic_error&) {
            }
        }
    }
    if (future) {
        if (bounded)
            future->wait_for(std::max(std::chrono::duration<double>(0),
                                      std::chrono::duration<double>(deadline - std::chrono::steady_clock::now())));
        else {
            try {
                future->get();
            } catch (...) {
            }
        }
    }
    std::unique_lock lock(mutex_);
    if (bounded)
        stopped_.wait_until(lock, deadline, [&] { return !running_; });
    else
        stopped_.wait(lock, [&] { return !running_; });
}

void standalone_network_server::server_close()
{
    std::optional<backend::portal_future<void>> future;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        if (portal_ != nullptr) {
            try {
                future.emplace(portal_->run_coroutine_soon([server = server_] {
                    for (;;) {
                        try {
                            server->server_close();
                            return;
                        } catch (const busy_resource_error&) {
                            backend::sleep(std::chrono::milliseconds(1)); // still in its setup
                        }
                    }
                }));
            } catch (const std::logic_error&) {
            }
        }
    }
    if (future) {
        try {
            future->get();
        } catch (...) {
        }
    }
}

template <class R, class F>
R standalone_network_server::call_in_loop(F fn, R fallback) const
{
    std::optional<backend::portal_future<R>> future;
    {
        std::lock_guard lock(mutex_);
        if (portal_ == nullptr)
            return fallback;
        try {
            future.emplace(portal_->run_sync_soon([server = server_, fn] { return fn(*server); }));
        } catch (const std::logic_error&) {
            return fallback;
        }
    }
    try {
        return future->get();
    } catch (...) {
        return fallback;
    }
}

bool standalone_network_server::is_serving() const
{
    return call_in_loop([](async_base_server& s) { return s.is_serving(); }, false);
}

std::vector<lowlevel::socket_address> standalone_network_server::get_addresses() const
{
    return call_in_loop([](async_base_server& s) { return s.get_addresses(); }, std::vector<lowlevel::socket_address>{});
}

std::vector<lowlevel::socket_proxy> standalone_network_server::get_sockets() const
{
    return call_in_loop([](async_base_server& s) { return s.get_sockets(); }, std::vector<lowlevel::socket_proxy>{});
}

} // namespace easynet::servers
