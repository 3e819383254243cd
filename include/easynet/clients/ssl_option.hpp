//
// easynet — how a TCP client asks for TLS (EasyNetwork's `ssl=` argument: a context or True).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_SSL_OPTION_HPP
#define EASYNET_CLIENTS_SSL_OPTION_HPP

#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <variant>

namespace easynet::clients {

/// Asks for TLS with `lowlevel::ssl::create_default_client_context()` (Python `ssl=True`).
struct use_default_ssl_context_t {
    explicit constexpr use_default_ssl_context_t() = default;
};
/// See `use_default_ssl_context_t`.
inline constexpr use_default_ssl_context_t use_default_ssl_context{};

/** No TLS (the default), TLS with the default verifying client context, or TLS with the
    given context (shared, never modified).
    @code
    clients::async_tcp_network_client<std::string> c("example.com", 443, protocol,
        {.ssl = clients::use_default_ssl_context});
    @endcode
*/
using ssl_option = std::variant<std::monostate, use_default_ssl_context_t, lowlevel::ssl::ssl_context_ptr>;

} // namespace easynet::clients

#endif
