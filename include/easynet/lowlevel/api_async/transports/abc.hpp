//
// easynet — every abstract transport interface (EasyNetwork's `transports.abc`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_ABC_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_ABC_HPP

#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_listener.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_write_transport.hpp>
#include <easynet/lowlevel/api_async/transports/listener.hpp>
#include <easynet/lowlevel/api_async/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_write_transport.hpp>

#endif
