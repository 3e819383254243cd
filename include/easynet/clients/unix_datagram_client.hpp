//
// easynet — a blocking Unix datagram client (EasyNetwork's `UnixDatagramClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_UNIX_DATAGRAM_CLIENT_HPP
#define EASYNET_CLIENTS_UNIX_DATAGRAM_CLIENT_HPP

#include <easynet/clients/async_unix_datagram_client.hpp>
#include <easynet/clients/detail/sync_datagram_client.hpp>
#include <easynet/defaults.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <optional>
#include <vector>

namespace easynet::clients {

/// Options of `unix_datagram_client`.
struct unix_datagram_client_options {
    /// Address bound before connecting. Default: on Linux an abstract address chosen by
    /// the kernel (autobind); required elsewhere, since the server must be able to answer.
    std::optional<lowlevel::unix_socket_address> local_path{};
    /// Longest single wait of a blocking call (SEMANTICS Y3). Must be > 0.
    lowlevel::api_sync::transports::seconds retry_interval{defaults::sync_retry_interval};
};

namespace detail {
/** Blocking creation of a Unix datagram socket bound to `local_path` (the unnamed address:
    autobind) and connected to `path`. @throws boost::system::system_error. */
lowlevel::native_socket_handle connect_unix_datagram_blocking(const lowlevel::unix_socket_address& path,
                                                              const lowlevel::unix_socket_address& local_path);
} // namespace detail

/** A blocking client of a Unix datagram socket: typed packets, one per datagram. Its
    socket is always named (`local_path`, or an autobound abstract address on Linux) so
    that the server can answer (SEMANTICS C11, A6). Timeouts and threads as
    `udp_network_client` (Y2–Y5).

    @par Example
    @code
    clients::unix_datagram_client<std::string> client("/run/app.dgram", protocol);
    client.send_packet("status", 1s);
    std::string answer = client.recv_packet(5s);
    @endcode
    @par Thread safety
    As `udp_network_client`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class unix_datagram_client : public detail::sync_datagram_client<SentPacket, ReceivedPacket> {
    using base = detail::sync_datagram_client<SentPacket, ReceivedPacket>;

public:
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;
    using typename base::seconds;

    /** Creates a socket connected to `path`.
        @throws boost::system::system_error (ENOENT, ECONNREFUSED...); std::invalid_argument
        for invalid options or a missing `local_path` where autobind is unsupported. */
    unix_datagram_client(const lowlevel::unix_socket_address& path, protocol_type protocol,
                         const unix_datagram_client_options& options = {})
        : unix_datagram_client(connect(path, options), std::move(protocol), options)
    {
    }

    /** Adopts `socket`, a connected and named AF_UNIX datagram socket (closed if the checks
        fail; SEMANTICS C2, C11).
        @throws std::invalid_argument (wrong family or type, unnamed socket, `local_path`
        given); boost::system::system_error ENOTCONN. */
    unix_datagram_client(lowlevel::native_socket_handle socket, protocol_type protocol,
                         const unix_datagram_client_options& options = {})
        : unix_datagram_client(adopt(socket, options), std::move(protocol), options)
    {
    }

    /** As `send_packet`, with the control messages of `ancillary` (file descriptors,
        credentials) in the same sendmsg (SEMANTICS A1). */
    void send_packet_with_ancillary(const SentPacket& packet, const lowlevel::socket_ancillary& ancillary,
                                    seconds timeout = abc::no_timeout)
    {
        const detail::deadline limit(timeout);
        auto send_guard = detail::lock_within(this->send_lock_, limit.remaining());
        this->check_not_closed();
        try {
            const auto raw = ancillary.as_raw();
            this->endpoint_.send_packet_with_ancillary(packet, raw, limit.remaining());
            detail::raise_pending_socket_error(this->endpoint_);
        } catch (const std::exception&) {
            this->rethrow_error();
        }
    }

    /** The packet of the next datagram, whose control messages are added to `ancillary`
        (SEMANTICS A1; also when the datagram does not parse).
        @throws std::invalid_argument if `ancillary_bufsize` is 0; else as `recv_packet`. */
    ReceivedPacket recv_packet_with_ancillary(lowlevel::socket_ancillary& ancillary,
                                              std::size_t ancillary_bufsize = defaults::unix_ancillary_bufsize,
                                              seconds timeout = abc::no_timeout)
    {
        const detail::deadline limit(timeout);
        auto recv_guard = detail::lock_within(this->recv_lock(), limit.remaining());
        this->check_not_closed();
        try {
            return this->endpoint_.recv_packet_with_ancillary(
                ancillary_bufsize,
                [&](std::vector<lowlevel::raw_ancillary_message> messages) { ancillary.update_from_raw(messages); },
                limit.remaining());
        } catch (const std::exception&) {
            this->rethrow_error();
        }
    }

    /// This socket's address. @throws client_closed_error "Closed client".
    lowlevel::unix_socket_address get_local_name() const
    {
        return this->locked_get(
            [](const auto& ep) { return ep.extra(lowlevel::socket_attribute::local_address).as_unix(); });
    }

    /// The server's address. @throws client_closed_error "Closed client".
    lowlevel::unix_socket_address get_peer_name() const
    {
        return this->locked_get(
            [](const auto& ep) { return ep.extra(lowlevel::socket_attribute::remote_address).as_unix(); });
    }

private:
    static detail::socket_owner connect(const lowlevel::unix_socket_address& path,
                                        const unix_datagram_client_options& options)
    {
        detail::check_retry_interval(options.retry_interval);
        const auto local = detail::unix_datagram_local_path(options.local_path);
        return detail::socket_owner(detail::connect_unix_datagram_blocking(path, local));
    }

    static detail::socket_owner adopt(lowlevel::native_socket_handle socket, const unix_datagram_client_options& options)
    {
        detail::socket_owner owner(socket);
        if (options.local_path)
            throw std::invalid_argument("local_path is not allowed with a socket");
        detail::check_retry_interval(options.retry_interval);
        detail::check_adopted_unix_datagram_socket(socket);
        return owner;
    }

    unix_datagram_client(detail::socket_owner&& socket, protocol_type protocol,
                         const unix_datagram_client_options& options)
        : base("unix_datagram_client", socket, std::move(protocol), options.retry_interval)
    {
    }
};

} // namespace easynet::clients

#endif
