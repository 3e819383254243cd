//
// easynet — the asynchronous TCP (and TLS) server (EasyNetwork's `AsyncTCPNetworkServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_TCP_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_ASYNC_TCP_NETWORK_SERVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/servers/detail/stream_network_server.hpp>

#include <boost/asio/ssl/context.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace easynet::servers {

/** Options of `async_tcp_network_server` (defaults: SEMANTICS §1.7). */
struct tcp_server_options {
    /// listen() backlog (>= 1), also the most accepts per wake-up.
    int backlog = defaults::listen_backlog;
    /// SO_REUSEPORT on the listeners (B3).
    bool reuse_port = false;
    /// Bytes read per receive / receive-buffer size hint (P8); > 0.
    std::size_t max_recv_size = defaults::stream_bufsize;
    /// A server TLS context: every connection is TLS (K1).
    std::shared_ptr<boost::asio::ssl::context> ssl{};
    /// TLS only (K2): handshake bound (default 60 s), close_notify wait (30 s), and
    /// whether to exchange close_notify (true).
    std::optional<lowlevel::api_async::backend::seconds> ssl_handshake_timeout{};
    std::optional<lowlevel::api_async::backend::seconds> ssl_shutdown_timeout{};
    std::optional<bool> ssl_standard_compatible{};
    /// Accept/disconnect lines at INFO (true) or DEBUG (false).
    bool log_client_connection = true;
    /// The logger (default "easynet.servers.async_tcp").
    std::optional<easynet::logger> logger{};
};

/** An asynchronous TCP server running a stream request handler for each client.
    @tparam Request what clients send; @tparam Response what the server sends.
    @par Example
    @code
    async_tcp_network_server<std::string, std::string> server(
        "", 9000, protocol::stream_protocol<std::string>(serializer), std::make_shared<echo>());
    server.serve_forever();
    @endcode
    Host rules (B1–B5): "" = every interface; a host or a list of hosts; port 0 = one
    ephemeral port per listener. Clients get TCP_NODELAY and SO_KEEPALIVE; at teardown
    a non-TLS client the handler did not close gets SO_LINGER 0 (H14b).
    @par Thread safety
    See `async_base_server`. With a multi-threaded loop (`runner_options::threads`),
    each client task runs on its own strand.
*/
template <class Request, class Response>
class async_tcp_network_server final : public detail::stream_network_server<Request, Response> {
    using base = detail::stream_network_server<Request, Response>;

public:
    using typename base::client_type;
    using typename base::handler_ptr;

    /** Construction does no I/O (L1).
        @param protocol a `stream_protocol<Response, Request>` or `buffered_stream_protocol`.
        @throws std::invalid_argument: null handler, max_recv_size 0, backlog < 1,
        "<name> is only meaningful with ssl" (K2). */
    template <class Protocol>
    async_tcp_network_server(std::vector<std::string> hosts, std::uint16_t port, const Protocol& protocol,
                             handler_ptr handler, tcp_server_options options = {})
        : base(protocol, std::move(handler), options.max_recv_size,
               options.logger.value_or(easynet::logger("easynet.servers.async_tcp"))),
          hosts_(std::move(hosts)), port_(port), options_(std::move(options))
    {
        check_options(options_);
        this->pipeline_options_.log_client_connection = options_.log_client_connection;
        this->pipeline_options_.set_tcp_options = true;
        this->pipeline_options_.linger_on_teardown = !options_.ssl;
        this->serve_options_.disconnect_error_filter = [](const std::exception& e) {
            return detail::is_connection_error(e);
        };
    }

    /// One host ("" or a name/literal); see above.
    template <class Protocol>
    async_tcp_network_server(std::string host, std::uint16_t port, const Protocol& protocol, handler_ptr handler,
                             tcp_server_options options = {})
        : async_tcp_network_server(std::vector<std::string>{std::move(host)}, port, protocol, std::move(handler),
                                   std::move(options))
    {
    }

    /// With a callable `fn(client)` as the handler's `handle`.
    template <class Protocol, class F>
        requires std::invocable<F&, client_type&>
    async_tcp_network_server(std::string host, std::uint16_t port, const Protocol& protocol, F fn,
                             tcp_server_options options = {})
        : async_tcp_network_server(std::move(host), port, protocol, base::adapt(std::move(fn)), std::move(options))
    {
    }

    ~async_tcp_network_server() override = default;

private:
    static void check_options(const tcp_server_options& o)
    {
        if (o.backlog < 1)
            throw std::invalid_argument("'backlog' must be a strictly positive integer");
        if (!o.ssl) {
            if (o.ssl_handshake_timeout)
                throw std::invalid_argument("ssl_handshake_timeout is only meaningful with ssl");
            if (o.ssl_shutdown_timeout)
                throw std::invalid_argument("ssl_shutdown_timeout is only meaningful with ssl");
            if (o.ssl_standard_compatible)
                throw std::invalid_argument("ssl_standard_compatible is only meaningful with ssl");
        }
    }

    std::vector<typename base::server_ptr> create_servers() override
    {
        namespace backend = lowlevel::api_async::backend;
        namespace transports = lowlevel::api_async::transports;
        const bool all = hosts_.empty() || (hosts_.size() == 1 && hosts_.front().empty());
        auto listeners = all ? backend::create_tcp_listeners(std::string_view(), port_, options_.backlog,
                                                             options_.reuse_port)
                             : backend::create_tcp_listeners(hosts_, port_, options_.backlog, options_.reuse_port);
        std::vector<typename base::server_ptr> servers;
        for (auto& listener : listeners) {
            if (options_.ssl) {
                transports::tls_listener_options tls;
                if (options_.ssl_handshake_timeout)
                    tls.handshake_timeout = *options_.ssl_handshake_timeout;
                if (options_.ssl_shutdown_timeout)
                    tls.shutdown_timeout = *options_.ssl_shutdown_timeout;
                if (options_.ssl_standard_compatible)
                    tls.standard_compatible = *options_.ssl_standard_compatible;
                listener = std::make_unique<transports::async_tls_listener>(std::move(listener), options_.ssl, tls);
            }
            servers.push_back(this->make_lowlevel_server(std::move(listener)));
        }
        return servers;
    }

    std::vector<std::string> hosts_;
    std::uint16_t port_;
    tcp_server_options options_;
};

} // namespace easynet::servers

#endif
