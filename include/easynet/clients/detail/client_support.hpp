//
// easynet — non-template helpers of the clients (compiled in libs/easynet/src/clients/).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_CLIENT_SUPPORT_HPP
#define EASYNET_CLIENTS_DETAIL_CLIENT_SUPPORT_HPP

#include <easynet/clients/ssl_option.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

namespace easynet::clients::detail {

using async_transport_ptr = std::unique_ptr<lowlevel::api_async::transports::async_stream_transport>;
using sync_seconds = lowlevel::api_sync::transports::seconds;

/// The message of client_closed_error for async clients (SEMANTICS §5.1).
inline constexpr const char* async_closed_message = "Client is closing, or is already closed";
/// The message of client_closed_error for sync clients.
inline constexpr const char* sync_closed_message = "Closed client";

/// How a client reports the errors meaning "the peer went away".
enum class connection_errors {
    abort, ///< as system_error ECONNABORTED (stream clients, SEMANTICS C7)
    keep,  ///< unchanged (datagram clients: ECONNREFUSED from an ICMP port unreachable, C6)
};

/** Rethrows the exception being handled in its client form (SEMANTICS C6, C7, Y5):
    client_closed_error(`closed_message`) when `closed`; connection errors (reset, broken
    pipe, refused, TLS truncation) as system_error ECONNABORTED unless `errors` is `keep`;
    EBADF/ENOTSOCK with the note "The socket file descriptor was closed unexpectedly.";
    anything else unchanged. Call only inside a catch block. */
[[noreturn]] void rethrow_client_error(bool closed, const char* closed_message,
                                       connection_errors errors = connection_errors::abort);

/// True for the errors that end `iter_received_packets` (any OS error, closed client).
bool ends_packet_iteration(const std::exception_ptr& error) noexcept;

/** Throws the socket's pending error (SO_ERROR), if any (SEMANTICS C6). Does nothing for
    objects without a socket. */
void raise_pending_socket_error(const lowlevel::typed_attribute_provider& object);

/// Sets TCP_NODELAY and SO_KEEPALIVE, ignoring errors (SEMANTICS C11).
void set_tcp_socket_options(lowlevel::native_socket_handle fd) noexcept;

/** Checks an adopted socket (SEMANTICS C2): a stream socket of family AF_INET/AF_INET6
    (`inet`) or AF_UNIX, connected.
    @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6"
    (or "AF_UNIX"), or for a non-stream socket; boost::system::system_error ENOTCONN. */
void check_adopted_stream_socket(lowlevel::native_socket_handle fd, bool inet);

/** As `check_adopted_stream_socket`, for a socket of `type` (SOCK_STREAM, SOCK_DGRAM). */
void check_adopted_socket(lowlevel::native_socket_handle fd, bool inet, int type);

/// An owned socket descriptor, closed on destruction unless released.
class socket_owner {
public:
    explicit socket_owner(lowlevel::native_socket_handle fd = -1) noexcept : fd_(fd) {}
    socket_owner(socket_owner&& other) noexcept : fd_(other.release()) {}
    socket_owner& operator=(socket_owner&&) = delete;
    ~socket_owner();
    lowlevel::native_socket_handle get() const noexcept { return fd_; }
    lowlevel::native_socket_handle release() noexcept { return std::exchange(fd_, -1); }

private:
    lowlevel::native_socket_handle fd_;
};

/// What TLS a TCP client uses, once its options were validated.
struct tls_settings {
    lowlevel::ssl::ssl_context_ptr context;
    lowlevel::api_async::transports::tls_transport_options options;
};

/// The TLS options of a TCP client, as given.
struct tls_request {
    const ssl_option& ssl;
    const std::optional<std::string>& server_hostname;
    const std::optional<sync_seconds>& handshake_timeout;
    const std::optional<sync_seconds>& shutdown_timeout;
    const std::optional<bool>& standard_compatible;
};

/** Validates the TLS options (SEMANTICS K2, K4) and resolves them.
    @param host the host connected to, or nullptr for an adopted socket.
    @return nothing without TLS.
    @throws std::invalid_argument "<option> is only meaningful with ssl" (K2), "You must
    set server_hostname when using ssl without a host" (K4). */
std::optional<tls_settings> resolve_tls_settings(const tls_request& request, const std::string* host);

/** `max_recv_size` or the default. @throws std::invalid_argument if 0. */
std::size_t checked_max_recv_size(const std::optional<std::size_t>& max_recv_size);

/** Checks a sync client's `retry_interval` before any I/O (SEMANTICS C1).
    @throws std::invalid_argument unless strictly positive. */
void check_retry_interval(sync_seconds retry_interval);

/// Wraps `transport` in TLS when `tls` says so (handshake inside), else returns it.
async_transport_ptr maybe_wrap_tls(async_transport_ptr transport, const std::optional<tls_settings>& tls);

/** A mutex whose acquisition can time out (std::timed_mutex waits through
    pthread_mutex_clocklock, which ThreadSanitizer of clang 14 does not see). Lockable. */
class timed_lock {
public:
    void lock();
    void unlock();
    /// Locks within `timeout` (0: one attempt). @return false when it expired.
    bool try_lock_for(sync_seconds timeout);

private:
    std::mutex mutex_;
    std::condition_variable released_;
    bool locked_ = false;
};

/** Locks `mutex` within `timeout` (0: one attempt, +inf: no limit).
    @throws easynet::timeout_error when it expires. */
std::unique_lock<timed_lock> lock_within(timed_lock& mutex, sync_seconds timeout);

/// A timeout being spent: what is left of it.
class deadline {
public:
    /// @throws std::invalid_argument for a negative or NaN timeout.
    explicit deadline(sync_seconds timeout);
    sync_seconds remaining() const noexcept;

private:
    sync_seconds timeout_;
    std::chrono::steady_clock::time_point start_;
};

/** The blocking transport of a sync TCP client over the connected `socket` (taken over
    on success): a socket transport, wrapped in TLS (handshake within its timeout, Y6) when
    `tls` says so. @throws as `api_sync::transports::ssl_stream_transport`. */
std::unique_ptr<lowlevel::api_sync::transports::stream_transport>
make_sync_tcp_transport(socket_owner& socket, sync_seconds retry_interval, const std::optional<tls_settings>& tls);

/** Blocking TCP connection (SEMANTICS Y1): every resolved address is tried in turn, each
    within what is left of `connect_timeout`, after binding `local_address` when given.
    @return the connected socket (TCP_NODELAY and SO_KEEPALIVE set).
    @throws boost::system::system_error when resolution fails or finds nothing;
    easynet::exception_group "create_connection() failed" with every attempt's error. */
lowlevel::native_socket_handle connect_tcp_blocking(const std::string& host, std::uint16_t port,
                                                    sync_seconds connect_timeout,
                                                    const std::optional<lowlevel::api_async::backend::host_and_port>& local_address);

/** Blocking Unix stream connection to `path` within `connect_timeout`, bound to
    `local_path` first when given. @throws boost::system::system_error, timeout_error. */
lowlevel::native_socket_handle connect_unix_blocking(const lowlevel::unix_socket_address& path, sync_seconds connect_timeout,
                                                     const std::optional<lowlevel::unix_socket_address>& local_path);

} // namespace easynet::clients::detail

#endif
