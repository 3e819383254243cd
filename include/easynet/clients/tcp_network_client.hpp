//
// easynet — a blocking TCP client (EasyNetwork's `TCPNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_TCP_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_TCP_NETWORK_CLIENT_HPP

#include <easynet/clients/detail/sync_stream_client.hpp>
#include <easynet/clients/ssl_option.hpp>
#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace easynet::clients {

/// Options of `tcp_network_client`.
struct tcp_client_options {
    /// Longest the connection may take, all addresses together (default: no limit).
    lowlevel::api_sync::transports::seconds connect_timeout = lowlevel::api_sync::transports::no_timeout;
    /// Local address bound before connecting (entries of each attempt's family).
    std::optional<lowlevel::api_async::backend::host_and_port> local_address{};
    /// TLS: none, `use_default_ssl_context` or a context (SEMANTICS K4, Y6).
    ssl_option ssl{};
    /// Name checked against the server certificate and sent as SNI; defaults to the host;
    /// "" disables the host name check. Only with `ssl`.
    std::optional<std::string> server_hostname{};
    /// TLS handshake limit, in the constructor (default 60 s). Only with `ssl`.
    std::optional<lowlevel::api_sync::transports::seconds> ssl_handshake_timeout{};
    /// Limit of the closing handshake of `close()` (default 30 s). Only with `ssl`.
    std::optional<lowlevel::api_sync::transports::seconds> ssl_shutdown_timeout{};
    /// Exchange close_notify on close (default true, K3). Only with `ssl`.
    std::optional<bool> ssl_standard_compatible{};
    /// Bytes asked per read (default 16 KiB); must be > 0.
    std::optional<std::size_t> max_recv_size{};
    /// Longest single wait of a blocking call: a close from another thread is noticed
    /// within it (SEMANTICS Y3). Must be > 0.
    lowlevel::api_sync::transports::seconds retry_interval{defaults::sync_retry_interval};
};

/** A blocking TCP client, optionally TLS. The constructor connects (SEMANTICS Y1) and
    performs the TLS handshake (Y6); every call then takes a timeout (Y2). TCP_NODELAY and
    SO_KEEPALIVE are set. Over TLS, `send_eof()` throws easynet::unsupported_operation.

    @par Example
    @code
    clients::tcp_network_client<std::string> client("localhost", 9000, protocol, {.connect_timeout = 5s});
    client.send_packet("hello", 1s);
    std::string answer = client.recv_packet(5s);
    @endcode
    @par Thread safety
    Safe from several threads (Y4): `close()`, `is_closed()` and the address getters take
    the send lock; a receive blocked in another thread fails with client_closed_error
    within `retry_interval` after `close()`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class tcp_network_client : public detail::sync_stream_client<SentPacket, ReceivedPacket> {
    using base = detail::sync_stream_client<SentPacket, ReceivedPacket>;

public:
    /** Connects to `host`:`port`, trying every resolved address.
        @throws easynet::exception_group "create_connection() failed" holding each
        attempt's error (system_error, timeout_error); boost::system::system_error when the
        name does not resolve; std::invalid_argument for invalid options. */
    template <class Protocol>
    tcp_network_client(const std::string& host, std::uint16_t port, const Protocol& protocol,
                       const tcp_client_options& options = {})
        : tcp_network_client(connect(host, port, options), protocol, options)
    {
    }

    /** Adopts `socket`, a connected TCP socket (closed if the checks fail, SEMANTICS C2).
        @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6";
        boost::system::system_error ENOTCONN. */
    template <class Protocol>
    tcp_network_client(lowlevel::native_socket_handle socket, const Protocol& protocol,
                       const tcp_client_options& options = {})
        : tcp_network_client(adopt(socket, options), protocol, options)
    {
    }

    /// The local address. @throws client_closed_error "Closed client".
    lowlevel::socket_address get_local_address() const
    {
        return this->locked_get([](const auto& ep) { return ep.extra(lowlevel::socket_attribute::local_address); });
    }

    /// The server's address. @throws client_closed_error "Closed client".
    lowlevel::socket_address get_remote_address() const
    {
        return this->locked_get([](const auto& ep) { return ep.extra(lowlevel::socket_attribute::remote_address); });
    }

private:
    /// A connected socket and the validated TLS settings it is to be wrapped with.
    struct connected {
        detail::socket_owner socket;
        std::optional<detail::tls_settings> tls;
    };

    /// Validates every option, then connects (SEMANTICS C1: no I/O before validation).
    static connected connect(const std::string& host, std::uint16_t port, const tcp_client_options& options)
    {
        auto tls = checked_options(options, &host);
        return {detail::socket_owner(detail::connect_tcp_blocking(host, port, options.connect_timeout,
                                                                  options.local_address)),
                std::move(tls)};
    }

    /// Checks the options (max_recv_size, TLS) and resolves the TLS settings.
    static std::optional<detail::tls_settings> checked_options(const tcp_client_options& options,
                                                               const std::string* host)
    {
        (void)detail::checked_max_recv_size(options.max_recv_size);
        return detail::resolve_tls_settings({options.ssl, options.server_hostname, options.ssl_handshake_timeout,
                                             options.ssl_shutdown_timeout, options.ssl_standard_compatible},
                                            host);
    }

    static connected adopt(lowlevel::native_socket_handle socket, const tcp_client_options& options)
    {
        connected result{detail::socket_owner(socket), std::nullopt};
        detail::check_adopted_stream_socket(socket, true);
        result.tls = checked_options(options, nullptr);
        detail::set_tcp_socket_options(socket);
        return result;
    }

    template <class Protocol>
    tcp_network_client(connected&& socket, const Protocol& protocol, const tcp_client_options& options)
        : tcp_network_client(std::move(socket.tls), std::move(socket.socket), protocol, options)
    {
    }

    template <class Protocol>
    tcp_network_client(std::optional<detail::tls_settings> tls, detail::socket_owner&& socket, const Protocol& protocol,
                       const tcp_client_options& options)
        : base("tcp_network_client", detail::make_sync_tcp_transport(socket, options.retry_interval, tls), protocol,
               detail::checked_max_recv_size(options.max_recv_size))
    {
    }
};

} // namespace easynet::clients

#endif
