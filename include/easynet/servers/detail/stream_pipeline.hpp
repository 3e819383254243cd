//
// easynet — the per-connection pipeline of the high-level stream servers
// (EasyNetwork's `build_lowlevel_stream_server_handler`): SEMANTICS H2–H16.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_STREAM_PIPELINE_HPP
#define EASYNET_SERVERS_DETAIL_STREAM_PIPELINE_HPP

#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/servers/detail/handler_errors.hpp>
#include <easynet/servers/stream_request_handler.hpp>

#include <exception>
#include <optional>
#include <string>

namespace easynet::servers::detail {

struct stream_pipeline_options {
    const logger* log = nullptr;
    bool log_client_connection = true;
    /// TCP: TCP_NODELAY + SO_KEEPALIVE on each client (H3).
    bool set_tcp_options = false;
    /// Non-TLS TCP: SO_LINGER 0 at teardown unless the handler closed the client (H14b).
    bool linger_on_teardown = false;
};

/// The peer address, or nothing when it cannot be obtained (H2).
std::optional<lowlevel::socket_address> peer_address(const lowlevel::typed_attribute_provider& transport);
/// TCP_NODELAY and SO_KEEPALIVE, errors ignored.
void set_tcp_client_options(const lowlevel::typed_attribute_provider& transport) noexcept;
/// SO_LINGER (on, 0), errors ignored (closed socket included).
void set_linger_zero(const lowlevel::typed_attribute_provider& transport) noexcept;
/// Logs the WARNING of a ConnectionError raised by on_disconnection (H15).
void report_on_disconnection_connection_error(const logger& log);

template <class Request, class Response>
void run_stream_pipeline(lowlevel::api_async::servers::connected_stream_client<Response, Request>& lowlevel_client,
                         async_stream_request_handler<Request, Response>& handler,
                         const stream_pipeline_options& options)
{
    namespace backend = lowlevel::api_async::backend;
    auto address = peer_address(lowlevel_client);
    if (!address)
        return; // H2
    if (options.set_tcp_options)
        set_tcp_client_options(lowlevel_client);
    const std::string name = address->to_string();
    const log_level connection_level = options.log_client_connection ? log_level::info : log_level::debug;
    options.log->log(connection_level, "Accepted new connection (address = " + name + ")");

    async_stream_client<Response, Request> client(lowlevel_client, std::move(*address));
    bool connected = false;
    bool forceful_close = false;
    bool cancelled = false;
    std::exception_ptr error;
    try {
        handler.on_connection(client); // H4
        connected = true;              // H5
        while (!client.is_closing()) { // H6
            const auto asked = lowlevel_client.requests_asked();
            handler.handle(client);
            if (lowlevel_client.requests_asked() == asked) { // H7
                forceful_close = true;
                break;
            }
        }
    } catch (const client_disconnected&) {
    } catch (const ::easynet::cancelled&) {
        cancelled = true;
    } catch (...) {
        error = std::current_exception();
    }
    // Teardown (H15): on_disconnection, closing flag, log, linger/abort, error report.
    if (connected) {
        std::exception_ptr disconnection_error;
        try {
            backend::ignore_cancellation([&] { handler.on_disconnection(client); });
        } catch (const client_disconnected&) {
        } catch (...) {
            disconnection_error = std::current_exception();
        }
        if (disconnection_error) {
            bool connection_error = false;
            try {
                std::rethrow_exception(disconnection_error);
            } catch (const std::exception& e) {
                connection_error = is_connection_error(e);
            } catch (...) {
            }
            if (connection_error)
                report_on_disconnection_connection_error(*options.log);
            else if (!error)
                error = disconnection_error;
        }
    }
    lowlevel_client.mark_closing();
    options.log->log(connection_level, name + " disconnected");
    if (options.linger_on_teardown && !client.closed_by_handler())
        set_linger_zero(lowlevel_client);
    if (error)
        report_handler_error(*options.log, error, name);
    if (cancelled)
        throw ::easynet::cancelled{};
    if (forceful_close || error)
        lowlevel_client.abort();
}

} // namespace easynet::servers::detail

#endif
