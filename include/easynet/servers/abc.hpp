//
// easynet — the interface every async network server implements
// (EasyNetwork's `AbstractAsyncNetworkServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ABC_HPP
#define EASYNET_SERVERS_ABC_HPP

#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <optional>
#include <vector>

namespace easynet::servers {

/** An asynchronous network server: used from tasks of one loop.
    @par Thread safety
    Every member may be called from any task of the server's loop (also on a
    multi-threaded loop); none from another thread (use the standalone servers).
*/
class async_base_server {
public:
    virtual ~async_base_server() = default;

    /** Binds and listens (SEMANTICS L1); idempotent.
        @throws server_closed_error "Closed server" once closed, "Server has been closed" if
        closed during activation; boost::system::system_error "empty listeners list"; the
        listener factory's errors (exception_group of bind errors, B5). */
    virtual void server_activate() = 0;

    /** Activates, runs `service_init`, serves until `shutdown()` or until `server_close()`
        and the end of every client task (L2, L5). Sets `is_up_event` once accepting.
        @throws server_already_running; server_closed_error; what service_init throws (S3). */
    virtual void serve_forever(std::optional<lowlevel::api_async::backend::event> is_up_event = std::nullopt) = 0;

    /** Cancels `serve_forever` (and every client task) and waits until it has returned
        (L4). A no-op when not serving. Never call it from the serving task itself. */
    virtual void shutdown() = 0;

    /** Stops accepting, closes the listeners, forbids later activation (L5). Idempotent.
        Connected clients are not killed.
        @throws busy_resource_error "Cannot close server during serve_forever() setup." */
    virtual void server_close() = 0;

    /// Listener loops alive and listening (L3).
    virtual bool is_serving() const = 0;
    /// Listeners exist and none is closing (L3).
    virtual bool is_listening() const = 0;
    /// The listening addresses (empty before activation; closing listeners skipped).
    virtual std::vector<lowlevel::socket_address> get_addresses() const = 0;
    /// Proxies of the listening sockets (empty before activation).
    virtual std::vector<lowlevel::socket_proxy> get_sockets() const = 0;
};

} // namespace easynet::servers

#endif
