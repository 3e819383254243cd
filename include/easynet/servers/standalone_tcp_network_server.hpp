//
// easynet — the blocking TCP server (EasyNetwork's `StandaloneTCPNetworkServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_STANDALONE_TCP_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_STANDALONE_TCP_NETWORK_SERVER_HPP

#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet/servers/standalone_network_server.hpp>

namespace easynet::servers {

/** A blocking TCP server: `async_tcp_network_server` on a private loop (see
    `standalone_network_server`).
    @par Example
    @code
    standalone_tcp_network_server<std::string, std::string> server("", 9000, protocol, handler,
                                                                   {}, {.threads = 4});
    server.serve_forever();   // until server.shutdown() from another thread
    @endcode
*/
template <class Request, class Response>
class standalone_tcp_network_server final : public standalone_network_server {
public:
    using async_server_type = async_tcp_network_server<Request, Response>;
    using handler_ptr = typename async_server_type::handler_ptr;

    /** Same arguments as `async_tcp_network_server`, plus the loop options.
        Arguments are checked now (an async server is built and dropped, no I/O). */
    template <class Protocol>
    standalone_tcp_network_server(std::string host, std::uint16_t port, const Protocol& protocol,
                                  handler_ptr handler, tcp_server_options options = {},
                                  lowlevel::api_async::backend::runner_options runner = {})
        : standalone_network_server(checked_factory<async_server_type>(host, port, protocol, handler, options), runner)
    {
    }
};

} // namespace easynet::servers

#endif
