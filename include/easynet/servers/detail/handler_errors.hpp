//
// easynet — private: how the high-level servers classify and log the errors escaping a
// request handler (SEMANTICS H13, D6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_HANDLER_ERRORS_HPP
#define EASYNET_SERVERS_DETAIL_HANDLER_ERRORS_HPP

#include <easynet/log.hpp>

#include <exception>
#include <string>

namespace easynet::servers::detail {

/// True for Python's ConnectionError family (ECONNRESET, ECONNABORTED, EPIPE,
/// ECONNREFUSED, ESHUTDOWN) and for a TLS EOF without close_notify.
bool is_connection_error(const std::exception& e) noexcept;

/** Logs an error escaping the handler: one WARNING "There have been attempts to do
    operation on closed client <address>" for client_closed_error, else 3 ERROR records
    (dashes, "Exception occurred during processing of request from <address>", dashes);
    groups are split. Connection errors are silent when `silence_connection_errors`
    (stream servers, H13) and logged like any other error otherwise (datagram servers, D6). */
void report_handler_error(const logger& log, const std::exception_ptr& error, const std::string& address,
                          bool silence_connection_errors = true);

} // namespace easynet::servers::detail

#endif
