#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <boost/system/system_error.hpp>

#include <sys/socket.h>

#include <cerrno>

namespace easynet::lowlevel {

namespace {

[[noreturn]] void throw_errno(int error, const char* what)
{
    throw boost::system::system_error(error, boost::system::system_category(), what);
}

} // namespace

native_socket_handle socket_proxy::fileno() const noexcept
{
    return handle_ ? handle_->load(std::memory_order_acquire) : -1;
}

native_socket_handle socket_proxy::checked() const
{
    const native_socket_handle fd = fileno();
    if (fd < 0)
        throw_errno(EBADF, "socket_proxy");
    return fd;
}

int socket_proxy::get_option(int level, int name) const
{
    int value = 0;
    std::size_t length = sizeof(value);
    get_option(level, name, &value, &length);
    return value;
}

void socket_proxy::get_option(int level, int name, void* value, std::size_t* length) const
{
    socklen_t len = static_cast<socklen_t>(*length);
    if (::getsockopt(checked(), level, name, value, &len) != 0)
        throw_errno(errno, "getsockopt");
    *length = len;
}

void socket_proxy::set_option(int level, int name, int value) const { set_option(level, name, &value, sizeof(value)); }

void socket_proxy::set_option(int level, int name, const void* value, std::size_t length) const
{
    if (::setsockopt(checked(), level, name, value, static_cast<socklen_t>(length)) != 0)
        throw_errno(errno, "setsockopt");
}

int socket_proxy::family() const
{
#ifdef SO_DOMAIN
    return get_option(SOL_SOCKET, SO_DOMAIN);
#else
    return local_address().family();
#endif
}

int socket_proxy::type() const { return get_option(SOL_SOCKET, SO_TYPE); }

int socket_proxy::protocol() const
{
#ifdef SO_PROTOCOL
    return get_option(SOL_SOCKET, SO_PROTOCOL);
#else
    return 0;
#endif
}

socket_address socket_proxy::local_address() const
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(checked(), reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        throw_errno(errno, "getsockname");
    return socket_address::from_native(&storage, length);
}

socket_address socket_proxy::remote_address() const
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getpeername(checked(), reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        throw_errno(errno, "getpeername");
    return socket_address::from_native(&storage, length);
}

} // namespace easynet::lowlevel
