//
// easynet — the socket transports and listeners.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_HPP

#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>
#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_listener.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#endif
