//
// easynet — the blocking UDP server (EasyNetwork's `StandaloneUDPNetworkServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_STANDALONE_UDP_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_STANDALONE_UDP_NETWORK_SERVER_HPP

#include <easynet/servers/async_udp_network_server.hpp>
#include <easynet/servers/standalone_network_server.hpp>

namespace easynet::servers {

/** A blocking UDP server: `async_udp_network_server` on a private loop (see
    `standalone_network_server`; `runner.threads` > 1 serves peers in parallel).
    @par Example
    @code
    standalone_udp_network_server<std::string, std::string> server("", 9000, protocol, handler,
                                                                   {}, {.threads = 4});
    server.serve_forever();   // until server.shutdown() from another thread
    @endcode
*/
template <class Request, class Response>
class standalone_udp_network_server final : public standalone_network_server {
public:
    using async_server_type = async_udp_network_server<Request, Response>;
    using handler_ptr = typename async_server_type::handler_ptr;
    using protocol_type = typename async_server_type::protocol_type;

    /** Same arguments as `async_udp_network_server`, plus the loop options.
        Arguments are checked now (an async server is built and dropped, no I/O). */
    standalone_udp_network_server(std::string host, std::uint16_t port, const protocol_type& protocol,
                                  handler_ptr handler, udp_server_options options = {},
                                  lowlevel::api_async::backend::runner_options runner = {})
        : standalone_network_server(checked_factory<async_server_type>(host, port, protocol, handler, options), runner)
    {
    }
};

} // namespace easynet::servers

#endif
