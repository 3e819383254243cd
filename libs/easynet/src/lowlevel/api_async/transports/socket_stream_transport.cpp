#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include "socket_common.hpp"
#include "../../socket/ancillary_io.hpp"

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

#include <cerrno>
#include <stdexcept>
#include <vector>

namespace easynet::lowlevel::api_async::transports {

namespace bd = backend::detail;

socket_stream_transport::socket_stream_transport(native_socket_handle handle)
    : socket_stream_transport(std::make_unique<detail::stream_socket_state>(
          detail::adopt_stream_socket(handle, "socket_stream_transport")))
{
}

socket_stream_transport::socket_stream_transport(std::unique_ptr<detail::stream_socket_state> state)
    : state_(std::move(state)), attributes_(detail::make_socket_attributes(state_->handle, state_->family, true))
{
}

socket_stream_transport::~socket_stream_transport()
{
    if (!state_->closed())
        easynet::detail::report_unclosed("socket_stream_transport", state_->socket.native_handle());
}

bool socket_stream_transport::is_closing() const noexcept { return state_->closed(); }

void socket_stream_transport::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield(); // a checkpoint, as every suspending call
}

std::size_t socket_stream_transport::recv_into(std::span<char> buffer)
{
    constexpr const char* function = "socket_stream_transport::recv_into";
    if (state_->closed())
        detail::throw_closed(function);
    if (buffer.empty()) {
        bd::require_task(function).checkpoint();
        return 0;
    }
    boost::system::error_code ec;
    std::size_t n = bd::await_operation(function, ec, [&](auto token) {
        return state_->socket.async_read_some(boost::asio::buffer(buffer.data(), buffer.size()), token);
    });
    if (ec) {
        if (ec == boost::asio::error::eof)
            return 0;
        if (state_->closed())
            detail::throw_closed(function);
        detail::throw_error(ec, function);
    }
    return n;
}

void socket_stream_transport::send_all(std::string_view data)
{
    constexpr const char* function = "socket_stream_transport::send_all";
    if (state_->closed())
        detail::throw_closed(function);
    iovec iov{const_cast<char*>(data.data()), data.size()};
    detail::sendmsg_all(
        function, state_->socket.native_handle(), &iov, 1,
        [&](boost::system::error_code& ec) {
            bd::await_operation(function, ec, [&](auto token) {
                return state_->socket.async_wait(boost::asio::socket_base::wait_write, token);
            });
        },
        [&] { return state_->closed(); });
}

void socket_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers)
{
    constexpr const char* function = "socket_stream_transport::send_all_from_iterable";
    if (state_->closed())
        detail::throw_closed(function);
    std::vector<iovec> iov;
    iov.reserve(buffers.size());
    for (auto b : buffers) {
        if (!b.empty())
            iov.push_back(iovec{const_cast<char*>(b.data()), b.size()});
    }
    detail::sendmsg_all(
        function, state_->socket.native_handle(), iov.data(), iov.size(),
        [&](boost::system::error_code& ec) {
            bd::await_operation(function, ec, [&](auto token) {
                return state_->socket.async_wait(boost::asio::socket_base::wait_write, token);
            });
        },
        [&] { return state_->closed(); });
}

void socket_stream_transport::send_eof()
{
    constexpr const char* function = "socket_stream_transport::send_eof";
    if (state_->closed())
        detail::throw_closed(function);
    boost::system::error_code ec;
    state_->socket.shutdown(boost::asio::socket_base::shutdown_send, ec);
    if (ec && ec != boost::asio::error::not_connected)
        detail::throw_error(ec, function);
}

recv_ancillary_result socket_stream_transport::recv_with_ancillary_into(std::span<char> buffer,
                                                                        std::size_t ancillary_bufsize)
{
    constexpr const char* function = "socket_stream_transport::recv_with_ancillary_into";
    if (state_->family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
    if (ancillary_bufsize == 0)
        throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
    if (state_->closed())
        detail::throw_closed(function);
    bd::require_task(function).checkpoint();
    lowlevel::detail::control_buffer control(ancillary_bufsize);
    for (;;) {
        if (state_->closed())
            detail::throw_closed(function);
        iovec iov{buffer.data(), buffer.size()};
        msghdr msg{};
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        const ssize_t n = ::recvmsg(state_->socket.native_handle(), &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n >= 0)
            return {static_cast<std::size_t>(n), lowlevel::detail::decode_control_messages(msg)};
        detail::await_retry(*state_, errno, boost::asio::socket_base::wait_read, function);
    }
}

void socket_stream_transport::send_all_with_ancillary(std::span<const std::string_view> buffers,
                                                      std::span<const raw_ancillary_message> ancillary)
{
    constexpr const char* function = "socket_stream_transport::send_all_with_ancillary";
    if (state_->family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
    if (state_->closed())
        detail::throw_closed(function);
    bd::require_task(function).checkpoint();
    std::vector<iovec> iov;
    std::size_t total = 0;
    for (auto b : buffers) {
        if (!b.empty())
            iov.push_back(iovec{const_cast<char*>(b.data()), b.size()});
        total += b.size();
    }
    if (iov.size() > detail::iov_max())
        iov.resize(detail::iov_max());
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    for (;;) {
        if (state_->closed())
            detail::throw_closed(function);
        msghdr msg{};
        msg.msg_iov = iov.data();
        msg.msg_iovlen = iov.size();
        msg.msg_control = control.size() > 0 ? control.data() : nullptr;
        msg.msg_controllen = control.size();
        const ssize_t sent = ::sendmsg(state_->socket.native_handle(), &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent >= 0) {
            if (static_cast<std::size_t>(sent) < total)
                detail::throw_errno(EMSGSIZE, std::string(function) + ": the data did not fit in one sendmsg() call");
            return;
        }
        detail::await_retry(*state_, errno, boost::asio::socket_base::wait_write, function);
    }
}

} // namespace easynet::lowlevel::api_async::transports
