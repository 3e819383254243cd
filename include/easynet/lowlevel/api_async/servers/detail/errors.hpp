//
// easynet — private: error reporting shared by the low-level stream and datagram servers.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_SERVERS_DETAIL_ERRORS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_SERVERS_DETAIL_ERRORS_HPP

#include <easynet/log.hpp>

#include <exception>

namespace easynet::lowlevel::api_async::servers::detail {

/// Logs "Unhandled exception: <what>" (ERROR, with the exception) on `log` — W3.
void log_unhandled_client_exception(const logger& log, std::exception_ptr error);
/// As above, on the stream server's logger "easynet.lowlevel.api_async.servers.stream".
void log_unhandled_client_exception(std::exception_ptr error);
/// `protocol_crash_error("RecvAncillaryDataParams.data_received() crashed")` nesting the current exception.
[[noreturn]] void throw_ancillary_callback_crash();
/// `unsupported_operation("The server is not configured to handle ancillary data.")`.
[[noreturn]] void throw_no_ancillary_support();

} // namespace easynet::lowlevel::api_async::servers::detail

#endif
