#include "tls_common.hpp"

#include <easynet/exceptions/core.hpp>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cerrno>
#include <memory>
#include <stdexcept>

namespace easynet::lowlevel::ssl::detail {

namespace {

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

bio_pair_ssl::bio_pair_ssl(const ssl_context_ptr& context, bool server_side, const std::string& server_hostname,
                           const char* function)
{
    ssl_ = SSL_new(context->native_handle());
    BIO* internal = nullptr;
    if (ssl_ == nullptr || BIO_new_bio_pair(&internal, bio_buffer_size, &network_, bio_buffer_size) != 1) {
        boost::system::error_code ec(static_cast<int>(::ERR_get_error()), boost::asio::error::get_ssl_category());
        if (ssl_ != nullptr)
            SSL_free(ssl_);
        throw boost::system::system_error(ec, function);
    }
    SSL_set_bio(ssl_, internal, internal);
    SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_set_options(ssl_, SSL_OP_NO_RENEGOTIATION);
    SSL_set_read_ahead(ssl_, 1);
    if (server_side) {
        SSL_set_accept_state(ssl_);
        return;
    }
    SSL_set_connect_state(ssl_);
    if (server_hostname.empty())
        return;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl_);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    bool ok = false;
    if (is_ip_address(server_hostname)) {
        ok = X509_VERIFY_PARAM_set1_ip_asc(param, server_hostname.c_str()) == 1; // no SNI for addresses
    } else {
        ok = SSL_set_tlsext_host_name(ssl_, server_hostname.c_str()) == 1 &&
             X509_VERIFY_PARAM_set1_host(param, server_hostname.c_str(), server_hostname.size()) == 1;
    }
    if (!ok) {
        ERR_clear_error();
        SSL_free(ssl_);
        BIO_free(network_);
        throw std::invalid_argument(std::string(function) + ": invalid server_hostname '" + server_hostname + "'");
    }
}

bio_pair_ssl::~bio_pair_ssl()
{
    SSL_free(ssl_); // frees the internal BIO
    BIO_free(network_);
}

std::span<const char> bio_pair_ssl::output() const noexcept
{
    char* data = nullptr;
    const int size = BIO_nread0(network_, &data);
    return size > 0 ? std::span<const char>(data, static_cast<std::size_t>(size)) : std::span<const char>();
}

void bio_pair_ssl::consume_output(std::size_t count) noexcept
{
    char* data = nullptr;
    BIO_nread(network_, &data, static_cast<int>(count));
}

std::span<char> bio_pair_ssl::input_space() const
{
    char* space = nullptr;
    const int size = BIO_nwrite0(network_, &space);
    if (size <= 0)
        throw std::logic_error("TLS transport: OpenSSL asks for input with its input buffer full");
    return std::span<char>(space, static_cast<std::size_t>(size));
}

void bio_pair_ssl::commit_input(std::size_t count) noexcept
{
    char* space = nullptr;
    BIO_nwrite(network_, &space, static_cast<int>(count));
}

void bio_pair_ssl::input_eof() noexcept { BIO_shutdown_wr(network_); }

void throw_truncated(const char* function)
{
    throw boost::system::system_error(boost::asio::ssl::error::stream_truncated, function);
}

bool is_truncation(int ssl_error) noexcept
{
    const unsigned long code = ERR_peek_error();
    return (ssl_error == SSL_ERROR_SSL && ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING) ||
           (ssl_error == SSL_ERROR_SYSCALL && code == 0);
}

void throw_ssl_error(SSL* ssl, int ssl_error, const char* function)
{
    if (ssl_error == SSL_ERROR_ZERO_RETURN) {
        ERR_clear_error();
        throw boost::system::system_error(ECONNRESET, boost::system::system_category(), function);
    }
    if (is_truncation(ssl_error)) {
        ERR_clear_error();
        throw_truncated(function);
    }
    const unsigned long code = ::ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        throw boost::system::system_error(EPROTO, boost::system::system_category(),
                                          std::string(function) + " (SSL error " + std::to_string(ssl_error) + ")");
    std::string what = function;
    if (ERR_GET_REASON(code) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        const long result = SSL_get_verify_result(ssl);
        if (result != X509_V_OK)
            what += std::string(" (") + X509_verify_cert_error_string(result) + ")";
    }
    throw boost::system::system_error(
        boost::system::error_code(static_cast<int>(code), boost::asio::error::get_ssl_category()), what);
}

extra_attribute_map make_tls_attributes(SSL* ssl, const ssl_context_ptr& context, bool standard_compatible)
{
    extra_attribute_map attributes;
    attributes.set(tls_attribute::sslcontext, [context] { return context; });
    attributes.set(tls_attribute::standard_compatible, [standard_compatible] { return standard_compatible; });
    attributes.set(tls_attribute::peercert, [ssl] {
        X509* cert = SSL_get0_peer_certificate(ssl);
        if (cert == nullptr)
            throw_missing(tls_attribute::peercert.name());
        return decode_certificate(cert);
    });
    attributes.set(tls_attribute::cipher, [ssl] {
        const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl);
        if (cipher == nullptr)
            throw_missing(tls_attribute::cipher.name());
        return tls_cipher{SSL_CIPHER_get_name(cipher), SSL_CIPHER_get_version(cipher),
                          SSL_CIPHER_get_bits(cipher, nullptr)};
    });
    attributes.set(tls_attribute::compression, [ssl] {
        const COMP_METHOD* method = SSL_get_current_compression(ssl);
        const char* name = method != nullptr ? SSL_COMP_get_name(method) : nullptr;
        if (name == nullptr)
            throw_missing(tls_attribute::compression.name());
        return std::string(name);
    });
    attributes.set(tls_attribute::tls_version, [ssl] { return std::string(SSL_get_version(ssl)); });
    return attributes;
}

} // namespace easynet::lowlevel::ssl::detail
