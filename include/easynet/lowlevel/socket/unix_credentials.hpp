//
// easynet — credentials of a Unix socket peer (EasyNetwork's `UnixCredentials`,
// `get_peer_credentials`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_UNIX_CREDENTIALS_HPP
#define EASYNET_LOWLEVEL_SOCKET_UNIX_CREDENTIALS_HPP

#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <cstdint>
#include <optional>

namespace easynet::lowlevel {

/** A process identity: process id (absent where the platform does not tell it), user id
    and group id.
*/
struct unix_credentials {
    std::optional<std::int64_t> pid;
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;

    friend bool operator==(const unix_credentials&, const unix_credentials&) = default;
};

/** The credentials of the process that connected (or created, for socketpair) the peer
    of the Unix stream socket `fd` (Linux: SO_PEERCRED; SEMANTICS A5).
    @throws boost::system::system_error with the OS error (EBADF, ENOTCONN...), EINVAL when
    the kernel answers a pid of 0 or a uid/gid of 2^32-1 (no peer);
    easynet::unsupported_operation on platforms without a way to ask.
    @par Thread safety
    Safe; the caller must keep `fd` open during the call.
*/
unix_credentials get_peer_credentials(native_socket_handle fd);

} // namespace easynet::lowlevel

#endif
