//
// easynet — the blocking Unix datagram server (EasyNetwork's `StandaloneUnixDatagramServer`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_STANDALONE_UNIX_DATAGRAM_SERVER_HPP
#define EASYNET_SERVERS_STANDALONE_UNIX_DATAGRAM_SERVER_HPP

#include <easynet/servers/async_unix_datagram_server.hpp>
#include <easynet/servers/standalone_network_server.hpp>

namespace easynet::servers {

/** A blocking Unix datagram server: `async_unix_datagram_server` on a private loop (see
    `standalone_network_server`). */
template <class Request, class Response>
class standalone_unix_datagram_server final : public standalone_network_server {
public:
    using async_server_type = async_unix_datagram_server<Request, Response>;
    using handler_ptr = typename async_server_type::handler_ptr;
    using protocol_type = typename async_server_type::protocol_type;

    /** Same arguments as `async_unix_datagram_server`, plus the loop options. */
    standalone_unix_datagram_server(lowlevel::unix_socket_address path, const protocol_type& protocol,
                                    handler_ptr handler, unix_datagram_server_options options = {},
                                    lowlevel::api_async::backend::runner_options runner = {})
        : standalone_network_server(checked_factory<async_server_type>(path, protocol, handler, options), runner)
    {
    }
};

} // namespace easynet::servers

#endif
