#include "sync_socket.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace easynet::lowlevel::api_sync::transports::detail {

namespace async_detail = api_async::transports::detail;

namespace {

int socket_option(native_socket_handle fd, int level, int name)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, level, name, &value, &length) != 0)
        return -1;
    return value;
}

} // namespace

std::unique_ptr<sync_socket> sync_socket::adopt(native_socket_handle fd, int socket_type, const char* function)
{
    if (fd < 0)
        throw std::invalid_argument(std::string(function) + ": invalid socket handle");
    const int type = socket_option(fd, SOL_SOCKET, SO_TYPE);
    if (type < 0)
        throw std::invalid_argument(std::string(function) + ": not a socket");
    if (type != socket_type)
        throw std::invalid_argument(std::string(function) + (socket_type == SOCK_STREAM
                                                                 ? ": a SOCK_STREAM socket is required"
                                                                 : ": a SOCK_DGRAM socket is required"));
    const int family = socket_option(fd, SOL_SOCKET, SO_DOMAIN);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        async_detail::throw_errno(errno, "fcntl(O_NONBLOCK)");
    return std::make_unique<sync_socket>(fd, family);
}

void sync_socket::release() noexcept
{
    std::lock_guard lock(mutex_);
    if (--users_ == 0 && closed_)
        release_descriptor();
}

void sync_socket::release_descriptor() noexcept
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

std::vector<iovec> make_iovec(std::span<const std::string_view> buffers)
{
    std::vector<iovec> iov;
    const std::size_t max = async_detail::iov_max();
    iov.reserve(std::min(buffers.size(), max));
    for (auto b : buffers) {
        if (iov.size() == max)
            break;
        if (!b.empty())
            iov.push_back(iovec{const_cast<char*>(b.data()), b.size()});
    }
    return iov;
}

} // namespace easynet::lowlevel::api_sync::transports::detail
