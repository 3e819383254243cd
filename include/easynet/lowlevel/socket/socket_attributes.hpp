//
// easynet — typed attributes of socket-based objects (EasyNetwork's `SocketAttribute`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_SOCKET_ATTRIBUTES_HPP
#define EASYNET_LOWLEVEL_SOCKET_SOCKET_ATTRIBUTES_HPP

#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

namespace easynet::lowlevel {

/** Attribute tokens provided by every socket-based transport, listener and client.

    @par Example
    @code
    using easynet::lowlevel::socket_attribute;
    auto peer = transport.extra(socket_attribute::remote_address);
    int nodelay = transport.extra(socket_attribute::socket).get_option(IPPROTO_TCP, TCP_NODELAY);
    @endcode
*/
struct socket_attribute {
    /// A read-only proxy of the socket.
    static constexpr typed_attribute<socket_proxy> socket{"socket"};
    /// The address family: AF_INET, AF_INET6 or AF_UNIX.
    static constexpr typed_attribute<int> family{"family"};
    /// The socket's own address (getsockname).
    static constexpr typed_attribute<socket_address> local_address{"local_address"};
    /// The connected peer's address (getpeername); absent on listeners and unconnected
    /// datagram sockets.
    static constexpr typed_attribute<socket_address> remote_address{"remote_address"};
};

} // namespace easynet::lowlevel

#endif
