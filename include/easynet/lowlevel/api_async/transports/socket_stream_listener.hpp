//
// easynet — listener over a listening TCP or Unix stream socket.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_STREAM_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_STREAM_LISTENER_HPP

#include <easynet/lowlevel/api_async/transports/listener.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

namespace detail {
struct acceptor_state;
}

/** An `async_listener` of stream connections over a listening TCP or Unix stream socket.

    Obtained from `create_tcp_listeners` and `create_unix_stream_listener`.
    `serve(handler, task_group)` waits until the socket is readable, then accepts up to
    `backlog` connections at once, and hands each one, as a `socket_stream_transport`, to
    `handler` in a new task of `task_group`. Accepted TCP connections get TCP_NODELAY and
    SO_KEEPALIVE. Accept errors:
    - EMFILE, ENFILE, ENOMEM, ENOBUFS (resource shortage): logged at ERROR level
      ("accept returned EMFILE (Too many open files); retrying in 0.1 seconds") on the
      logger "easynet.lowlevel.api_async.transports.socket", then serving pauses
      100 ms (`defaults::accept_capacity_error_sleep_time`);
    - ECONNABORTED, EPERM, EPROTO, ENETDOWN, ... (SEMANTICS §1.7): skipped silently;
    - any other error is thrown.

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`.

    @par Thread safety
    Not thread-safe; serve from one task at a time (a second concurrent `serve()` throws
    easynet::busy_resource_error).
*/
class socket_stream_listener final : public async_listener<async_stream_transport> {
public:
    /// Internal: used by the factories.
    explicit socket_stream_listener(std::unique_ptr<detail::acceptor_state> state);
    ~socket_stream_listener() override;

    using async_listener::serve;
    void serve(handler_type handler, backend::task_group& task_group) override;
    void aclose() override;
    bool is_closing() const noexcept override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<detail::acceptor_state> state_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
