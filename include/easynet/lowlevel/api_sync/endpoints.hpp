//
// easynet — umbrella header of the synchronous (blocking) endpoints.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_HPP

#include <easynet/lowlevel/api_sync/endpoints/datagram_endpoint.hpp>
#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>

#endif
