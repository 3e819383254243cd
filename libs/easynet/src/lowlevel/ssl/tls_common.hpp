//
// easynet — private OpenSSL plumbing shared by the async and sync TLS transports (not
// installed): an SSL object over a BIO pair, error mapping, TLS extra attributes.
//
#ifndef EASYNET_SRC_LOWLEVEL_SSL_TLS_COMMON_HPP
#define EASYNET_SRC_LOWLEVEL_SSL_TLS_COMMON_HPP

#include <easynet/lowlevel/socket/tls_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <openssl/ssl.h>

#include <cstddef>
#include <span>
#include <string>

namespace easynet::lowlevel::ssl::detail {

/// Size of each buffer of the BIO pair (network -> OpenSSL, OpenSSL -> network): two full
/// TLS records, so a flush sends up to two records at once. Fixed: input is never
/// buffered beyond it, whatever the peer sends.
inline constexpr std::size_t bio_buffer_size = 34 * 1024;
/// Largest TLS record payload: small buffers of an iterable are gathered up to this.
inline constexpr std::size_t max_record_payload = 16 * 1024;

/** An SSL object whose I/O goes through a BIO pair: OpenSSL reads and writes its side,
    the owner moves bytes between the network side and a transport, with no copy (the
    transport reads into / writes from the pair's own buffers).
*/
class bio_pair_ssl {
public:
    /** @param server_hostname client side: SNI (unless an IP address) and the name or
        address the certificate must match; empty: neither.
        @throws std::invalid_argument for an unusable host name; boost::system::system_error
        if OpenSSL cannot allocate.
    */
    bio_pair_ssl(const ssl_context_ptr& context, bool server_side, const std::string& server_hostname,
                 const char* function);
    ~bio_pair_ssl();
    bio_pair_ssl(const bio_pair_ssl&) = delete;
    bio_pair_ssl& operator=(const bio_pair_ssl&) = delete;

    SSL* get() const noexcept { return ssl_; }

    /// True when OpenSSL wrote bytes the transport must send.
    bool has_output() const noexcept { return BIO_ctrl_pending(network_) > 0; }
    /// The next contiguous output bytes (empty when none).
    std::span<const char> output() const noexcept;
    /// Marks `count` output bytes as sent.
    void consume_output(std::size_t count) noexcept;
    /// Contiguous free space for input. @throws std::logic_error when full (never when
    /// OpenSSL asks for input: it then consumed everything).
    std::span<char> input_space() const;
    /// Marks `count` bytes of `input_space()` as received.
    void commit_input(std::size_t count) noexcept;
    /// The transport reached its end: OpenSSL then reports a clean or a truncated end.
    void input_eof() noexcept;

private:
    SSL* ssl_ = nullptr;
    BIO* network_ = nullptr;
};

/** Throws the error an OpenSSL call failed with (`ssl_error` = SSL_get_error()):
    SSL category error with the OpenSSL code and the verification failure in the message;
    `boost::asio::ssl::error::stream_truncated` for a bare EOF; ECONNRESET for
    SSL_ERROR_ZERO_RETURN (writing after the peer's close_notify). Clears the error queue.
*/
[[noreturn]] void throw_ssl_error(SSL* ssl, int ssl_error, const char* function);

/// `boost::asio::ssl::error::stream_truncated`.
[[noreturn]] void throw_truncated(const char* function);

/// True when the failure `ssl_error` (error queue untouched) is a bare EOF.
bool is_truncation(int ssl_error) noexcept;

/// The `tls_attribute` getters of the connection `ssl` (which must outlive the map).
extra_attribute_map make_tls_attributes(SSL* ssl, const ssl_context_ptr& context, bool standard_compatible);

} // namespace easynet::lowlevel::ssl::detail

#endif
