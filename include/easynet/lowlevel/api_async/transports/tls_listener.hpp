//
// easynet — a listener whose connections speak TLS (EasyNetwork's `AsyncTLSListener`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_TLS_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_TLS_LISTENER_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_async/transports/listener.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/tls_attributes.hpp>

#include <exception>
#include <functional>
#include <memory>

namespace easynet::lowlevel::api_async::transports {

/// Options of `async_tls_listener`.
struct tls_listener_options {
    /// Longest a client's handshake may take (then its connection is closed).
    backend::seconds handshake_timeout{defaults::ssl_handshake_timeout};
    /// `shutdown_timeout` of the accepted transports.
    backend::seconds shutdown_timeout{defaults::ssl_shutdown_timeout};
    /// `standard_compatible` of the accepted transports (see `tls_transport_options`).
    bool standard_compatible = true;
    /** Called (in the connection's task, which then ends) with the error of each failed
        handshake, instead of the default report. Should not throw; if it does, its own
        error is logged as a WARNING (below). On a multi-threaded loop it may be called
        from several connection tasks at once: make it thread-safe. Empty: the default report (K1):
        nothing for a timeout, a connection error (ECONNRESET, ECONNABORTED, EPIPE,
        ECONNREFUSED, ESHUTDOWN), an EOF without close_notify, ENOTCONN or EINVAL; a
        WARNING "Error in client task (during TLS handshake)" with the error attached for
        anything else, on the logger "easynet.lowlevel.api_async.transports.tls".
    */
    std::function<void(std::exception_ptr)> handshake_error_handler;
};

/** Wraps a listener of plain stream connections: every accepted connection is handed
    to the handler as an `async_tls_stream_transport` (server side), once its handshake
    succeeded. The handshake runs in the connection's own task (accepting never waits
    for it), bounded by `handshake_timeout`; a failed handshake closes the connection,
    is reported (see `tls_listener_options::handshake_error_handler`) and never reaches
    the handler.

    Extra attributes: those of the wrapped listener, plus `tls_attribute::sslcontext`
    and `tls_attribute::standard_compatible`.

    @par Thread safety
    As `async_listener`: one `serve` at a time; `aclose` from another task of the loop.
*/
class async_tls_listener final : public async_listener<async_stream_transport> {
public:
    /** @param listener the listener to wrap (owned from now on).
        @param context the TLS context of every connection (a server context).
        @throws std::invalid_argument if `listener` or `context` is null.
    */
    async_tls_listener(std::unique_ptr<async_listener<async_stream_transport>> listener,
                       std::shared_ptr<boost::asio::ssl::context> context, tls_listener_options options = {});
    ~async_tls_listener() override;

    using async_listener::serve;
    /// As the wrapped listener's `serve`; `handler` receives TLS transports only.
    void serve(handler_type handler, backend::task_group& task_group) override;
    /// Closes the wrapped listener (connections already handed out stay open).
    void aclose() override;
    bool is_closing() const noexcept override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    void report_handshake_error(std::exception_ptr error) const;

    std::unique_ptr<async_listener<async_stream_transport>> listener_;
    std::shared_ptr<boost::asio::ssl::context> context_;
    tls_listener_options options_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
