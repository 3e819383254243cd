//
// easynet — every server header (umbrella).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_HPP
#define EASYNET_SERVERS_HPP

#include <easynet/servers/abc.hpp>
#include <easynet/servers/async_datagram_client.hpp>
#include <easynet/servers/async_stream_client.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet/servers/async_udp_network_server.hpp>
#include <easynet/servers/async_unix_datagram_server.hpp>
#include <easynet/servers/async_unix_stream_server.hpp>
#include <easynet/servers/client_attributes.hpp>
#include <easynet/servers/datagram_request_handler.hpp>
#include <easynet/servers/exit_stack.hpp>
#include <easynet/servers/network_server_thread.hpp>
#include <easynet/servers/standalone_network_server.hpp>
#include <easynet/servers/standalone_tcp_network_server.hpp>
#include <easynet/servers/standalone_udp_network_server.hpp>
#include <easynet/servers/standalone_unix_datagram_server.hpp>
#include <easynet/servers/standalone_unix_stream_server.hpp>
#include <easynet/servers/stream_request_handler.hpp>

#endif
