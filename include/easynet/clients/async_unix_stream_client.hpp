//
// easynet — an async Unix stream client (EasyNetwork's `AsyncUnixStreamClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ASYNC_UNIX_STREAM_CLIENT_HPP
#define EASYNET_CLIENTS_ASYNC_UNIX_STREAM_CLIENT_HPP

#include <easynet/clients/detail/async_stream_client.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/unix_credentials.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <mutex>
#include <optional>

namespace easynet::clients {

/// Options of `async_unix_stream_client`.
struct async_unix_stream_client_options {
    /// Address bound before connecting (default: unnamed).
    std::optional<lowlevel::unix_socket_address> local_path{};
    /// Bytes asked per read (default 16 KiB); must be > 0.
    std::optional<std::size_t> max_recv_size{};
};

namespace detail {
/// Connects to `path` (bound to `local_path` first when given).
async_transport_ptr connect_async_unix(const lowlevel::unix_socket_address& path,
                                       const std::optional<lowlevel::unix_socket_address>& local_path);
/// Wraps the adopted Unix socket.
async_transport_ptr adopt_async_unix(socket_owner& socket);
} // namespace detail

/** An async client of a Unix stream socket (inside tasks). Connected lazily, like
    `async_tcp_network_client` (SEMANTICS C1–C5, C7–C10, C12).
    @par Example
    @code
    clients::async_unix_stream_client<std::string> client("/run/app.sock", protocol);
    client.send_packet("status");
    auto credentials = client.get_peer_credentials();
    @endcode
    @par Thread safety
    As `abc::async_network_client`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_unix_stream_client : public detail::async_stream_client<SentPacket, ReceivedPacket> {
    using base = detail::async_stream_client<SentPacket, ReceivedPacket>;

public:
    /** A client of the socket at `path` (connected lazily).
        @throws std::invalid_argument if `max_recv_size` is 0. */
    template <class Protocol>
    async_unix_stream_client(lowlevel::unix_socket_address path, const Protocol& protocol,
                             const async_unix_stream_client_options& options = {})
        : base("async_unix_stream_client",
               [path = std::move(path), local = options.local_path] { return detail::connect_async_unix(path, local); },
               protocol, detail::checked_max_recv_size(options.max_recv_size))
    {
    }

    /** A client over `socket`, a connected AF_UNIX stream socket it owns from now on
        (closed if the checks fail; SEMANTICS C2).
        @throws std::invalid_argument "Only these families are supported: AF_UNIX";
        boost::system::system_error ENOTCONN. */
    template <class Protocol>
    async_unix_stream_client(lowlevel::native_socket_handle socket, const Protocol& protocol,
                             const async_unix_stream_client_options& options = {})
        : base("async_unix_stream_client",
               [owner = adopt(socket)] { return detail::adopt_async_unix(*owner); }, protocol,
               detail::checked_max_recv_size(options.max_recv_size))
    {
    }

    using base::send_eof;
    using base::socket;

    /** As `send_packet`, with the control messages of `ancillary` (file descriptors,
        credentials) in the same single `sendmsg` (SEMANTICS A1).
        @throws boost::system::system_error EMSGSIZE when the packet did not fit in one
        call; else as `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, const lowlevel::socket_ancillary& ancillary)
    {
        const auto raw = ancillary.as_raw();
        this->locked_send([&](auto& endpoint) { endpoint.send_packet_with_ancillary(packet, raw); });
    }

    /** The next packet from exactly ONE read with ancillary data, whose control messages
        are added to `ancillary` (SEMANTICS A1). A packet already buffered is returned
        without reading (`ancillary` untouched).
        @throws easynet::eof_error "Received partial packet data" when that read did not
        complete a packet (the bytes stay buffered); std::invalid_argument if
        `ancillary_bufsize` is 0; else as `recv_packet`. */
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

    /** The server process's credentials, cached after the first success (SEMANTICS A5).
        @throws boost::system::system_error (EBADF once closed, EINVAL without a peer,
        ENOTCONN before the connection); client_closed_error once closing. */
    lowlevel::unix_credentials get_peer_credentials()
    {
        const auto& endpoint = this->established_endpoint();
        std::lock_guard guard(credentials_mutex_);
        if (!credentials_)
            credentials_ = lowlevel::get_peer_credentials(endpoint.extra(lowlevel::socket_attribute::socket).fileno());
        return *credentials_;
    }

private:
    static std::shared_ptr<detail::socket_owner> adopt(lowlevel::native_socket_handle socket)
    {
        auto owner = std::make_shared<detail::socket_owner>(socket);
        detail::check_adopted_stream_socket(socket, false);
        return owner;
    }

    std::mutex credentials_mutex_;
    std::optional<lowlevel::unix_credentials> credentials_{};
};

} // namespace easynet::clients

#endif
