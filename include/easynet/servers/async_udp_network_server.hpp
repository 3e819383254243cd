//
// easynet — the asynchronous UDP server (EasyNetwork's `AsyncUDPNetworkServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_UDP_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_ASYNC_UDP_NETWORK_SERVER_HPP

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/servers/detail/datagram_network_server.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace easynet::servers {

/** Options of `async_udp_network_server`. */
struct udp_server_options {
    /// SO_REUSEPORT on the listeners (B3).
    bool reuse_port = false;
    /// The logger (default "easynet.servers.async_udp").
    std::optional<easynet::logger> logger{};
};

/** An asynchronous UDP server running a datagram request handler for each peer.
    @tparam Request what clients send; @tparam Response what the server sends.
    @par Example
    @code
    async_udp_network_server<std::string, std::string> server(
        "", 9000, protocol::datagram_protocol<std::string>(serializer), std::make_shared<echo>());
    server.serve_forever();
    @endcode
    Host rules (B1–B4): "" = every interface; a host or a list of hosts; port 0 = one
    ephemeral port per listener. Reception errors unrelated to a datagram (ICMP errors)
    are logged WARNING and ignored (D10).
    @par Thread safety
    See `async_base_server`. With a multi-threaded loop (`runner_options::threads`),
    different peers are served in parallel.
*/
template <class Request, class Response>
class async_udp_network_server final : public detail::datagram_network_server<Request, Response> {
    using base = detail::datagram_network_server<Request, Response>;

public:
    using typename base::client_type;
    using typename base::handler_ptr;
    using typename base::protocol_type;

    /** Construction does no I/O (L1). @throws std::invalid_argument for a null handler. */
    async_udp_network_server(std::vector<std::string> hosts, std::uint16_t port, const protocol_type& protocol,
                             handler_ptr handler, udp_server_options options = {})
        : base(protocol, std::move(handler), options.logger.value_or(easynet::logger("easynet.servers.async_udp"))),
          hosts_(std::move(hosts)), port_(port), options_(std::move(options))
    {
    }

    /// One host ("" or a name/literal); see above.
    async_udp_network_server(std::string host, std::uint16_t port, const protocol_type& protocol, handler_ptr handler,
                             udp_server_options options = {})
        : async_udp_network_server(std::vector<std::string>{std::move(host)}, port, protocol, std::move(handler),
                                   std::move(options))
    {
    }

    /// With a callable `fn(client)` as the handler's `handle`.
    template <class F>
        requires std::invocable<F&, client_type&>
    async_udp_network_server(std::string host, std::uint16_t port, const protocol_type& protocol, F fn,
                             udp_server_options options = {})
        : async_udp_network_server(std::move(host), port, protocol, base::adapt(std::move(fn)), std::move(options))
    {
    }

private:
    std::vector<typename base::server_ptr> create_servers() override
    {
        namespace backend = lowlevel::api_async::backend;
        const bool all = hosts_.empty() || (hosts_.size() == 1 && hosts_.front().empty());
        auto listeners = all ? backend::create_udp_listeners(std::string_view(), port_, options_.reuse_port)
                             : backend::create_udp_listeners(hosts_, port_, options_.reuse_port);
        std::vector<typename base::server_ptr> servers;
        for (auto& listener : listeners)
            servers.push_back(this->make_lowlevel_server(std::move(listener)));
        return servers;
    }

    std::vector<std::string> hosts_;
    std::uint16_t port_;
    udp_server_options options_;
};

} // namespace easynet::servers

#endif
