//
// easynet — transport helpers (EasyNetwork's `transports.utils`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_UTILS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_UTILS_HPP

#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>

namespace easynet::lowlevel::api_async::transports {

/** Closes `transport` immediately, without waiting for any graceful cleanup: runs
    `transport.aclose()` inside an already expired cancel scope (`move_on_after(0)`).

    Works with anything that has an `aclose()` (transports, endpoints, clients).
    @throws not_in_task_error outside a task; `cancelled` only for an outer cancellation.
*/
template <typename Closeable>
    requires requires(Closeable& c) { c.aclose(); }
void aclose_forcefully(Closeable& transport)
{
    backend::move_on_after(backend::seconds{0}).run([&] { transport.aclose(); });
}

} // namespace easynet::lowlevel::api_async::transports

#endif
