#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>

#include "../../api_async/transports/socket_common.hpp"
#include "../../socket/ancillary_io.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::lowlevel::api_sync::transports {

namespace async_detail = api_async::transports::detail;

namespace detail {

/** The descriptor of a sync socket transport. Every system call runs under a lease;
    `close()` releases the descriptor at once when no lease is held, else when the last
    lease ends, so a descriptor is never closed (and reused) under a running call.
*/
class sync_socket {
public:
    sync_socket(native_socket_handle fd, int family)
        : handle(std::make_shared<std::atomic<native_socket_handle>>(fd)), family(family), fd_(fd)
    {
    }
    sync_socket(const sync_socket&) = delete;
    sync_socket& operator=(const sync_socket&) = delete;
    ~sync_socket() { close(); }

    class lease {
    public:
        lease(sync_socket& s, const char* function) : socket_(s), fd_(s.acquire(function)) {}
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { socket_.release(); }
        native_socket_handle fd() const noexcept { return fd_; }

    private:
        sync_socket& socket_;
        native_socket_handle fd_;
    };

    void close() noexcept
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        closed_ = true;
        handle->store(-1);
        if (users_ == 0)
            release_descriptor();
    }

    bool closed() const noexcept { return handle->load() < 0; }

    async_detail::shared_handle handle;
    const int family;

private:
    native_socket_handle acquire(const char* function)
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            async_detail::throw_closed(function);
        ++users_;
        return fd_;
    }

    void release() noexcept
    {
        std::lock_guard lock(mutex_);
        if (--users_ == 0 && closed_)
            release_descriptor();
    }

    void release_descriptor() noexcept
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    std::mutex mutex_;
    int users_ = 0;
    bool closed_ = false;
    native_socket_handle fd_;
};

} // namespace detail

namespace {

int socket_option(native_socket_handle fd, int level, int name)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, level, name, &value, &length) != 0)
        return -1;
    return value;
}

std::unique_ptr<detail::sync_socket> adopt(native_socket_handle fd)
{
    constexpr const char* function = "socket_stream_transport";
    if (fd < 0)
        throw std::invalid_argument(std::string(function) + ": invalid socket handle");
    const int type = socket_option(fd, SOL_SOCKET, SO_TYPE);
    if (type < 0)
        throw std::invalid_argument(std::string(function) + ": not a socket");
    if (type != SOCK_STREAM)
        throw std::invalid_argument(std::string(function) + ": a SOCK_STREAM socket is required");
    const int family = socket_option(fd, SOL_SOCKET, SO_DOMAIN);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        async_detail::throw_errno(errno, "fcntl(O_NONBLOCK)");
    return std::make_unique<detail::sync_socket>(fd, family);
}

bool would_block_errno(int error) noexcept { return error == EAGAIN || error == EWOULDBLOCK; }

void require_unix(const detail::sync_socket& socket)
{
    if (socket.family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
}

/// The iovec array of (at most IOV_MAX of) `buffers`.
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

} // namespace

socket_stream_transport::socket_stream_transport(native_socket_handle fd, seconds retry_interval)
    : selector_stream_transport(retry_interval), socket_(adopt(fd)),
      attributes_(async_detail::make_socket_attributes(socket_->handle, socket_->family, true))
{
}

socket_stream_transport::~socket_stream_transport() = default;

void socket_stream_transport::close() { socket_->close(); }

bool socket_stream_transport::is_closed() const noexcept { return socket_->closed(); }

void socket_stream_transport::send_eof()
{
    constexpr const char* function = "socket_stream_transport::send_eof";
    detail::sync_socket::lease lease(*socket_, function);
    if (::shutdown(lease.fd(), SHUT_WR) != 0 && errno != ENOTCONN)
        async_detail::throw_errno(errno, function);
}

noblock_result<std::size_t> socket_stream_transport::recv_noblock_into(std::span<char> buffer)
{
    constexpr const char* function = "socket_stream_transport::recv_into";
    detail::sync_socket::lease lease(*socket_, function);
    for (;;) {
        const ssize_t n = ::recv(lease.fd(), buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n >= 0)
            return static_cast<std::size_t>(n);
        const int error = errno;
        if (error == EINTR)
            continue;
        if (would_block_errno(error))
            return would_block_on_read(lease.fd());
        async_detail::throw_errno(error, function);
    }
}

noblock_result<recv_ancillary_result>
socket_stream_transport::recv_with_ancillary_noblock_into(std::span<char> buffer, std::size_t ancillary_bufsize)
{
    constexpr const char* function = "socket_stream_transport::recv_with_ancillary_into";
    require_unix(*socket_);
    detail::sync_socket::lease lease(*socket_, function);
    lowlevel::detail::control_buffer control(ancillary_bufsize);
    for (;;) {
        iovec iov{buffer.data(), buffer.size()};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        const ssize_t n = ::recvmsg(lease.fd(), &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n >= 0)
            return recv_ancillary_result{static_cast<std::size_t>(n), lowlevel::detail::decode_control_messages(msg)};
        const int error = errno;
        if (error == EINTR)
            continue;
        if (would_block_errno(error))
            return would_block_on_read(lease.fd());
        async_detail::throw_errno(error, function);
    }
}

noblock_result<std::size_t> socket_stream_transport::send_noblock(std::string_view data)
{
    constexpr const char* function = "socket_stream_transport::send";
    detail::sync_socket::lease lease(*socket_, function);
    for (;;) {
        const ssize_t n = ::send(lease.fd(), data.data(), data.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0)
            return static_cast<std::size_t>(n);
        const int error = errno;
        if (error == EINTR)
            continue;
        if (would_block_errno(error))
            return would_block_on_write(lease.fd());
        async_detail::throw_errno(error, function);
    }
}

noblock_result<std::size_t>
socket_stream_transport::send_noblock_from_iterable(std::span<const std::string_view> buffers)
{
    constexpr const char* function = "socket_stream_transport::send_all_from_iterable";
    std::vector<iovec> iov = make_iovec(buffers);
    if (iov.empty())
        return std::size_t{0};
    detail::sync_socket::lease lease(*socket_, function);
    for (;;) {
        msghdr msg{};
        msg.msg_iov = iov.data();
        msg.msg_iovlen = iov.size();
        const ssize_t n = ::sendmsg(lease.fd(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0)
            return static_cast<std::size_t>(n);
        const int error = errno;
        if (error == EINTR)
            continue;
        if (would_block_errno(error))
            return would_block_on_write(lease.fd());
        async_detail::throw_errno(error, function);
    }
}

noblock_result<std::size_t>
socket_stream_transport::send_with_ancillary_noblock(std::span<const std::string_view> buffers,
                                                     std::span<const raw_ancillary_message> ancillary)
{
    constexpr const char* function = "socket_stream_transport::send_all_with_ancillary";
    require_unix(*socket_);
    std::vector<iovec> iov = make_iovec(buffers);
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    detail::sync_socket::lease lease(*socket_, function);
    for (;;) {
        msghdr msg{};
        msg.msg_iov = iov.data();
        msg.msg_iovlen = iov.size();
        msg.msg_control = control.size() > 0 ? control.data() : nullptr;
        msg.msg_controllen = control.size();
        const ssize_t n = ::sendmsg(lease.fd(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n >= 0)
            return static_cast<std::size_t>(n);
        const int error = errno;
        if (error == EINTR)
            continue;
        if (would_block_errno(error))
            return would_block_on_write(lease.fd());
        async_detail::throw_errno(error, function);
    }
}

} // namespace easynet::lowlevel::api_sync::transports
