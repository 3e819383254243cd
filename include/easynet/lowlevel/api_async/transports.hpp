//
// easynet — umbrella header of the asynchronous transports: the abstract interfaces, the
// socket implementations, and aclose_forcefully.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_HPP

#include <easynet/lowlevel/api_async/transports/abc.hpp>
#include <easynet/lowlevel/api_async/transports/socket.hpp>
#include <easynet/lowlevel/api_async/transports/stapled_datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stapled_stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>

#endif
