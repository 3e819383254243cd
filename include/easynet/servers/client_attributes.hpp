//
// easynet — typed attributes of server-side clients (EasyNetwork's `INETClientAttribute`,
// `UNIXClientAttribute`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_CLIENT_ATTRIBUTES_HPP
#define EASYNET_SERVERS_CLIENT_ATTRIBUTES_HPP

#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/socket/unix_credentials.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

namespace easynet::servers {

/** Attributes of a TCP client: `socket_attribute::socket`, `local_address`,
    `remote_address` (the peer) of the lowlevel socket attributes.
    @par Example
    @code
    auto peer = client.extra(inet_client_attribute::remote_address);
    @endcode
*/
struct inet_client_attribute {
    static constexpr const auto& socket = lowlevel::socket_attribute::socket;
    static constexpr const auto& local_address = lowlevel::socket_attribute::local_address;
    static constexpr const auto& remote_address = lowlevel::socket_attribute::remote_address;
};

/** Attributes of a Unix stream client: the socket, its local name, the peer's name and
    the peer's credentials (SO_PEERCRED; typed_attribute_lookup_error when unavailable,
    SEMANTICS A5).
*/
struct unix_client_attribute {
    static constexpr const auto& socket = lowlevel::socket_attribute::socket;
    static constexpr const auto& local_name = lowlevel::socket_attribute::local_address;
    static constexpr const auto& peer_name = lowlevel::socket_attribute::remote_address;
    static constexpr lowlevel::typed_attribute<lowlevel::unix_credentials> peer_credentials{"peer_credentials"};
};

} // namespace easynet::servers

#endif
