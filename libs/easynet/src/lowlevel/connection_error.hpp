// easynet — private: which errors mean "the peer went away" (EasyNetwork's
// ConnectionError plus the TLS unexpected-EOF error). Shared by the clients (C7) and
// the servers' disconnect filter (H11).
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef EASYNET_SRC_LOWLEVEL_CONNECTION_ERROR_HPP
#define EASYNET_SRC_LOWLEVEL_CONNECTION_ERROR_HPP

#include <boost/asio/ssl/error.hpp>
#include <boost/system/error_code.hpp>

#include <cerrno>

namespace easynet::lowlevel::detail {

/// True for ECONNRESET, ECONNABORTED, ECONNREFUSED, EPIPE, ESHUTDOWN and a TLS stream truncation.
inline bool is_connection_error_code(const boost::system::error_code& code) noexcept
{
    if (code == boost::asio::ssl::error::stream_truncated)
        return true;
    if (code.category() != boost::system::system_category() && code.category() != boost::system::generic_category())
        return false;
    switch (code.value()) {
    case ECONNRESET:
    case ECONNABORTED:
    case ECONNREFUSED:
    case EPIPE:
    case ESHUTDOWN:
        return true;
    default:
        return false;
    }
}

} // namespace easynet::lowlevel::detail

#endif
