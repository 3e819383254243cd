//
// easynet — the timeout check of the sync endpoints.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_CHECKED_TIMEOUT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_CHECKED_TIMEOUT_HPP

#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace easynet::lowlevel::api_sync::endpoints::detail {

/// Validates `timeout` (std::invalid_argument for negative or NaN) and returns it in seconds.
inline double checked_timeout(transports::seconds timeout)
{
    const double t = timeout.count();
    if (std::isnan(t) || t < 0)
        throw std::invalid_argument("Invalid timeout: " + std::to_string(t));
    return t;
}

} // namespace easynet::lowlevel::api_sync::endpoints::detail

#endif
