#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include "socket_common.hpp"

#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

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

socket_stream_transport::~socket_stream_transport() = default;

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

} // namespace easynet::lowlevel::api_async::transports
