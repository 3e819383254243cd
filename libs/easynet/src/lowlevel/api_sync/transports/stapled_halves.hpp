//
// easynet — private: closing the two halves of a blocking stapled transport (stream or
// datagram).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SRC_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_HALVES_HPP
#define EASYNET_SRC_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_HALVES_HPP

#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>

namespace easynet::lowlevel::api_sync::transports::detail {

/// Closes `send` then `receive`; `receive` is closed even when closing `send` fails.
inline void close_halves(base_transport& send, base_transport& receive)
{
    try {
        send.close();
    } catch (...) {
        receive.close();
        throw;
    }
    receive.close();
}

} // namespace easynet::lowlevel::api_sync::transports::detail

#endif
