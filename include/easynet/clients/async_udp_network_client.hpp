//
// easynet — an async UDP client (EasyNetwork's `AsyncUDPNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ASYNC_UDP_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_ASYNC_UDP_NETWORK_CLIENT_HPP

#include <easynet/clients/detail/async_datagram_client.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace easynet::clients {

/// Options of `async_udp_network_client` (every one optional).
struct async_udp_client_options {
    /// Local address bound before connecting. Default: chosen by the OS.
    std::optional<lowlevel::api_async::backend::host_and_port> local_address{};
    /// AF_UNSPEC (0, any), AF_INET or AF_INET6: the families of the addresses tried.
    int family = 0;
};

namespace detail {
/** Validates the options (SEMANTICS C1).
    @throws std::invalid_argument if `family` is not AF_UNSPEC, AF_INET or AF_INET6. */
void check_udp_options(int family);
/// Opens the connected UDP socket of a client (SEMANTICS C11: checks it is bound).
async_datagram_transport_ptr connect_async_udp(const std::string& host, std::uint16_t port,
                                               const async_udp_client_options& options);
/** Checks an adopted UDP socket (SEMANTICS C2): a connected AF_INET/AF_INET6 datagram socket.
    @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6",
    or for a non-datagram socket; boost::system::system_error ENOTCONN. */
void check_adopted_udp_socket(lowlevel::native_socket_handle socket);
} // namespace detail

/** An async UDP client (inside tasks): typed packets, one per datagram, exchanged with
    one server.

    Construction validates the arguments and does no I/O; the socket is created, bound
    and connected on `wait_connected()` or the first send/receive (SEMANTICS C1, C3).
    The socket is connected: datagrams from other addresses are dropped by the kernel
    (M6). After each send the socket's pending error is checked, so an ICMP "port
    unreachable" from a previous datagram surfaces as system_error ECONNREFUSED on that or
    a later send (C6); a receive may report it too.

    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    clients::async_udp_network_client<std::string> client("localhost", 9000, protocol);
    client.send_packet("hello");
    std::string answer = backend::timeout(1s, [&] { return client.recv_packet(); });
    client.aclose();
    @endcode
    @par Thread safety
    As `abc::async_network_client`: any tasks of one loop may share it.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_udp_network_client : public detail::async_datagram_client<SentPacket, ReceivedPacket> {
    using base = detail::async_datagram_client<SentPacket, ReceivedPacket>;

public:
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;

    /** A client of `host`:`port` (connected lazily; every resolved address is tried in turn).
        @throws std::invalid_argument for an invalid `options.family`. */
    async_udp_network_client(const std::string& host, std::uint16_t port, protocol_type protocol,
                             const async_udp_client_options& options = {})
        : base("async_udp_network_client",
               [host, port, options = checked(options)] { return detail::connect_async_udp(host, port, options); },
               std::move(protocol))
    {
    }

    /** A client over `socket`, a connected UDP socket it owns from now on (closed if the
        checks fail; SEMANTICS C2).
        @throws std::invalid_argument "Only these families are supported: AF_INET, AF_INET6",
        or for a non-datagram socket; boost::system::system_error ENOTCONN. */
    async_udp_network_client(lowlevel::native_socket_handle socket, protocol_type protocol)
        : base("async_udp_network_client",
               [owner = adopt(socket)] { return detail::adopt_async_datagram(*owner); }, std::move(protocol))
    {
    }

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
    static const async_udp_client_options& checked(const async_udp_client_options& options)
    {
        detail::check_udp_options(options.family);
        return options;
    }

    static std::shared_ptr<detail::socket_owner> adopt(lowlevel::native_socket_handle socket)
    {
        auto owner = std::make_shared<detail::socket_owner>(socket);
        detail::check_adopted_udp_socket(socket);
        return owner;
    }
};

} // namespace easynet::clients

#endif
