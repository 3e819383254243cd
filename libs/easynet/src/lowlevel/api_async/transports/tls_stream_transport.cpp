#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

namespace detail {

namespace {

/// Size of each buffer of the BIO pair (network -> OpenSSL, OpenSSL -> network): two
/// full TLS records, so a flush sends up to two records at once.
constexpr std::size_t bio_buffer_size = 34 * 1024;
/// Largest TLS record payload: small buffers of an iterable are gathered up to this.
constexpr std::size_t max_record_payload = 16 * 1024;

[[noreturn]] void throw_errno(int error, const char* function)
{
    throw boost::system::system_error(error, boost::system::system_category(), function);
}

[[noreturn]] void throw_truncated(const char* function)
{
    throw boost::system::system_error(boost::asio::ssl::error::stream_truncated, function);
}

std::string bio_text(BIO* bio)
{
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string name_text(const X509_NAME* name)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return bio_text(bio.get());
}

std::string time_text(const ASN1_TIME* time)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    ASN1_TIME_print(bio.get(), time);
    return bio_text(bio.get());
}

std::string ia5_text(const ASN1_IA5STRING* s)
{
    return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                       static_cast<std::size_t>(ASN1_STRING_length(s)));
}

tls_certificate decode_certificate(X509* cert)
{
    tls_certificate result;
    int der_size = i2d_X509(cert, nullptr);
    if (der_size > 0) {
        result.der.resize(static_cast<std::size_t>(der_size));
        auto* out = reinterpret_cast<unsigned char*>(result.der.data());
        i2d_X509(cert, &out);
    }
    result.subject = name_text(X509_get_subject_name(cert));
    result.issuer = name_text(X509_get_issuer_name(cert));
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)) {
        if (char* hex = BN_bn2hex(bn)) {
            result.serial_number = hex;
            OPENSSL_free(hex);
        }
        BN_free(bn);
    }
    result.not_before = time_text(X509_get0_notBefore(cert));
    result.not_after = time_text(X509_get0_notAfter(cert));
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (names != nullptr) {
        for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
            const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
            switch (name->type) {
            case GEN_DNS:
                result.subject_alt_names.push_back("DNS:" + ia5_text(name->d.dNSName));
                break;
            case GEN_EMAIL:
                result.subject_alt_names.push_back("email:" + ia5_text(name->d.rfc822Name));
                break;
            case GEN_URI:
                result.subject_alt_names.push_back("URI:" + ia5_text(name->d.uniformResourceIdentifier));
                break;
            case GEN_IPADD: {
                const ASN1_OCTET_STRING* ip = name->d.iPAddress;
                char text[INET6_ADDRSTRLEN] = {};
                int length = ASN1_STRING_length(ip);
                int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
                if (family != 0 && ::inet_ntop(family, ASN1_STRING_get0_data(ip), text, sizeof(text)) != nullptr)
                    result.subject_alt_names.push_back(std::string("IP:") + text);
                break;
            }
            default:
                break;
            }
        }
        GENERAL_NAMES_free(names);
    }
    return result;
}

[[noreturn]] void throw_missing(std::string_view name)
{
    throw typed_attribute_lookup_error("Attribute not found: " + std::string(name));
}

bool is_ip_address(const std::string& host)
{
    unsigned char address[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, host.c_str(), address) == 1 || ::inet_pton(AF_INET6, host.c_str(), address) == 1;
}

} // namespace

/** The TLS state of one connection: an SSL object whose BIO pair OpenSSL reads from and
    writes to; the wrapped transport fills and drains the network side of the pair.

    Tasks interleave only at suspension points (the wrapped transport, the locks): the
    send lock keeps the encrypted output in order when a reader (answering a key update)
    and a writer flush at the same time; the receive lock lets one task at a time wait for
    input, the others retry their OpenSSL call once it arrived.
*/
struct tls_engine {
    tls_engine(std::unique_ptr<async_stream_transport> wrapped, ssl::ssl_context_ptr ctx,
               const tls_transport_options& options);
    ~tls_engine();
    tls_engine(const tls_engine&) = delete;
    tls_engine& operator=(const tls_engine&) = delete;

    void handshake();
    std::size_t read(std::span<char> buffer);
    void write(std::string_view data);
    void write_gathered(std::span<const std::string_view> buffers);
    void close();
    /// Closes the wrapped transport abruptly; never throws (a cancellation stays pending).
    void abort() noexcept;
    void make_attributes();

    /// Runs `call` (an OpenSSL I/O call, > 0 on success) until it succeeds or fails, moving
    /// data between the BIO pair and the wrapped transport as OpenSSL asks.
    /// @return SSL_ERROR_NONE, or the SSL_get_error() of the failure.
    template <typename Call>
    int drive(Call&& call, bool flush_on_success);
    /// Sends what OpenSSL wrote to the BIO pair.
    void flush();
    /// Reads from the wrapped transport into the BIO pair, unless another task fed it
    /// since `seen` (then the caller retries its OpenSSL call first).
    void feed(std::uint64_t seen);
    [[noreturn]] void fail(int ssl_error, const char* function);
    [[noreturn]] void throw_aborted(const char* function) const { throw_errno(ECONNABORTED, function); }

    std::unique_ptr<async_stream_transport> transport;
    ssl::ssl_context_ptr context;
    SSL* ssl = nullptr;
    BIO* network = nullptr;
    backend::seconds shutdown_timeout;
    bool standard_compatible;
    std::atomic<bool> closing{false};
    backend::event closed;
    backend::task_lock send_lock = backend::create_fair_lock();
    backend::task_lock recv_lock = backend::create_fair_lock();
    std::uint64_t feed_count = 0;
    bool eof_received = false;
    bool truncated = false;
    std::string gather_buffer;
    extra_attribute_map attributes;
};

tls_engine::tls_engine(std::unique_ptr<async_stream_transport> wrapped, ssl::ssl_context_ptr ctx,
                       const tls_transport_options& options)
    : transport(std::move(wrapped)),
      context(std::move(ctx)),
      shutdown_timeout(options.shutdown_timeout),
      standard_compatible(options.standard_compatible)
{
    ssl = SSL_new(context->native_handle());
    BIO* internal = nullptr;
    if (ssl == nullptr || BIO_new_bio_pair(&internal, bio_buffer_size, &network, bio_buffer_size) != 1) {
        boost::system::error_code ec(static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category());
        if (ssl != nullptr)
            SSL_free(ssl);
        throw boost::system::system_error(ec, "async_tls_stream_transport::wrap: SSL_new");
    }
    SSL_set_bio(ssl, internal, internal);
    SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_set_options(ssl, SSL_OP_NO_RENEGOTIATION);
    SSL_set_read_ahead(ssl, 1);
    if (options.server_side) {
        SSL_set_accept_state(ssl);
    } else {
        SSL_set_connect_state(ssl);
        const std::string& host = options.server_hostname;
        if (!host.empty()) {
            X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            bool ok = false;
            if (is_ip_address(host)) {
                ok = X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
            } else {
                ok = SSL_set_tlsext_host_name(ssl, host.c_str()) == 1 &&
                     X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) == 1;
            }
            if (!ok) {
                ERR_clear_error();
                SSL_free(ssl);
                BIO_free(network);
                throw std::invalid_argument("async_tls_stream_transport::wrap: invalid server_hostname '" + host + "'");
            }
        }
    }
}

tls_engine::~tls_engine()
{
    SSL_free(ssl); // frees the internal BIO
    BIO_free(network);
}

void tls_engine::fail(int ssl_error, const char* function)
{
    unsigned long code = ::ERR_get_error();
    ERR_clear_error();
    if (ssl_error == SSL_ERROR_ZERO_RETURN)
        throw_errno(ECONNRESET, function);
    if ((ssl_error == SSL_ERROR_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) ||
        (ssl_error == SSL_ERROR_SYSCALL && code == 0))
        throw_truncated(function);
    if (code == 0) // no detail queued
        throw boost::system::system_error(EPROTO, boost::system::system_category(),
                                          std::string(function) + " (SSL error " + std::to_string(ssl_error) + ")");
    std::string what = function;
    if (ERR_GET_REASON(code) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        long result = SSL_get_verify_result(ssl);
        if (result != X509_V_OK)
            what += std::string(" (") + X509_verify_cert_error_string(result) + ")";
    }
    throw boost::system::system_error(
        boost::system::error_code(static_cast<int>(code), boost::asio::error::get_ssl_category()), what);
}

template <typename Call>
int tls_engine::drive(Call&& call, bool flush_on_success)
{
    for (;;) {
        const std::uint64_t seen = feed_count;
        ERR_clear_error();
        const int result = call();
        if (result > 0) {
            if (flush_on_success && BIO_ctrl_pending(network) > 0)
                flush();
            return SSL_ERROR_NONE;
        }
        const int error = SSL_get_error(ssl, result);
        if (error == SSL_ERROR_WANT_READ) {
            if (BIO_ctrl_pending(network) > 0)
                flush();
            feed(seen);
        } else if (error == SSL_ERROR_WANT_WRITE) {
            flush();
        } else {
            return error;
        }
    }
}

void tls_engine::flush()
{
    constexpr const char* function = "async_tls_stream_transport: send";
    std::lock_guard lock(send_lock);
    for (;;) {
        char* data = nullptr;
        const int size = BIO_nread0(network, &data);
        if (size <= 0)
            return;
        try {
            transport->send_all(std::string_view(data, static_cast<std::size_t>(size)));
        } catch (const boost::system::system_error&) {
            if (closing.load(std::memory_order_relaxed))
                throw_aborted(function);
            throw;
        }
        BIO_nread(network, &data, size);
    }
}

void tls_engine::feed(std::uint64_t seen)
{
    constexpr const char* function = "async_tls_stream_transport: recv";
    std::lock_guard lock(recv_lock);
    if (feed_count != seen)
        return; // another task received data meanwhile: retry the OpenSSL call first
    if (eof_received)
        throw_truncated(function);
    char* space = nullptr;
    const int size = BIO_nwrite0(network, &space);
    if (size <= 0)
        throw std::logic_error("async_tls_stream_transport: OpenSSL asks for input with its input buffer full");
    std::size_t received = 0;
    try {
        received = transport->recv_into(std::span<char>(space, static_cast<std::size_t>(size)));
    } catch (const boost::system::system_error&) {
        if (closing.load(std::memory_order_relaxed))
            throw_aborted(function);
        throw;
    }
    if (received == 0) {
        eof_received = true;
        BIO_shutdown_wr(network); // OpenSSL then reports a clean or a truncated end
    } else {
        BIO_nwrite(network, &space, static_cast<int>(received));
    }
    ++feed_count;
}

void tls_engine::handshake()
{
    const int error = drive([&] { return SSL_do_handshake(ssl); }, true);
    if (error != SSL_ERROR_NONE)
        fail(error, "async_tls_stream_transport::wrap (TLS handshake)");
}

std::size_t tls_engine::read(std::span<char> buffer)
{
    constexpr const char* function = "async_tls_stream_transport::recv_into";
    if (closing.load(std::memory_order_relaxed))
        throw_aborted(function);
    if (buffer.empty()) {
        backend::detail::require_task(function).checkpoint();
        return 0;
    }
    backend::detail::require_task(function).checkpoint();
    if (truncated) {
        if (!standard_compatible)
            return 0;
        throw_truncated(function);
    }
    std::size_t count = 0;
    int error = SSL_ERROR_NONE;
    try {
        error = drive([&] { return SSL_read_ex(ssl, buffer.data(), buffer.size(), &count); }, true);
    } catch (const boost::system::system_error& e) {
        if (e.code() != boost::asio::ssl::error::stream_truncated)
            throw;
        error = SSL_ERROR_SYSCALL; // the EOF was already reported: same outcome
        ERR_clear_error();
    }
    if (error == SSL_ERROR_NONE)
        return count;
    if (error == SSL_ERROR_ZERO_RETURN) {
        ERR_clear_error();
        return 0;
    }
    const unsigned long code = ERR_peek_error();
    if ((error == SSL_ERROR_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) ||
        (error == SSL_ERROR_SYSCALL && code == 0)) {
        truncated = true; // a bare EOF: not an attack when the peer is not standard compatible
        if (!standard_compatible) {
            ERR_clear_error();
            return 0;
        }
    }
    fail(error, function);
}

void tls_engine::write(std::string_view data)
{
    constexpr const char* function = "async_tls_stream_transport::send_all";
    while (!data.empty()) {
        std::size_t written = 0;
        const int error = drive([&] { return SSL_write_ex(ssl, data.data(), data.size(), &written); }, false);
        if (error != SSL_ERROR_NONE)
            fail(error, function);
        data.remove_prefix(written);
    }
}

void tls_engine::write_gathered(std::span<const std::string_view> buffers)
{
    gather_buffer.clear();
    for (std::string_view b : buffers) {
        if (b.size() >= max_record_payload) {
            if (!gather_buffer.empty()) {
                write(gather_buffer);
                gather_buffer.clear();
            }
            write(b);
            continue;
        }
        if (gather_buffer.size() + b.size() > max_record_payload) {
            write(gather_buffer);
            gather_buffer.clear();
        }
        gather_buffer.append(b);
    }
    if (!gather_buffer.empty())
        write(gather_buffer);
}

void tls_engine::abort() noexcept
{
    closing.store(true, std::memory_order_relaxed);
    try {
        aclose_forcefully(*transport);
    } catch (...) {
        // cancelled: stays pending for the next checkpoint; errors: nothing to do
    }
    closed.set();
}

void tls_engine::close()
{
    if (closing.exchange(true, std::memory_order_relaxed)) {
        closed.wait();
        return;
    }
    struct set_on_exit {
        backend::event& event;
        ~set_on_exit() { event.set(); }
    } done{closed};
    if (standard_compatible && !transport->is_closing()) {
        auto scope = backend::move_on_after(shutdown_timeout);
        try {
            scope.run([&] {
                // Our close_notify...
                ERR_clear_error();
                if (SSL_shutdown(ssl) == 1) {
                    flush();
                    return;
                }
                // ...then the peer's: application data still in flight is discarded; an
                // error or a bare EOF ends the wait as well (errors are ignored here).
                std::array<char, 4096> discard;
                try {
                    for (;;) {
                        std::size_t count = 0;
                        const int error = drive([&] { return SSL_read_ex(ssl, discard.data(), discard.size(), &count); }, true);
                        if (error != SSL_ERROR_NONE)
                            break;
                    }
                } catch (const boost::system::system_error&) {
                }
                ERR_clear_error();
            });
        } catch (...) {
            abort();
            throw;
        }
        if (scope.cancelled_caught()) {
            abort();
            return;
        }
    }
    transport->aclose();
}

void tls_engine::make_attributes()
{
    attributes = transport->extra_attributes();
    attributes.set(tls_attribute::sslcontext, [ctx = context] { return ctx; });
    attributes.set(tls_attribute::standard_compatible, [value = standard_compatible] { return value; });
    SSL* handle = ssl;
    attributes.set(tls_attribute::peercert, [handle] {
        X509* cert = SSL_get0_peer_certificate(handle);
        if (cert == nullptr)
            throw_missing(tls_attribute::peercert.name());
        return decode_certificate(cert);
    });
    attributes.set(tls_attribute::cipher, [handle] {
        const SSL_CIPHER* cipher = SSL_get_current_cipher(handle);
        if (cipher == nullptr)
            throw_missing(tls_attribute::cipher.name());
        return tls_cipher{SSL_CIPHER_get_name(cipher), SSL_CIPHER_get_version(cipher),
                          SSL_CIPHER_get_bits(cipher, nullptr)};
    });
    attributes.set(tls_attribute::compression, [handle] {
        const COMP_METHOD* method = SSL_get_current_compression(handle);
        const char* name = method != nullptr ? SSL_COMP_get_name(method) : nullptr;
        if (name == nullptr)
            throw_missing(tls_attribute::compression.name());
        return std::string(name);
    });
    attributes.set(tls_attribute::tls_version, [handle] { return std::string(SSL_get_version(handle)); });
}

} // namespace detail

std::unique_ptr<async_tls_stream_transport> async_tls_stream_transport::wrap(
    std::unique_ptr<async_stream_transport> transport, std::shared_ptr<boost::asio::ssl::context> context,
    const tls_transport_options& options)
{
    if (transport == nullptr)
        throw std::invalid_argument("async_tls_stream_transport::wrap: null transport");
    if (context == nullptr)
        throw std::invalid_argument("async_tls_stream_transport::wrap: null SSL context");
    auto engine = std::make_unique<detail::tls_engine>(std::move(transport), std::move(context), options);
    try {
        backend::timeout(options.handshake_timeout, [&] { engine->handshake(); });
    } catch (...) {
        engine->abort();
        throw;
    }
    engine->make_attributes();
    return std::unique_ptr<async_tls_stream_transport>(new async_tls_stream_transport(std::move(engine)));
}

async_tls_stream_transport::async_tls_stream_transport(std::unique_ptr<detail::tls_engine> engine)
    : engine_(std::move(engine))
{
}

async_tls_stream_transport::~async_tls_stream_transport() = default;

void async_tls_stream_transport::aclose() { engine_->close(); }

bool async_tls_stream_transport::is_closing() const noexcept
{
    return engine_->closing.load(std::memory_order_relaxed);
}

std::size_t async_tls_stream_transport::recv_into(std::span<char> buffer) { return engine_->read(buffer); }

void async_tls_stream_transport::send_all(std::string_view data)
{
    constexpr const char* function = "async_tls_stream_transport::send_all";
    if (engine_->closing.load(std::memory_order_relaxed))
        engine_->throw_aborted(function);
    backend::detail::require_task(function).checkpoint();
    try {
        engine_->write(data);
        engine_->flush();
    } catch (...) {
        engine_->abort();
        throw;
    }
}

void async_tls_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers)
{
    constexpr const char* function = "async_tls_stream_transport::send_all_from_iterable";
    if (engine_->closing.load(std::memory_order_relaxed))
        engine_->throw_aborted(function);
    backend::detail::require_task(function).checkpoint();
    try {
        engine_->write_gathered(buffers);
        engine_->flush();
    } catch (...) {
        engine_->abort();
        throw;
    }
}

void async_tls_stream_transport::send_eof()
{
    throw unsupported_operation("SSL/TLS API does not support sending EOF.");
}

const extra_attribute_map& async_tls_stream_transport::extra_attributes() const { return engine_->attributes; }

async_stream_transport& async_tls_stream_transport::wrapped_transport() const noexcept { return *engine_->transport; }

} // namespace easynet::lowlevel::api_async::transports
