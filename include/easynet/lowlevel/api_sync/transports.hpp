//
// easynet — umbrella header of the synchronous (blocking) transports.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_HPP

#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/datagram_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/datagram_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/datagram_write_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/ssl_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stapled_datagram_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stapled_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_write_transport.hpp>

#endif
