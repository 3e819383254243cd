//
// easynet — blocking servers: an async server run on a private event loop in the thread
// that calls `serve_forever` (EasyNetwork's `AbstractNetworkServer` and the standalone
// servers' shared machinery).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_STANDALONE_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_STANDALONE_NETWORK_SERVER_HPP

#include <easynet/lowlevel/api_async/backend/runner_options.hpp>
#include <easynet/lowlevel/api_async/backend/threads_portal.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/servers/abc.hpp>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace easynet::servers {

/** A blocking server: `serve_forever()` runs an async server on a fresh loop in the
    calling thread; every other member may be called from any other thread.
    Each `serve_forever` builds a new async server (port 0 → a new port each run) and
    closes it when it returns (SEMANTICS T1).
    @par Thread safety
    Thread-safe: `shutdown`, `server_close`, `is_serving`, `get_addresses`, `get_sockets`
    are marshalled into the loop through a threads portal (T3).
*/
class standalone_network_server {
public:
    using factory_type = std::function<std::unique_ptr<async_base_server>()>;

    /** @param factory builds the async server (called inside the loop).
        @param options the loop's options (`threads` > 1: one strand per client task). */
    standalone_network_server(factory_type factory, lowlevel::api_async::backend::runner_options options);
    virtual ~standalone_network_server();
    standalone_network_server(const standalone_network_server&) = delete;
    standalone_network_server& operator=(const standalone_network_server&) = delete;

    /** Serves until `shutdown()` (from another thread), or `server_close()` and the end of
        every client. `on_up` is called (in the loop thread) once clients are accepted.
        @throws server_closed_error after `server_close()`; server_already_running if
        another thread is serving (T2); the async server's errors. */
    void serve_forever(std::function<void()> on_up = {});

    /** Stops `serve_forever` and waits until it returned, at most `timeout` in total
        (T4). A no-op when not serving. */
    void shutdown(std::optional<std::chrono::duration<double>> timeout = std::nullopt);

    /// Closes the server (stops accepting); idempotent; forbids later `serve_forever`.
    void server_close();

    /// True while the async server accepts clients.
    bool is_serving() const;
    /// The listening addresses; empty when not serving.
    std::vector<lowlevel::socket_address> get_addresses() const;
    /// Proxies of the listening sockets; empty when not serving. (Their calls are
    /// plain socket calls: use them while the server runs.)
    std::vector<lowlevel::socket_proxy> get_sockets() const;

protected:
    /** A factory of `AsyncServer(args...)` (from copies of `args`), for a blocking server
        whose arguments are checked when it is constructed: one async server is built and
        dropped now (no I/O), so that invalid arguments throw here.
        @throws what `AsyncServer`'s constructor throws. */
    template <class AsyncServer, class... Args>
    static factory_type checked_factory(const Args&... args)
    {
        AsyncServer check(args...);
        return [=]() -> std::unique_ptr<async_base_server> { return std::make_unique<AsyncServer>(args...); };
    }

private:
    template <class R, class F>
    R call_in_loop(F fn, R fallback) const;

    factory_type factory_;
    lowlevel::api_async::backend::runner_options options_;
    mutable std::mutex mutex_;
    std::condition_variable stopped_;
    bool running_ = false;
    bool closed_ = false;
    bool shutdown_requested_ = false;
    lowlevel::api_async::backend::threads_portal* portal_ = nullptr;
    async_base_server* server_ = nullptr;
};

} // namespace easynet::servers

#endif
