//
// easynet — opening connections and listeners (EasyNetwork's AsyncBackend networking
// methods): TCP with happy eyeballs, UDP, Unix stream and Unix datagram sockets.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_NETWORK_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_NETWORK_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_listener.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/listener.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Every function here must be called in a task (see bootstrap.hpp) and throws
// easynet::not_in_task_error otherwise; a cancelled task gets easynet::cancelled (no
// socket is leaked). The returned objects belong to the calling task's loop. OS errors are
// boost::system::system_error carrying the OS error code.
//
// Thread safety: the functions may be called concurrently from any tasks of a loop, even
// one run by several threads. Guide: doc/backend-networking.md.

namespace easynet::lowlevel::api_async::backend {

/// A host name or numeric address, and a port.
struct host_and_port {
    std::string host;
    std::uint16_t port = 0;
};

/// Options of `create_tcp_connection`.
struct tcp_connection_options {
    /// Local address to bind before connecting (only the entries of each attempt's family
    /// are tried). Default: chosen by the OS.
    std::optional<host_and_port> local_address;
    /// Delay between two staggered connection attempts (infinity: one after the other).
    seconds happy_eyeballs_delay{defaults::happy_eyeballs_delay};
};

/// Options of `create_udp_endpoint`.
struct udp_endpoint_options {
    /// Local address to bind before connecting. Default: chosen by the OS.
    std::optional<host_and_port> local_address;
    /// AF_UNSPEC (any), AF_INET or AF_INET6.
    int family = 0;
};

/// A connected stream transport (a `transports::socket_stream_transport`).
using stream_transport_ptr = std::unique_ptr<transports::async_stream_transport>;
/// A connected datagram transport (a `transports::socket_datagram_transport`).
using datagram_transport_ptr = std::unique_ptr<transports::async_datagram_transport>;
/// A listener of stream connections (a `transports::socket_stream_listener`).
using stream_listener_ptr = std::unique_ptr<transports::async_listener<transports::async_stream_transport>>;
/// A datagram listener (a `transports::socket_datagram_listener`).
using datagram_listener_ptr = std::unique_ptr<transports::async_datagram_listener<socket_address>>;

// ---------------------------------------------------------------------------------------
// Connections

/** Opens a TCP connection to `host`:`port` with happy eyeballs (RFC 8305).

    A numeric host is resolved in the calling thread; a name with `getaddrinfo` in a
    worker thread. The addresses are reordered (first IPv6, first IPv4, then both families
    interleaved) and tried as a staggered race: an attempt starts every
    `happy_eyeballs_delay`, or at once when the previous one failed. The first connection
    wins; the other attempts are cancelled and their sockets closed. The socket gets
    TCP_NODELAY and SO_KEEPALIVE (errors ignored).

    @param host a host name or a numeric IPv4/IPv6 address (scoped "fe80::1%eth0" allowed).
    @return the connected transport (a `socket_stream_transport`).
    @throws boost::system::system_error if resolution fails or returns nothing
    ("getaddrinfo('<host>') returned empty list").
    @throws easynet::exception_group("create_connection() failed") holding every error
    (`system_error`s: refused connections, failed binds, "no matching local address with
    family=..." ...) if every attempt failed.
    @throws std::invalid_argument for a negative or NaN delay.
*/
stream_transport_ptr create_tcp_connection(const std::string& host, std::uint16_t port,
                                           const tcp_connection_options& options = {});

/** Opens a connection to the Unix stream socket `path`, binding to `local_path` first when
    given. @throws boost::system::system_error (ENOENT, ECONNREFUSED...).
*/
stream_transport_ptr create_unix_stream_connection(const unix_socket_address& path,
                                                   const std::optional<unix_socket_address>& local_path = {});

/** Wraps an already connected stream socket (TCP or Unix); the transport owns it from then on.
    @throws std::invalid_argument if `socket` is not a stream socket (left open then).
*/
stream_transport_ptr wrap_stream_socket(native_socket_handle socket);

/** Opens a connected UDP endpoint to `remote_host`:`remote_port`. The resolved addresses
    are tried one after the other (no racing): the first socket that binds (when
    `local_address` is given) and connects is returned.
    @throws std::invalid_argument if `options.family` is not AF_UNSPEC, AF_INET or AF_INET6.
    @throws easynet::exception_group("create_connection() failed") if every address failed.
    @throws boost::system::system_error if resolution fails.
*/
datagram_transport_ptr create_udp_endpoint(const std::string& remote_host, std::uint16_t remote_port,
                                           const udp_endpoint_options& options = {});

/** Opens a Unix datagram socket connected to `path`, bound to `local_path` when given
    (without it the socket is unnamed: the peer cannot answer).
    @throws boost::system::system_error.
*/
datagram_transport_ptr create_unix_datagram_endpoint(const unix_socket_address& path,
                                                     const std::optional<unix_socket_address>& local_path = {});

/** Wraps an already connected datagram socket (UDP or Unix datagram); the transport owns it.
    @throws std::invalid_argument if `socket` is not a datagram socket (left open then).
*/
datagram_transport_ptr wrap_connected_datagram_socket(native_socket_handle socket);

// ---------------------------------------------------------------------------------------
// Listeners

/** Opens TCP listeners on `host`:`port`, one per resolved address.

    `host` empty: every interface (getaddrinfo with AI_PASSIVE | AI_ADDRCONFIG, typically
    `0.0.0.0` and `::`). Resolved addresses are de-duplicated and sorted. IPv6 sockets get
    IPV6_V6ONLY (no dual stack); every socket gets SO_REUSEADDR, and SO_REUSEPORT when
    `reuse_port`. With port 0 each listener gets its own ephemeral port.

    @param backlog listen() backlog, also the most connections accepted per wake-up.
    @throws std::invalid_argument if `backlog` < 1.
    @throws easynet::exception_group("Error when trying to create listeners") of
    `system_error`s "error while attempting to bind on address <addr>: <reason>" if any
    bind failed (every socket is then closed).
    @throws boost::system::system_error if resolution fails.
*/
std::vector<stream_listener_ptr> create_tcp_listeners(std::string_view host, std::uint16_t port,
                                                      int backlog = defaults::listen_backlog,
                                                      bool reuse_port = false);

/** As above, with the addresses of every host of `hosts`.
    @throws std::invalid_argument if `hosts` is empty.
*/
std::vector<stream_listener_ptr> create_tcp_listeners(const std::vector<std::string>& hosts, std::uint16_t port,
                                                      int backlog = defaults::listen_backlog,
                                                      bool reuse_port = false);

/// As above; lets a braced list be written in place: `create_tcp_listeners({"127.0.0.1", "::1"}, 0)`.
inline std::vector<stream_listener_ptr> create_tcp_listeners(std::initializer_list<std::string_view> hosts,
                                                             std::uint16_t port,
                                                             int backlog = defaults::listen_backlog,
                                                             bool reuse_port = false)
{
    return create_tcp_listeners(std::vector<std::string>(hosts.begin(), hosts.end()), port, backlog, reuse_port);
}

/** Opens a Unix stream listener bound to `path`. An existing file at `path` is not removed
    (EADDRINUSE). `mode`, when given, is applied to the socket file (chmod).
    @throws std::invalid_argument if `backlog` < 1, or if `mode` is given for a non-pathname
    address.
    @throws boost::system::system_error if binding or listening fails.
*/
stream_listener_ptr create_unix_stream_listener(const unix_socket_address& path,
                                                int backlog = defaults::listen_backlog,
                                                std::optional<std::filesystem::perms> mode = std::nullopt);

/** Opens UDP listeners (unconnected, bound sockets) on `host`:`port`, with the host rules
    of `create_tcp_listeners` (no SO_REUSEADDR; SO_REUSEPORT when `reuse_port`).
    @throws as `create_tcp_listeners`.
*/
std::vector<datagram_listener_ptr> create_udp_listeners(std::string_view host, std::uint16_t port,
                                                        bool reuse_port = false);
std::vector<datagram_listener_ptr> create_udp_listeners(const std::vector<std::string>& hosts, std::uint16_t port,
                                                        bool reuse_port = false);
inline std::vector<datagram_listener_ptr> create_udp_listeners(std::initializer_list<std::string_view> hosts,
                                                               std::uint16_t port, bool reuse_port = false)
{
    return create_udp_listeners(std::vector<std::string>(hosts.begin(), hosts.end()), port, reuse_port);
}

/** Opens a Unix datagram listener bound to `path`, chmod'ed to `mode` when given.
    @throws as `create_unix_stream_listener`.
*/
datagram_listener_ptr create_unix_datagram_listener(const unix_socket_address& path,
                                                    std::optional<std::filesystem::perms> mode = std::nullopt);

} // namespace easynet::lowlevel::api_async::backend

#endif
