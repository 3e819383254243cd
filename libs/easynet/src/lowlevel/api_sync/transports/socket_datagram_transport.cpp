#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>

#include <easynet/detail/unclosed_resource.hpp>

#include "sync_socket.hpp"
#include "../../socket/ancillary_io.hpp"

#include <sys/socket.h>

#include <stdexcept>
#include <string>

namespace easynet::lowlevel::api_sync::transports {

namespace async_detail = api_async::transports::detail;

namespace {

std::size_t checked_size(std::size_t max_datagram_size)
{
    if (max_datagram_size == 0)
        throw std::invalid_argument("max_datagram_size must be a strictly positive integer");
    return max_datagram_size;
}

[[noreturn]] void throw_truncated(const char* function, std::size_t max_datagram_size)
{
    async_detail::throw_errno(EMSGSIZE, std::string(function) + ": received a datagram longer than " +
                                            std::to_string(max_datagram_size) + " bytes (dropped)");
}

} // namespace

socket_datagram_transport::socket_datagram_transport(native_socket_handle fd, seconds retry_interval,
                                                     std::size_t max_datagram_size)
    : selector_datagram_transport(retry_interval),
      max_datagram_size_(checked_size(max_datagram_size)),
      socket_(detail::sync_socket::adopt(fd, SOCK_DGRAM, "socket_datagram_transport")),
      buffer_(std::make_unique<char[]>(max_datagram_size_)),
      attributes_(async_detail::make_socket_attributes(socket_->handle, socket_->family, true))
{
}

socket_datagram_transport::~socket_datagram_transport()
{
    if (!socket_->closed())
        easynet::detail::report_unclosed("socket_datagram_transport", socket_->handle->load());
}

void socket_datagram_transport::close() { socket_->close(); }

bool socket_datagram_transport::is_closed() const noexcept { return socket_->closed(); }

noblock_result<std::string> socket_datagram_transport::recv_noblock()
{
    constexpr const char* function = "socket_datagram_transport::recv";
    std::lock_guard lock(receive_mutex_);
    const std::span<char> buffer(buffer_.get(), max_datagram_size_);
    int flags = 0;
    auto n = detail::noblock_syscall(*socket_, function, wait_event::read, [&](int fd) {
        return lowlevel::detail::recvmsg_noblock(fd, buffer, nullptr, flags, nullptr);
    });
    if (n.index() != 0)
        return std::get<would_block>(n);
    if ((flags & MSG_TRUNC) != 0)
        throw_truncated(function, max_datagram_size_);
    return std::string(buffer.data(), std::get<0>(n));
}

noblock_result<std::size_t> socket_datagram_transport::send_noblock(std::string_view data)
{
    return detail::noblock_syscall(*socket_, "socket_datagram_transport::send", wait_event::write, [&](int fd) {
        return ::send(fd, data.data(), data.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    });
}

noblock_result<recv_datagram_ancillary_result>
socket_datagram_transport::recv_with_ancillary_noblock(std::size_t ancillary_bufsize)
{
    constexpr const char* function = "socket_datagram_transport::recv_with_ancillary";
    socket_->require_unix();
    std::lock_guard lock(receive_mutex_);
    const std::span<char> buffer(buffer_.get(), max_datagram_size_);
    lowlevel::detail::control_buffer control(ancillary_bufsize);
    recv_datagram_ancillary_result result;
    int flags = 0;
    auto n = detail::noblock_syscall(*socket_, function, wait_event::read, [&](int fd) {
        return lowlevel::detail::recvmsg_noblock(fd, buffer, &control, flags, &result.messages);
    });
    if (n.index() != 0)
        return std::get<would_block>(n);
    if ((flags & MSG_TRUNC) != 0) {
        lowlevel::detail::close_received_fds(result.messages);
        throw_truncated(function, max_datagram_size_);
    }
    result.data.assign(buffer.data(), std::get<0>(n));
    return result;
}

noblock_result<std::size_t>
socket_datagram_transport::send_with_ancillary_noblock(std::string_view data,
                                                       std::span<const raw_ancillary_message> ancillary)
{
    socket_->require_unix();
    const iovec iov{const_cast<char*>(data.data()), data.size()};
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    return detail::noblock_syscall(
        *socket_, "socket_datagram_transport::send_with_ancillary", wait_event::write,
        [&](int fd) { return lowlevel::detail::sendmsg_noblock(fd, std::span<const iovec>(&iov, 1), control); });
}

} // namespace easynet::lowlevel::api_sync::transports
