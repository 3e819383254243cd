//
// easynet — an async Unix datagram client (EasyNetwork's `AsyncUnixDatagramClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ASYNC_UNIX_DATAGRAM_CLIENT_HPP
#define EASYNET_CLIENTS_ASYNC_UNIX_DATAGRAM_CLIENT_HPP

#include <easynet/clients/detail/async_datagram_client.hpp>
#include <easynet/defaults.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace easynet::clients {

/// Options of `async_unix_datagram_client`.
struct async_unix_datagram_client_options {
    /// Address bound before connecting. Default: on Linux an abstract address chosen by
    /// the kernel (autobind); required elsewhere, since the server must be able to answer.
    std::optional<lowlevel::unix_socket_address> local_path{};
};

namespace detail {
/** The local address a Unix datagram client binds to (SEMANTICS C11): `local_path`, or
    the unnamed address (Linux autobind) when none is given.
    @throws std::invalid_argument if `local_path` is missing where autobind is unsupported. */
lowlevel::unix_socket_address unix_datagram_local_path(const std::optional<lowlevel::unix_socket_address>& local_path);
/// Opens the Unix datagram socket of a client, bound to `local_path` and connected to `path`.
async_datagram_transport_ptr connect_async_unix_datagram(const lowlevel::unix_socket_address& path,
                                                         const lowlevel::unix_socket_address& local_path);
/** Checks an adopted Unix datagram socket (SEMANTICS C2, C11): AF_UNIX, datagram,
    connected and named.
    @throws std::invalid_argument "Only these families are supported: AF_UNIX", for a
    non-datagram socket, or "<socket> is not bound to a local address" for an unnamed one;
    boost::system::system_error ENOTCONN. */
void check_adopted_unix_datagram_socket(lowlevel::native_socket_handle socket);
} // namespace detail

/** An async client of a Unix datagram socket (inside tasks): typed packets, one per
    datagram. The client's socket is always named (`local_path`, or an autobound abstract
    address on Linux) so that the server can answer (SEMANTICS C11, A6). Connected lazily,
    like `async_udp_network_client` (C1–C6, C8, C10, C12).

    @par Example
    @code
    clients::async_unix_datagram_client<std::string> client("/run/app.dgram", protocol);
    client.send_packet("status");
    std::string answer = client.recv_packet();
    @endcode
    @par Thread safety
    As `abc::async_network_client`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_unix_datagram_client : public detail::async_datagram_client<SentPacket, ReceivedPacket> {
    using base = detail::async_datagram_client<SentPacket, ReceivedPacket>;

public:
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;

    /** A client of the socket at `path` (connected lazily).
        @throws std::invalid_argument without `local_path` where autobind is unsupported. */
    async_unix_datagram_client(lowlevel::unix_socket_address path, protocol_type protocol,
                               const async_unix_datagram_client_options& options = {})
        : base("async_unix_datagram_client",
              [path = std::move(path), local = detail::unix_datagram_local_path(options.local_path)] {
                  return detail::connect_async_unix_datagram(path, local);
              },
              std::move(protocol))
    {
    }

    /** A client over `socket`, a connected and named AF_UNIX datagram socket it owns from
        now on (closed if the checks fail; SEMANTICS C2, C11).
        @throws as `detail::check_adopted_unix_datagram_socket`. */
    async_unix_datagram_client(lowlevel::native_socket_handle socket, protocol_type protocol)
        : base("async_unix_datagram_client",
               [owner = adopt(socket)] { return detail::adopt_async_datagram(*owner); }, std::move(protocol))
    {
    }

    using base::socket;

    /** As `send_packet`, with the control messages of `ancillary` (file descriptors,
        credentials) in the same sendmsg (SEMANTICS A1). */
    void send_packet_with_ancillary(const SentPacket& packet, const lowlevel::socket_ancillary& ancillary)
    {
        const auto raw = ancillary.as_raw();
        this->locked_send([&](auto& endpoint) { endpoint.send_packet_with_ancillary(packet, raw); });
    }

    /** The packet of the next datagram, whose control messages are added to `ancillary`
        (SEMANTICS A1; also when the datagram does not parse).
        @throws std::invalid_argument if `ancillary_bufsize` is 0; else as `recv_packet`. */
    ReceivedPacket recv_packet_with_ancillary(lowlevel::socket_ancillary& ancillary,
                                              std::size_t ancillary_bufsize = defaults::unix_ancillary_bufsize)
    {
        return this->locked_recv([&](auto& endpoint) {
            return endpoint.recv_packet_with_ancillary(
                ancillary_bufsize,
                [&](std::vector<lowlevel::raw_ancillary_message> messages) { ancillary.update_from_raw(messages); });
        });
    }

    /// This socket's address. @throws ENOTCONN before the connection, client_closed_error.
    lowlevel::unix_socket_address get_local_name() const
    {
        return this->established_endpoint().extra(lowlevel::socket_attribute::local_address).as_unix();
    }

    /// The server's address. @throws as `get_local_name`.
    lowlevel::unix_socket_address get_peer_name() const
    {
        return this->established_endpoint().extra(lowlevel::socket_attribute::remote_address).as_unix();
    }

private:
    static std::shared_ptr<detail::socket_owner> adopt(lowlevel::native_socket_handle socket)
    {
        auto owner = std::make_shared<detail::socket_owner>(socket);
        detail::check_adopted_unix_datagram_socket(socket);
        return owner;
    }
};

} // namespace easynet::clients

#endif
