//
// easynet — a standalone server served by a thread of its own
// (EasyNetwork's `NetworkServerThread`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_NETWORK_SERVER_THREAD_HPP
#define EASYNET_SERVERS_NETWORK_SERVER_THREAD_HPP

#include <easynet/servers/standalone_network_server.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <thread>

namespace easynet::servers {

/** Runs `server.serve_forever()` in a new thread (SEMANTICS T5).
    @par Example
    @code
    network_server_thread thread(server);
    thread.start();          // returns once the server is up (or failed)
    ...
    thread.join();           // shutdown() then join
    @endcode
    @par Thread safety
    `start` and `join` from one controlling thread.
*/
class network_server_thread {
public:
    explicit network_server_thread(standalone_network_server& server) : server_(server) {}
    /// Joins (after a shutdown) if still running.
    ~network_server_thread();
    network_server_thread(const network_server_thread&) = delete;
    network_server_thread& operator=(const network_server_thread&) = delete;

    /** Starts the thread; returns once the server is up or `serve_forever` failed.
        @throws std::logic_error if already started. */
    void start();

    /** Shuts the server down (within `timeout`) and joins the thread; may be called
        several times. */
    void join(std::optional<std::chrono::duration<double>> timeout = std::nullopt);

    /// The error `serve_forever` ended with, if any (after `join`).
    std::exception_ptr error() const noexcept { return error_; }

private:
    standalone_network_server& server_;
    std::thread thread_;
    std::exception_ptr error_;
};

} // namespace easynet::servers

#endif
