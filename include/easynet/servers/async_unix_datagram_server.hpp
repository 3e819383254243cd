//
// easynet — the asynchronous Unix datagram server (EasyNetwork's `AsyncUnixDatagramServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_UNIX_DATAGRAM_SERVER_HPP
#define EASYNET_SERVERS_ASYNC_UNIX_DATAGRAM_SERVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>
#include <easynet/servers/detail/datagram_network_server.hpp>
#include <easynet/servers/detail/unix_socket_file.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <utility>

namespace easynet::servers {

/** Options of `async_unix_datagram_server`. */
struct unix_datagram_server_options {
    /// Permissions given to the socket file (chmod), if any.
    std::optional<std::filesystem::perms> mode{};
    /// Datagrams from unbound sockets (D11); default: dropped silently.
    unnamed_addresses_behavior unnamed_addresses = unnamed_addresses_behavior::ignore;
    /// Receive control messages (SCM_RIGHTS, SCM_CREDENTIALS) with each datagram (A3).
    bool receive_ancillary_data = false;
    /// Room for them (> 0; default ~8 KiB); only with `receive_ancillary_data`.
    std::optional<std::size_t> ancillary_bufsize{};
    /// The logger (default "easynet.servers.async_unix_datagram").
    std::optional<easynet::logger> logger{};
};

/** An asynchronous Unix datagram server running a datagram request handler for each
    peer name. With `receive_ancillary_data`, a handler claims the control messages of a
    datagram with `recv_params::recv_with_ancillary`; file descriptors it does not claim
    are closed (A3); without it, asking for them raises unsupported_operation. On close,
    the socket file created at bind is unlinked if it is still the same file (L8).
    @par Thread safety
    See `async_base_server`.
*/
template <class Request, class Response>
class async_unix_datagram_server final : public detail::datagram_network_server<Request, Response> {
    using base = detail::datagram_network_server<Request, Response>;

public:
    using typename base::client_type;
    using typename base::handler_ptr;
    using typename base::protocol_type;

    /** Construction does no I/O.
        @throws std::invalid_argument: null handler; `ancillary_bufsize` 0 or given without
        `receive_ancillary_data`. */
    async_unix_datagram_server(lowlevel::unix_socket_address path, const protocol_type& protocol,
                               handler_ptr handler, unix_datagram_server_options options = {})
        : base(protocol, std::move(handler),
               options.logger.value_or(easynet::logger("easynet.servers.async_unix_datagram"))),
          path_(std::move(path)), options_(std::move(options))
    {
        if (options_.ancillary_bufsize && !options_.receive_ancillary_data)
            throw std::invalid_argument("'ancillary_bufsize' is only meaningful with 'receive_ancillary_data'");
        if (options_.ancillary_bufsize && *options_.ancillary_bufsize == 0)
            throw std::invalid_argument("'ancillary_bufsize' must be a strictly positive integer");
        if (options_.receive_ancillary_data)
            this->ancillary_bufsize_ = options_.ancillary_bufsize.value_or(defaults::unix_ancillary_bufsize);
        this->unnamed_behavior_ = options_.unnamed_addresses;
    }

    /// With a callable `fn(client)` as the handler's `handle`.
    template <class F>
        requires std::invocable<F&, client_type&>
    async_unix_datagram_server(lowlevel::unix_socket_address path, const protocol_type& protocol, F fn,
                               unix_datagram_server_options options = {})
        : async_unix_datagram_server(std::move(path), protocol, base::adapt(std::move(fn)), std::move(options))
    {
    }

private:
    std::vector<typename base::server_ptr> create_servers() override
    {
        auto listener = lowlevel::api_async::backend::create_unix_datagram_listener(path_, options_.mode);
        socket_file_.bound(path_);
        std::vector<typename base::server_ptr> servers;
        servers.push_back(this->make_lowlevel_server(std::move(listener)));
        return servers;
    }

    void after_listeners_closed() override
    {
        socket_file_.release(this->log());
    }

    lowlevel::unix_socket_address path_;
    unix_datagram_server_options options_;
    detail::unix_socket_file socket_file_;
};

} // namespace easynet::servers

#endif
