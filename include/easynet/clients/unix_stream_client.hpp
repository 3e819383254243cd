//
// easynet — a blocking Unix stream client (EasyNetwork's `UnixStreamClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_UNIX_STREAM_CLIENT_HPP
#define EASYNET_CLIENTS_UNIX_STREAM_CLIENT_HPP

#include <easynet/clients/detail/sync_stream_client.hpp>
#include <easynet/defaults.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/unix_credentials.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <optional>

namespace easynet::clients {

/// Options of `unix_stream_client`.
struct unix_stream_client_options {
    /// Longest the connection may take (default: no limit).
    lowlevel::api_sync::transports::seconds connect_timeout = lowlevel::api_sync::transports::no_timeout;
    /// Address bound before connecting (default: unnamed).
    std::optional<lowlevel::unix_socket_address> local_path{};
    /// Bytes asked per read (default 16 KiB); must be > 0.
    std::optional<std::size_t> max_recv_size{};
    /// Longest single wait of a blocking call (SEMANTICS Y3). Must be > 0.
    lowlevel::api_sync::transports::seconds retry_interval{defaults::sync_retry_interval};
};

/** A blocking client of a Unix stream socket, with ancillary data (SCM_RIGHTS,
    SCM_CREDENTIALS; SEMANTICS A1) and the server's credentials (A5).

    @par Example
    @code
    clients::unix_stream_client<std::string> client("/run/app.sock", protocol);
    lowlevel::socket_ancillary fds;
    fds.add_fds(std::array{file_fd});
    client.send_packet_with_ancillary("take this", fds, 1s);
    @endcode
    @par Thread safety
    As `tcp_network_client`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class unix_stream_client : public detail::sync_stream_client<SentPacket, ReceivedPacket> {
    using base = detail::sync_stream_client<SentPacket, ReceivedPacket>;

public:
    using typename base::seconds;

    /** Connects to `path`. @throws boost::system::system_error (ENOENT, ECONNREFUSED...),
        timeout_error; std::invalid_argument for invalid options. */
    template <class Protocol>
    unix_stream_client(const lowlevel::unix_socket_address& path, const Protocol& protocol,
                       const unix_stream_client_options& options = {})
        : unix_stream_client(connect(path, options), protocol, options)
    {
    }

    /** Adopts `socket`, a connected AF_UNIX stream socket (closed if the checks fail).
        @throws std::invalid_argument "Only these families are supported: AF_UNIX";
        boost::system::system_error ENOTCONN. */
    template <class Protocol>
    unix_stream_client(lowlevel::native_socket_handle socket, const Protocol& protocol,
                       const unix_stream_client_options& options = {})
        : unix_stream_client(adopt(socket), protocol, options)
    {
    }

    /** As `send_packet`, with the control messages of `ancillary` in the same single
        `sendmsg` (SEMANTICS A1). @throws boost::system::system_error EMSGSIZE when the
        packet did not fit in one call; else as `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, const lowlevel::socket_ancillary& ancillary,
                                    seconds timeout = abc::no_timeout)
    {
        const detail::deadline limit(timeout);
        auto send_guard = detail::lock_within(this->send_lock_, limit.remaining());
        this->check_not_closed();
        try {
            const auto raw = ancillary.as_raw();
            this->endpoint_.send_packet_with_ancillary(packet, raw, limit.remaining());
        } catch (const std::exception&) {
            detail::rethrow_client_error(this->is_closed(), detail::sync_closed_message);
        }
    }

    /** The next packet from exactly ONE read with ancillary data, whose control messages
        are added to `ancillary` (SEMANTICS A1). A packet already buffered is returned
        without reading (`ancillary` untouched).
        @throws easynet::eof_error "Received partial packet data" when that read did not
        complete a packet (the bytes stay buffered); std::invalid_argument if
        `ancillary_bufsize` is 0; else as `recv_packet`. */
    ReceivedPacket recv_packet_with_ancillary(lowlevel::socket_ancillary& ancillary,
                                              std::size_t ancillary_bufsize = defaults::unix_ancillary_bufsize,
                                              seconds timeout = abc::no_timeout)
    {
        const detail::deadline limit(timeout);
        auto recv_guard = detail::lock_within(recv_lock_with_ancillary(), limit.remaining());
        this->check_not_closed();
        try {
            return this->endpoint_.recv_packet_with_ancillary(
                ancillary_bufsize,
                [&](std::vector<lowlevel::raw_ancillary_message> messages) { ancillary.update_from_raw(messages); },
                limit.remaining());
        } catch (const std::exception&) {
            detail::rethrow_client_error(this->is_closed(), detail::sync_closed_message);
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

    /** The server process's credentials, cached after the first success (SEMANTICS A5).
        @throws client_closed_error once closed; boost::system::system_error. */
    lowlevel::unix_credentials get_peer_credentials() const
    {
        return this->locked_get([this](const auto&) {
            if (!credentials_)
                credentials_ = lowlevel::get_peer_credentials(this->fileno());
            return *credentials_;
        });
    }

private:
    static detail::socket_owner connect(const lowlevel::unix_socket_address& path,
                                        const unix_stream_client_options& options)
    {
        (void)detail::checked_max_recv_size(options.max_recv_size);
        return detail::socket_owner(detail::connect_unix_blocking(path, options.connect_timeout, options.local_path));
    }

    static detail::socket_owner adopt(lowlevel::native_socket_handle socket)
    {
        detail::socket_owner owner(socket);
        detail::check_adopted_stream_socket(socket, false);
        return owner;
    }

    template <class Protocol>
    unix_stream_client(detail::socket_owner&& socket, const Protocol& protocol, const unix_stream_client_options& options)
        : base("unix_stream_client",
               socket, protocol, detail::checked_max_recv_size(options.max_recv_size), options.retry_interval)
    {
    }

    detail::timed_lock& recv_lock_with_ancillary() { return this->recv_lock(); }

    mutable std::optional<lowlevel::unix_credentials> credentials_;
};

} // namespace easynet::clients

#endif
