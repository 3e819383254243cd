//
// easynet — TLS contexts: the defaults a client or a server needs (EasyNetwork relies on
// Python's `ssl.create_default_context()` and `SSLContext.load_cert_chain()`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SSL_SSL_CONTEXT_HPP
#define EASYNET_LOWLEVEL_SSL_SSL_CONTEXT_HPP

#include <boost/asio/ssl/context.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace easynet::lowlevel::ssl {

/** The TLS context type of every easynet TLS object (transports, listeners, servers,
    clients, async and sync): one Asio context, shared by all the connections made with
    it. Configure it before the first connection uses it; after that, OpenSSL allows
    reading it from several threads, not changing it.
*/
using ssl_context_ptr = std::shared_ptr<boost::asio::ssl::context>;

/** A client context that verifies servers (Python's `ssl.create_default_context()`).

    TLS 1.2 or later, no compression, no renegotiation, peer verification required;
    trusts `cafile` when given (PEM, one or more CA certificates), else the system trust
    store (`SSL_CTX_set_default_verify_paths`). SSL_OP_IGNORE_UNEXPECTED_EOF is cleared, so
    a peer that closes without close_notify is reported as a truncated stream (K3, K4).
    Host names are checked by the transport (`tls_transport_options::server_hostname`).
    @throws boost::system::system_error if `cafile` cannot be loaded.
*/
ssl_context_ptr create_default_client_context(const std::filesystem::path& cafile = {});

/** A server context presenting the certificate chain `certificate_chain` (PEM: the
    server certificate first, then its intermediates) with the private key `private_key`
    (PEM, decrypted with `password` when it is encrypted).

    TLS 1.2 or later, no compression, no renegotiation, clients are not asked for a
    certificate (call `set_verify_mode` and `load_ca_file` to require one);
    SSL_OP_IGNORE_UNEXPECTED_EOF is cleared (K4).
    @throws boost::system::system_error if a file cannot be read, or if the key does not
    match the certificate.
*/
ssl_context_ptr create_server_context(const std::filesystem::path& certificate_chain,
                                      const std::filesystem::path& private_key, const std::string& password = {});

/** Adds the CA certificates of the PEM file `cafile` to the certificates `context`
    trusts (to verify servers, or clients with verify_peer on a server context).
    @throws boost::system::system_error if the file cannot be loaded.
*/
void load_ca_file(boost::asio::ssl::context& context, const std::filesystem::path& cafile);

} // namespace easynet::lowlevel::ssl

#endif
