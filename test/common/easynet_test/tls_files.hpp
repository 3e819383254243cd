// The test certificates of test/data/tls and the TLS contexts made from them.
#ifndef EASYNET_TEST_TLS_FILES_HPP
#define EASYNET_TEST_TLS_FILES_HPP

#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <string>

namespace easynet_test {

/// Path of a file of test/data/tls.
inline std::string tls_data_file(const std::string& name)
{
    return std::string(EASYNET_TEST_DATA_DIR) + "/tls/" + name;
}

/// Server context with the "localhost" (and 127.0.0.1) certificate signed by the test CA.
inline easynet::lowlevel::ssl::ssl_context_ptr tls_server_context()
{
    return easynet::lowlevel::ssl::create_server_context(tls_data_file("server.pem"), tls_data_file("server.key"));
}

/// Verifying client context trusting only `ca` (the test CA by default).
inline easynet::lowlevel::ssl::ssl_context_ptr tls_client_context(const std::string& ca = "ca.pem")
{
    return easynet::lowlevel::ssl::create_default_client_context(tls_data_file(ca));
}

} // namespace easynet_test

#endif
