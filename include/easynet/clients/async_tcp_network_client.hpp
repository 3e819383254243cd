//
// easynet — an async TCP client, with optional TLS (EasyNetwork's `AsyncTCPNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ASYNC_TCP_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_ASYNC_TCP_NETWORK_CLIENT_HPP

#include <easynet/clients/detail/async_stream_client.hpp>
#include <easynet/clients/ssl_option.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace easynet::clients {

/// Options of `async_tcp_network_client` (every one optional).
struct async_tcp_client_options {
    /// Local address bound before connecting (happy eyeballs tries the entries of each
    /// attempt's family, SEMANTICS E3).
    std::optional<lowlevel::api_async::backend::host_and_port> local_address{};
    /// Delay between staggered connection attempts (default 0.25 s, SEMANTICS E2).
    std::optional<lowlevel::api_async::backend::seconds> happy_eyeballs_delay{};
    /// TLS: none, `use_default_ssl_context` or a context (SEMANTICS K4).
    ssl_option ssl{};
    /// Name checked against the server certificate and sent as SNI; defaults to the host;
    /// "" disables the host name check. Only with `ssl`.
    std::optional<std::string> server_hostname{};
    /// TLS handshake limit (default 60 s). Only with `ssl`.
    std::optional<lowlevel::api_async::backend::seconds> ssl_handshake_timeout{};
    /// TLS closing handshake limit (default 30 s). Only with `ssl`.
    std::optional<lowlevel::api_async::backend::seconds> ssl_shutdown_timeout{};
    /// Exchange close_notify on close, and treat a peer closing without it as an error
    /// (default true, SEMANTICS K3). Only with `ssl`.
    std::optional<bool> ssl_standard_compatible{};
    /// Bytes asked per read (default 16 KiB); must be > 0.
    std::optional<std::size_t> max_recv_size{};
};

namespace detail {
/// The connection function of a client to `host`:`port` (happy eyeballs, then TLS).
async_transport_ptr connect_async_tcp(const std::string& host, std::uint16_t port,
                                      const async_tcp_client_options& options,
                                      const std::optional<tls_settings>& tls);
/// The connection function of a client adopting `socket` (options, then TLS).
async_transport_ptr adopt_async_tcp(socket_owner& socket, const std::optional<tls_settings>& tls);
/// Validates the options of an async TCP client (K2, K4, max_recv_size).
std::optional<tls_settings> checked_tcp_tls(const async_tcp_client_options& options, const std::string* host);
} // namespace detail

/** An async TCP client (inside tasks): typed packets over TCP, optionally TLS.

    Construction validates the arguments and does no I/O; the connection opens on
    `wait_connected()` or the first send/receive (SEMANTICS C1, C3), with happy eyeballs.
    Once connected the socket has TCP_NODELAY and SO_KEEPALIVE (C11).

    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    clients::async_tcp_network_client<std::string> client("localhost", 9000, protocol);
    client.send_packet("hello");
    std::string answer = client.recv_packet();
    client.aclose();
    @endcode
    @par Thread safety
    As `abc::async_network_client`: any tasks of one loop may share it.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_tcp_network_client : public detail::async_stream_client<SentPacket, ReceivedPacket> {
    using base = detail::async_stream_client<SentPacket, ReceivedPacket>;

public:
    /** A client of `host`:`port` (connected lazily).
        @param protocol a `stream_protocol` or `buffered_stream_protocol` of the packets.
        @throws std::invalid_argument for invalid options (K2, K4, max_recv_size 0). */
    template <class Protocol>
    async_tcp_network_client(const std::string& host, std::uint16_t port, const Protocol& protocol,
                             const async_tcp_client_options& options = {})
        : async_tcp_network_client(protocol, options, detail::checked_tcp_tls(options, &host), host, port)
    {
    }

    /** A client over `socket`, a connected TCP socket it owns from now on (closed if the
        checks fail; SEMANTICS C2). TLS needs `server_hostname`.
        @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6",
        or for invalid options; boost::system::system_error ENOTCONN if not connected. */
    template <class Protocol>
    async_tcp_network_client(lowlevel::native_socket_handle socket, const Protocol& protocol,
                             const async_tcp_client_options& options = {})
        : async_tcp_network_client(protocol, options, adopt(socket, options))
    {
    }

    using base::send_eof;
    using base::socket;

    /** The local address. @throws boost::system::system_error ENOTCONN before the
        connection, client_closed_error once closing (SEMANTICS C4). */
    lowlevel::socket_address get_local_address() const
    {
        return this->established_endpoint().extra(lowlevel::socket_attribute::local_address);
    }

    /// The server's address. @throws as `get_local_address`.
    lowlevel::socket_address get_remote_address() const
    {
        return this->established_endpoint().extra(lowlevel::socket_attribute::remote_address);
    }

private:
    struct adopted {
        std::shared_ptr<detail::socket_owner> socket;
        std::optional<detail::tls_settings> tls;
    };

    static adopted adopt(lowlevel::native_socket_handle socket, const async_tcp_client_options& options)
    {
        auto owner = std::make_shared<detail::socket_owner>(socket);
        detail::check_adopted_stream_socket(socket, true);
        return {owner, detail::checked_tcp_tls(options, nullptr)};
    }

    template <class Protocol>
    async_tcp_network_client(const Protocol& protocol, const async_tcp_client_options& options,
                             std::optional<detail::tls_settings> tls, std::string host, std::uint16_t port)
        : base("async_tcp_network_client",
               [host = std::move(host), port, options, tls = std::move(tls)] {
                   return detail::connect_async_tcp(host, port, options, tls);
               },
               protocol, detail::checked_max_recv_size(options.max_recv_size))
    {
    }

    template <class Protocol>
    async_tcp_network_client(const Protocol& protocol, const async_tcp_client_options& options, adopted socket)
        : base("async_tcp_network_client",
               [socket = std::move(socket)] { return detail::adopt_async_tcp(*socket.socket, socket.tls); }, protocol,
               detail::checked_max_recv_size(options.max_recv_size))
    {
    }
};

} // namespace easynet::clients

#endif
