#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include "tls_support.hpp"

#include <boost/test/unit_test.hpp>

#include <openssl/ssl.h>

using tls_test::data_file;
namespace ssl = easynet::lowlevel::ssl;

BOOST_AUTO_TEST_SUITE(ssl_context)

// K4: library-made client contexts verify peers, refuse TLS < 1.2 and do not ignore an
// unexpected EOF (a truncation must be reported).
BOOST_AUTO_TEST_CASE(default_client_context_verifies_peers_and_detects_truncation_K4)
{
    auto context = ssl::create_default_client_context();
    SSL_CTX* handle = context->native_handle();
    BOOST_TEST((SSL_CTX_get_verify_mode(handle) & SSL_VERIFY_PEER) != 0);
    BOOST_TEST(SSL_CTX_get_min_proto_version(handle) == TLS1_2_VERSION);
    BOOST_TEST((SSL_CTX_get_options(handle) & SSL_OP_IGNORE_UNEXPECTED_EOF) == 0u);
    BOOST_TEST((SSL_CTX_get_options(handle) & SSL_OP_NO_COMPRESSION) != 0u);
}

BOOST_AUTO_TEST_CASE(client_context_with_a_cafile_trusts_it)
{
    auto context = ssl::create_default_client_context(data_file("ca.pem"));
    X509_STORE* store = SSL_CTX_get_cert_store(context->native_handle());
    BOOST_TEST(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)) == 1);
}

BOOST_AUTO_TEST_CASE(missing_cafile_throws)
{
    BOOST_CHECK_THROW(ssl::create_default_client_context(data_file("no-such-file.pem")), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(server_context_loads_the_certificate_and_key_K4)
{
    auto context = ssl::create_server_context(data_file("server.pem"), data_file("server.key"));
    SSL_CTX* handle = context->native_handle();
    BOOST_TEST(SSL_CTX_get0_certificate(handle) != nullptr);
    BOOST_TEST(SSL_CTX_get_min_proto_version(handle) == TLS1_2_VERSION);
    BOOST_TEST((SSL_CTX_get_options(handle) & SSL_OP_IGNORE_UNEXPECTED_EOF) == 0u);
    BOOST_TEST((SSL_CTX_get_verify_mode(handle) & SSL_VERIFY_PEER) == 0);
}

BOOST_AUTO_TEST_CASE(server_context_rejects_a_key_of_another_certificate)
{
    BOOST_CHECK_EXCEPTION(ssl::create_server_context(data_file("server.pem"), data_file("ca.key")),
                          boost::system::system_error, [](const boost::system::system_error& e) {
                              return std::string(e.what()).find("private key") != std::string::npos ||
                                     std::string(e.what()).find("key values mismatch") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(server_context_with_missing_files_throws)
{
    BOOST_CHECK_THROW(ssl::create_server_context(data_file("nope.pem"), data_file("server.key")),
                      boost::system::system_error);
    BOOST_CHECK_THROW(ssl::create_server_context(data_file("server.pem"), data_file("nope.key")),
                      boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(load_ca_file_adds_trusted_certificates)
{
    auto context = ssl::create_default_client_context(data_file("ca.pem"));
    ssl::load_ca_file(*context, data_file("untrusted-ca.pem"));
    X509_STORE* store = SSL_CTX_get_cert_store(context->native_handle());
    BOOST_TEST(sk_X509_OBJECT_num(X509_STORE_get0_objects(store)) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
