//
// easynet — the asynchronous Unix stream server (EasyNetwork's `AsyncUnixStreamServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_UNIX_STREAM_SERVER_HPP
#define EASYNET_SERVERS_ASYNC_UNIX_STREAM_SERVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>
#include <easynet/servers/detail/stream_network_server.hpp>
#include <easynet/servers/detail/unix_socket_file.hpp>

#include <filesystem>
#include <optional>

namespace easynet::servers {

/** Options of `async_unix_stream_server`. */
struct unix_stream_server_options {
    /// listen() backlog (>= 1).
    int backlog = defaults::listen_backlog;
    /// Permissions given to the socket file (chmod), if any.
    std::optional<std::filesystem::perms> mode{};
    /// Bytes read per receive / receive-buffer size hint; > 0.
    std::size_t max_recv_size = defaults::stream_bufsize;
    /// Room for control messages when a handler asks for ancillary data (> 0).
    std::size_t ancillary_bufsize = defaults::unix_ancillary_bufsize;
    /// Accept/disconnect lines at INFO (true) or DEBUG (false).
    bool log_client_connection = true;
    /// The logger (default "easynet.servers.async_unix_stream").
    std::optional<easynet::logger> logger{};
};

/** An asynchronous Unix stream server running a stream request handler for each client.
    Clients provide `unix_client_attribute` (peer name and credentials); handlers may
    receive and send ancillary data (SCM_RIGHTS, SCM_CREDENTIALS; SEMANTICS A2).
    On close, the socket file created at bind is unlinked if it is still the same file
    (a file re-created by someone else is kept; L8).
    @par Thread safety
    See `async_base_server`.
*/
template <class Request, class Response>
class async_unix_stream_server final : public detail::stream_network_server<Request, Response> {
    using base = detail::stream_network_server<Request, Response>;

public:
    using typename base::client_type;
    using typename base::handler_ptr;

    /** Construction does no I/O.
        @throws std::invalid_argument: null handler, max_recv_size / ancillary_bufsize /
        backlog not strictly positive. */
    template <class Protocol>
    async_unix_stream_server(lowlevel::unix_socket_address path, const Protocol& protocol, handler_ptr handler,
                             unix_stream_server_options options = {})
        : base(protocol, std::move(handler), options.max_recv_size,
               options.logger.value_or(easynet::logger("easynet.servers.async_unix_stream"))),
          path_(std::move(path)), options_(std::move(options))
    {
        if (options_.backlog < 1)
            throw std::invalid_argument("'backlog' must be a strictly positive integer");
        if (options_.ancillary_bufsize == 0)
            throw std::invalid_argument("'ancillary_bufsize' must be a strictly positive integer");
        this->pipeline_options_.log_client_connection = options_.log_client_connection;
        this->serve_options_.ancillary_bufsize = options_.ancillary_bufsize;
        this->serve_options_.disconnect_error_filter = [](const std::exception& e) {
            return detail::is_connection_error(e);
        };
    }

    /// With a callable `fn(client)` as the handler's `handle`.
    template <class Protocol, class F>
        requires std::invocable<F&, client_type&>
    async_unix_stream_server(lowlevel::unix_socket_address path, const Protocol& protocol, F fn,
                             unix_stream_server_options options = {})
        : async_unix_stream_server(std::move(path), protocol, base::adapt(std::move(fn)), std::move(options))
    {
    }

private:
    std::vector<typename base::server_ptr> create_servers() override
    {
        auto listener = lowlevel::api_async::backend::create_unix_stream_listener(path_, options_.backlog, options_.mode);
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
    unix_stream_server_options options_;
    detail::unix_socket_file socket_file_;
};

} // namespace easynet::servers

#endif
