#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>

#include <easynet/detail/unclosed_resource.hpp>

#include "sync_socket.hpp"
#include "../../socket/ancillary_io.hpp"

#include <sys/socket.h>

#include <vector>

namespace easynet::lowlevel::api_sync::transports {

namespace async_detail = api_async::transports::detail;

socket_stream_transport::socket_stream_transport(native_socket_handle fd, seconds retry_interval)
    : selector_stream_transport(retry_interval),
      socket_(detail::sync_socket::adopt(fd, SOCK_STREAM, "socket_stream_transport")),
      attributes_(async_detail::make_socket_attributes(socket_->handle, socket_->family, true))
{
}

socket_stream_transport::~socket_stream_transport()
{
    if (!socket_->closed())
        easynet::detail::report_unclosed("socket_stream_transport", socket_->handle->load());
}

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
    return detail::noblock_syscall(*socket_, "socket_stream_transport::recv_into", wait_event::read, [&](int fd) {
        return ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    });
}

noblock_result<recv_ancillary_result>
socket_stream_transport::recv_with_ancillary_noblock_into(std::span<char> buffer, std::size_t ancillary_bufsize)
{
    socket_->require_unix();
    lowlevel::detail::control_buffer control(ancillary_bufsize);
    recv_ancillary_result result;
    int flags = 0;
    auto n = detail::noblock_syscall(*socket_, "socket_stream_transport::recv_with_ancillary_into", wait_event::read,
                                     [&](int fd) {
                                         return lowlevel::detail::recvmsg_noblock(fd, buffer, &control, flags,
                                                                                  &result.messages);
                                     });
    if (n.index() != 0)
        return std::get<would_block>(n);
    result.size = std::get<0>(n);
    return result;
}

noblock_result<std::size_t> socket_stream_transport::send_noblock(std::string_view data)
{
    return detail::noblock_syscall(*socket_, "socket_stream_transport::send", wait_event::write, [&](int fd) {
        return ::send(fd, data.data(), data.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    });
}

noblock_result<std::size_t>
socket_stream_transport::send_noblock_from_iterable(std::span<const std::string_view> buffers)
{
    std::vector<iovec> iov = detail::make_iovec(buffers);
    if (iov.empty())
        return std::size_t{0};
    lowlevel::detail::control_buffer no_control(0);
    return detail::noblock_syscall(*socket_, "socket_stream_transport::send_all_from_iterable", wait_event::write,
                                   [&](int fd) { return lowlevel::detail::sendmsg_noblock(fd, iov, no_control); });
}

noblock_result<std::size_t>
socket_stream_transport::send_with_ancillary_noblock(std::span<const std::string_view> buffers,
                                                     std::span<const raw_ancillary_message> ancillary)
{
    socket_->require_unix();
    std::vector<iovec> iov = detail::make_iovec(buffers);
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    return detail::noblock_syscall(*socket_, "socket_stream_transport::send_all_with_ancillary", wait_event::write,
                                   [&](int fd) { return lowlevel::detail::sendmsg_noblock(fd, iov, control); });
}

} // namespace easynet::lowlevel::api_sync::transports
