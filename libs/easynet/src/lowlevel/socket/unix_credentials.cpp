#include <easynet/lowlevel/socket/unix_credentials.hpp>

#include <easynet/exceptions/core.hpp>

#include <boost/system/system_error.hpp>

#include <sys/socket.h>

#include <cerrno>

namespace easynet::lowlevel {

unix_credentials get_peer_credentials(native_socket_handle fd)
{
#ifdef SO_PEERCRED
    ucred c{};
    socklen_t length = sizeof(c);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &length) != 0)
        throw boost::system::system_error(errno, boost::system::system_category(), "getsockopt(SO_PEERCRED)");
    if (c.pid == 0 || c.uid == static_cast<uid_t>(-1) || c.gid == static_cast<gid_t>(-1))
        throw boost::system::system_error(EINVAL, boost::system::system_category(),
                                          "getsockopt(SO_PEERCRED): no peer credentials");
    return {c.pid, c.uid, c.gid};
#else
    (void)fd;
    throw unsupported_operation("get_peer_credentials() is not supported on this platform");
#endif
}

} // namespace easynet::lowlevel
