//
// easynet — private: closing the two halves of a stapled transport (stream or datagram).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SRC_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_HALVES_HPP
#define EASYNET_SRC_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_HALVES_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>

namespace easynet::lowlevel::api_async::transports::detail {

/** Closes `send` then `receive`; `receive` is closed even when closing `send` fails. If
    the task is cancelled meanwhile, both are closed abruptly and the cancellation goes on. */
inline void aclose_halves(async_base_transport& send, async_base_transport& receive)
{
    try {
        try {
            send.aclose();
        } catch (...) {
            receive.aclose();
            throw;
        }
        receive.aclose();
    } catch (const cancelled&) {
        aclose_forcefully(send);
        aclose_forcefully(receive);
        throw;
    }
}

} // namespace easynet::lowlevel::api_async::transports::detail

#endif
