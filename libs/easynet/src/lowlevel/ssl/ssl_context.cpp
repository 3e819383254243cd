#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <openssl/ssl.h>

namespace easynet::lowlevel::ssl {

namespace asio_ssl = boost::asio::ssl;

namespace {

/// What clients and servers share: TLS >= 1.2, no compression nor renegotiation, and
/// truncation attacks detected (unexpected EOF is an error).
ssl_context_ptr make_context(asio_ssl::context::method method)
{
    auto context = std::make_shared<asio_ssl::context>(method);
    SSL_CTX* handle = context->native_handle();
    SSL_CTX_set_min_proto_version(handle, TLS1_2_VERSION);
    SSL_CTX_set_options(handle, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
#ifdef SSL_OP_IGNORE_UNEXPECTED_EOF
    SSL_CTX_clear_options(handle, SSL_OP_IGNORE_UNEXPECTED_EOF);
#endif
    return context;
}

} // namespace

ssl_context_ptr create_default_client_context(const std::filesystem::path& cafile)
{
    auto context = make_context(asio_ssl::context::tls_client);
    context->set_verify_mode(asio_ssl::verify_peer);
    if (cafile.empty())
        context->set_default_verify_paths();
    else
        load_ca_file(*context, cafile);
    return context;
}

ssl_context_ptr create_server_context(const std::filesystem::path& certificate_chain,
                                      const std::filesystem::path& private_key, const std::string& password)
{
    auto context = make_context(asio_ssl::context::tls_server);
    if (!password.empty())
        context->set_password_callback([password](std::size_t, asio_ssl::context::password_purpose) { return password; });
    context->use_certificate_chain_file(certificate_chain.string());
    context->use_private_key_file(private_key.string(), asio_ssl::context::pem);
    if (SSL_CTX_check_private_key(context->native_handle()) != 1)
        throw boost::system::system_error(boost::system::error_code(static_cast<int>(::ERR_get_error()),
                                                                    boost::asio::error::get_ssl_category()),
                                          "create_server_context: the private key does not match the certificate");
    return context;
}

void load_ca_file(asio_ssl::context& context, const std::filesystem::path& cafile)
{
    context.load_verify_file(cafile.string());
}

} // namespace easynet::lowlevel::ssl
