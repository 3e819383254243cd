//
// easynet — typed attributes of TLS transports and listeners (EasyNetwork's `TLSAttribute`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_TLS_ATTRIBUTES_HPP
#define EASYNET_LOWLEVEL_SOCKET_TLS_ATTRIBUTES_HPP

#include <easynet/lowlevel/typed_attributes.hpp>

#include <memory>
#include <string>
#include <vector>

namespace boost::asio::ssl {
class context;
}

namespace easynet::lowlevel {

/// The cipher suite a TLS connection negotiated (Python's `SSLSocket.cipher()`).
struct tls_cipher {
    /// OpenSSL name of the suite ("TLS_AES_256_GCM_SHA384").
    std::string name;
    /// The protocol version that introduced it ("TLSv1.3").
    std::string protocol;
    /// Number of secret bits of its key.
    int secret_bits = 0;
};

/// The peer's certificate, decoded (Python's `SSLSocket.getpeercert()`).
struct tls_certificate {
    /// The whole certificate, DER-encoded.
    std::string der;
    /// Subject and issuer names, RFC 2253 ("CN=localhost,O=easynet tests").
    std::string subject;
    std::string issuer;
    /// Serial number, upper-case hexadecimal.
    std::string serial_number;
    /// Validity bounds, as OpenSSL prints them ("Nov 21 18:58:51 2076 GMT").
    std::string not_before;
    std::string not_after;
    /// subjectAltName entries: "DNS:localhost", "IP:127.0.0.1", "IP:::1", "email:...", "URI:...".
    std::vector<std::string> subject_alt_names;
};

/** Attribute tokens of TLS transports (all of them) and TLS listeners (`sslcontext`,
    `standard_compatible`). A value the connection does not have (no peer certificate,
    no compression) raises `typed_attribute_lookup_error`.

    @par Example
    @code
    using easynet::lowlevel::tls_attribute;
    std::string version = transport.extra(tls_attribute::tls_version); // "TLSv1.3"
    auto cert = transport.extra(tls_attribute::peercert);
    @endcode
*/
struct tls_attribute {
    /// The context the connection was made with (`ssl::ssl_context_ptr`).
    static constexpr typed_attribute<std::shared_ptr<boost::asio::ssl::context>> sslcontext{"sslcontext"};
    /// The verified peer certificate; absent when the peer sent none (clients of a
    /// server that does not ask for one).
    static constexpr typed_attribute<tls_certificate> peercert{"peercert"};
    /// The negotiated cipher suite.
    static constexpr typed_attribute<tls_cipher> cipher{"cipher"};
    /// The compression method; absent when none is used (always, with easynet's contexts).
    static constexpr typed_attribute<std::string> compression{"compression"};
    /// The `standard_compatible` option of the transport or listener.
    static constexpr typed_attribute<bool> standard_compatible{"standard_compatible"};
    /// The negotiated protocol version ("TLSv1.2", "TLSv1.3").
    static constexpr typed_attribute<std::string> tls_version{"tls_version"};
};

} // namespace easynet::lowlevel

#endif
