//
// easynet — the lifecycle shared by the async network servers (SEMANTICS L1–L7):
// activation, serve_forever, shutdown, server_close, state queries.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_NETWORK_SERVER_BASE_HPP
#define EASYNET_SERVERS_DETAIL_NETWORK_SERVER_BASE_HPP

#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/servers/abc.hpp>
#include <easynet/servers/exit_stack.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace easynet::servers::detail {

/** Implements `async_base_server` over a set of "servers" (one low-level server per
    listener) created at activation; derived classes say how to create and serve them. */
class network_server_base : public async_base_server {
public:
    using server_ptr = std::unique_ptr<lowlevel::api_async::transports::async_base_transport>;

    explicit network_server_base(logger log);
    /// Closes the listeners abruptly if `server_close()` did not (an "unclosed" report).
    ~network_server_base() override;

    void server_activate() override;
    void serve_forever(std::optional<lowlevel::api_async::backend::event> is_up_event = std::nullopt) override;
    void shutdown() override;
    void server_close() override;
    bool is_serving() const override;
    bool is_listening() const override;
    std::vector<lowlevel::socket_address> get_addresses() const override;
    std::vector<lowlevel::socket_proxy> get_sockets() const override;

    const logger& log() const noexcept { return log_; }

protected:
    /// Creates the listeners (may suspend); called once by the first activation.
    virtual std::vector<server_ptr> create_servers() = 0;
    /// Accepts on `server` forever, each client in a task of `clients` (returns only by throwing).
    virtual void serve_one(lowlevel::api_async::transports::async_base_transport& server,
                           lowlevel::api_async::backend::task_group& clients) = 0;
    /// Runs the handler's `service_init`.
    virtual void run_service_init(exit_stack& stack) = 0;
    /// Called after the listeners were closed (Unix servers unlink their socket file).
    virtual void after_listeners_closed() {}

private:
    struct run_state;

    logger log_;
    mutable std::mutex mutex_;
    lowlevel::api_async::backend::task_lock activation_lock_ = lowlevel::api_async::backend::create_lock();
    std::vector<server_ptr> servers_;
    std::string class_name_; // the most derived class, known once activated
    bool closed_ = false;
    bool listeners_closed_ = false;
    bool in_setup_ = false;
    std::shared_ptr<run_state> run_;
};

} // namespace easynet::servers::detail

#endif
