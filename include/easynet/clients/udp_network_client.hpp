//
// easynet — a blocking UDP client (EasyNetwork's `UDPNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_UDP_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_UDP_NETWORK_CLIENT_HPP

#include <easynet/clients/async_udp_network_client.hpp>
#include <easynet/clients/detail/sync_datagram_client.hpp>
#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace easynet::clients {

/// Options of `udp_network_client`.
struct udp_client_options {
    /// Local address bound before connecting (entries of each attempt's family). Default:
    /// chosen by the OS.
    std::optional<lowlevel::api_async::backend::host_and_port> local_address{};
    /// AF_UNSPEC (0, any), AF_INET or AF_INET6: the families of the addresses tried.
    int family = 0;
    /// Longest single wait of a blocking call: a close from another thread is noticed
    /// within it (SEMANTICS Y3). Must be > 0.
    lowlevel::api_sync::transports::seconds retry_interval{defaults::sync_retry_interval};
};

namespace detail {
/** Blocking UDP socket creation (SEMANTICS Y1): every resolved address is tried in turn
    (bound to `local_address` when given, then connected).
    @return the connected socket.
    @throws boost::system::system_error when resolution fails or finds nothing;
    easynet::exception_group "Could not create the UDP socket" with every attempt's error. */
lowlevel::native_socket_handle connect_udp_blocking(const std::string& host, std::uint16_t port,
                                                    const std::optional<lowlevel::api_async::backend::host_and_port>& local_address,
                                                    int family);
} // namespace detail

/** A blocking UDP client: typed packets, one per datagram, exchanged with one server. The
    constructor creates and connects the socket (SEMANTICS Y1); every call then takes a
    timeout (Y2). After each send the socket's pending error is checked: an ICMP "port
    unreachable" surfaces as system_error ECONNREFUSED on that or a later send (C6).

    @par Example
    @code
    clients::udp_network_client<std::string> client("localhost", 9000, protocol);
    client.send_packet("hello", 1s);
    std::string answer = client.recv_packet(5s);
    @endcode
    @par Thread safety
    Safe from several threads (Y4): sends and receptions have separate locks, whose wait
    counts against the timeout; `close()`, `is_closed()` and the address getters take the
    send lock; a receive blocked in another thread fails with client_closed_error within
    `retry_interval` after `close()` (Y3).
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class udp_network_client : public detail::sync_datagram_client<SentPacket, ReceivedPacket> {
    using base = detail::sync_datagram_client<SentPacket, ReceivedPacket>;

public:
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;

    /** Creates a UDP socket connected to `host`:`port`.
        @throws easynet::exception_group "Could not create the UDP socket"; boost::system::
        system_error when the name does not resolve; std::invalid_argument for invalid options. */
    udp_network_client(const std::string& host, std::uint16_t port, protocol_type protocol,
                       const udp_client_options& options = {})
        : udp_network_client(connect(host, port, options), std::move(protocol), options)
    {
    }

    /** Adopts `socket`, a connected UDP socket (closed if the checks fail, SEMANTICS C2).
        @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6",
        for a non-datagram socket, or when `local_address` or `family` is given;
        boost::system::system_error ENOTCONN. */
    udp_network_client(lowlevel::native_socket_handle socket, protocol_type protocol,
                       const udp_client_options& options = {})
        : udp_network_client(adopt(socket, options), std::move(protocol), options)
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
    static detail::socket_owner connect(const std::string& host, std::uint16_t port, const udp_client_options& options)
    {
        detail::check_retry_interval(options.retry_interval);
        detail::check_udp_options(options.family);
        return detail::socket_owner(detail::connect_udp_blocking(host, port, options.local_address, options.family));
    }

    static detail::socket_owner adopt(lowlevel::native_socket_handle socket, const udp_client_options& options)
    {
        detail::socket_owner owner(socket);
        if (options.local_address || options.family != 0)
            throw std::invalid_argument("local_address and family are not allowed with a socket");
        detail::check_retry_interval(options.retry_interval);
        detail::check_adopted_udp_socket(socket);
        return owner;
    }

    udp_network_client(detail::socket_owner&& socket, protocol_type protocol, const udp_client_options& options)
        : base("udp_network_client", socket, std::move(protocol), options.retry_interval)
    {
    }
};

} // namespace easynet::clients

#endif
