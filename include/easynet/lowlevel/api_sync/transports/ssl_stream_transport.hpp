//
// easynet — blocking TLS over a blocking stream transport (EasyNetwork's
// `api_sync.transports.socket.SSLStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SSL_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SSL_STREAM_TRANSPORT_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>
#include <easynet/lowlevel/socket/tls_attributes.hpp>

#include <memory>
#include <string>

namespace easynet::lowlevel::api_sync::transports {

namespace detail {
class ssl_engine;
}

/// Options of `ssl_stream_transport` (as the async `tls_transport_options`).
struct ssl_transport_options {
    /// Longest the handshake (in the constructor) may take: then easynet::timeout_error.
    seconds handshake_timeout{defaults::ssl_handshake_timeout};
    /// Longest `close()` waits for the peer's close_notify.
    seconds shutdown_timeout{defaults::ssl_shutdown_timeout};
    /// Act as the TLS server of the handshake (else the client).
    bool server_side = false;
    /// Client side: SNI and the name (or IP address) the certificate must match; empty:
    /// neither (the chain is still verified when the context verifies peers).
    std::string server_hostname;
    /// True: `close()` exchanges close_notify alerts and a bare EOF from the peer is an
    /// error (`boost::asio::ssl::error::stream_truncated`); false: neither (K3).
    bool standard_compatible = true;
};

/** TLS (OpenSSL) over a blocking `selector_stream_transport` (a `socket_stream_transport`
    usually), itself built on the retry loop: every call takes a timeout, and blocked
    calls poll in slices of at most `retry_interval()` (the wrapped transport's).

    OpenSSL works on a BIO pair that the wrapped transport's non-blocking calls fill and
    drain, as the async `async_tls_stream_transport` does. The handshake runs in the
    constructor (Y6); `close()` sends close_notify and waits for the peer's within
    `shutdown_timeout` when `standard_compatible`, ignoring errors, then closes the wrapped
    transport. `send_eof()` throws easynet::unsupported_operation; writing after the
    peer's close_notify throws ECONNRESET (Y6); after `close()` every call throws EBADF.
    TLS errors are `boost::system::system_error` in `boost::asio::error::get_ssl_category()`.

    Extra attributes: the wrapped transport's plus every `tls_attribute`.

    @par Thread safety
    As `socket_stream_transport`: one thread may receive while another sends, and
    `close()` may come from any thread (a blocked call then fails with EBADF within about
    `retry_interval()`). OpenSSL calls are serialised by an internal mutex, never held
    while waiting.
*/
class ssl_stream_transport final : public selector_stream_transport {
public:
    /** Wraps `transport` (owned from now on) and performs the handshake.
        @param context the TLS context (see <easynet/lowlevel/ssl/ssl_context.hpp>).
        @throws easynet::timeout_error if the handshake takes longer than
        `options.handshake_timeout`; boost::system::system_error for a TLS error
        (certificate verify failed...), an OS error, or a peer that closed
        (`stream_truncated`); std::invalid_argument for a null argument. On failure
        `transport` is closed.
    */
    ssl_stream_transport(std::unique_ptr<selector_stream_transport> transport,
                         std::shared_ptr<boost::asio::ssl::context> context, const ssl_transport_options& options = {});
    ~ssl_stream_transport() override;

    void close() override;
    bool is_closed() const noexcept override;
    /// @throws easynet::unsupported_operation always (TLS has no half-close).
    void send_eof() override;

    noblock_result<std::size_t> recv_noblock_into(std::span<char> buffer) override;
    /// Accepts bytes into TLS records and sends what the socket takes; the rest of the
    /// encrypted bytes go out with the next call (`send_all*` wait for them).
    noblock_result<std::size_t> send_noblock(std::string_view data) override;
    std::size_t send(std::string_view data, seconds timeout) override;
    void send_all(std::string_view data, seconds timeout) override;
    /// Small buffers are gathered into records of up to 16 KiB.
    void send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout) override;
    const extra_attribute_map& extra_attributes() const override;

    /// The transport TLS runs over.
    selector_stream_transport& wrapped_transport() const noexcept;

private:
    /// Sends the encrypted bytes still buffered, within `deadline`.
    void flush(retry_deadline& deadline);

    std::unique_ptr<detail::ssl_engine> engine_;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
