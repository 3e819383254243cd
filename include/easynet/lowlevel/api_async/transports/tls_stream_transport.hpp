//
// easynet — TLS over any stream transport (EasyNetwork's `AsyncTLSStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_TLS_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_TLS_STREAM_TRANSPORT_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/tls_attributes.hpp>

#include <memory>
#include <string>

namespace easynet::lowlevel::api_async::transports {

namespace detail {
struct tls_engine;
}

/// Options of `async_tls_stream_transport::wrap` (and of the TLS listener).
struct tls_transport_options {
    /// Longest the handshake may take; then `wrap` fails with easynet::timeout_error.
    backend::seconds handshake_timeout{defaults::ssl_handshake_timeout};
    /// Longest `aclose()` waits for the peer's close_notify; then the connection is aborted.
    backend::seconds shutdown_timeout{defaults::ssl_shutdown_timeout};
    /// Act as the TLS server of the handshake (else the client).
    bool server_side = false;
    /** Client side: the name sent as SNI and matched against the server certificate
        (a DNS name, or an IPv4/IPv6 address matched against the IP entries; no SNI then).
        Empty: no SNI and no host name check (the chain is still verified when the
        context verifies peers).
    */
    std::string server_hostname;
    /** True: `aclose()` exchanges close_notify alerts, and a peer closing without one is
        an error (truncation attack). False: no closing handshake, and a peer closing
        without close_notify is a normal end of stream (K3).
    */
    bool standard_compatible = true;
};

/** TLS (OpenSSL) over another `async_stream_transport`: a socket, but just as well a
    stapled pair, or another TLS transport (TLS in TLS).

    Built with `wrap()`, which performs the handshake. The engine is OpenSSL with a BIO
    pair whose buffers the wrapped transport reads into and writes from directly (no
    intermediate copy, no allocation per call).

    - `recv_into` returns decrypted bytes; 0 at the peer's close_notify, or at a bare EOF
      when not `standard_compatible`; with `standard_compatible`, a bare EOF throws
      `boost::system::system_error(boost::asio::ssl::error::stream_truncated)` (K3).
      A cancelled `recv_into` loses nothing and leaves the transport usable.
    - `send_all` / `send_all_from_iterable` encrypt and send everything (small buffers of
      an iterable are gathered into records of up to 16 KiB). Any failure of a send,
      cancellation included, aborts the connection (a record may have been half sent).
    - `send_eof` throws easynet::unsupported_operation (TLS has no half-close, K5).
    - After `aclose()` (or an abort), every call throws `boost::system::system_error` with
      ECONNABORTED (K5); a task blocked in the transport gets the same.
    - TLS protocol errors are `boost::system::system_error` in
      `boost::asio::error::get_ssl_category()` (the OpenSSL error code), whose message
      says why ("certificate verify failed: Hostname mismatch").

    Extra attributes: those of the wrapped transport, plus every `tls_attribute`.

    @par Thread safety
    As `async_stream_transport`: one task may receive while another sends (they must not
    run in parallel threads: single-threaded loop, or one strand).
*/
class async_tls_stream_transport final : public async_stream_transport {
public:
    /** Wraps `transport` (which it then owns) and performs the TLS handshake within
        `options.handshake_timeout`.
        @param context the TLS context (see ssl_context.hpp); shared, never modified.
        @return the transport, ready for application data.
        @throws easynet::timeout_error if the handshake does not finish in time;
        `boost::system::system_error` for a TLS error (in the SSL category: certificate
        verify failed, wrong version number...), an OS error of the wrapped transport, or
        `boost::asio::ssl::error::stream_truncated` when the peer closes meanwhile;
        std::invalid_argument if `transport` or `context` is null.
        On any failure (cancellation included), `transport` is closed abruptly.
    */
    static std::unique_ptr<async_tls_stream_transport> wrap(std::unique_ptr<async_stream_transport> transport,
                                                            std::shared_ptr<boost::asio::ssl::context> context,
                                                            const tls_transport_options& options = {});

    /// Frees the TLS state; closes the wrapped transport abruptly if still open.
    ~async_tls_stream_transport() override;

    /** With `standard_compatible`: sends close_notify and waits for the peer's, at most
        `shutdown_timeout` (then aborts; TLS errors are ignored), then closes the wrapped
        transport. Otherwise closes the wrapped transport at once. Idempotent: a second
        caller waits for the first. Cancelled: closes abruptly, then propagates.
    */
    void aclose() override;
    bool is_closing() const noexcept override;
    std::size_t recv_into(std::span<char> buffer) override;
    void send_all(std::string_view data) override;
    void send_all_from_iterable(std::span<const std::string_view> buffers) override;
    /// @throws easynet::unsupported_operation always.
    void send_eof() override;
    const extra_attribute_map& extra_attributes() const override;

    /// The transport TLS runs over.
    async_stream_transport& wrapped_transport() const noexcept;

private:
    explicit async_tls_stream_transport(std::unique_ptr<detail::tls_engine> engine);

    std::unique_ptr<detail::tls_engine> engine_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
