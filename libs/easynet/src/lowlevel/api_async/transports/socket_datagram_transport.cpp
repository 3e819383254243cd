#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>

#include "socket_common.hpp"

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

namespace easynet::lowlevel::api_async::transports {

namespace bd = backend::detail;

socket_datagram_transport::socket_datagram_transport(native_socket_handle handle)
    : socket_datagram_transport(std::make_unique<detail::datagram_socket_state>(
          detail::adopt_datagram_socket(handle, "socket_datagram_transport")))
{
}

socket_datagram_transport::socket_datagram_transport(std::unique_ptr<detail::datagram_socket_state> state)
    : state_(std::move(state)), attributes_(detail::make_socket_attributes(state_->handle, state_->family, true))
{
}

socket_datagram_transport::~socket_datagram_transport() = default;

bool socket_datagram_transport::is_closing() const noexcept { return state_->closed(); }

void socket_datagram_transport::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield();
}

std::string socket_datagram_transport::recv()
{
    constexpr const char* function = "socket_datagram_transport::recv";
    if (state_->closed())
        detail::throw_closed(function);
    if (receiving_)
        throw busy_resource_error("another task is currently receiving data on this transport");
    receiving_ = true;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } guard{receiving_};
    if (!buffer_)
        buffer_ = std::make_unique<char[]>(defaults::max_datagram_bufsize);
    boost::system::error_code ec;
    std::size_t n = bd::await_operation(function, ec, [&](auto token) {
        return state_->socket.async_receive(boost::asio::buffer(buffer_.get(), defaults::max_datagram_bufsize),
                                            token);
    });
    if (ec) {
        if (state_->closed())
            detail::throw_closed(function);
        detail::throw_error(ec, function);
    }
    return std::string(buffer_.get(), n);
}

void socket_datagram_transport::send(std::string_view data)
{
    constexpr const char* function = "socket_datagram_transport::send";
    if (state_->closed())
        detail::throw_closed(function);
    detail::send_datagram(
        function, state_->socket.native_handle(), data, nullptr, 0,
        [&](boost::system::error_code& ec) {
            bd::await_operation(function, ec, [&](auto token) {
                return state_->socket.async_wait(boost::asio::socket_base::wait_write, token);
            });
        },
        [&] { return state_->closed(); });
}

} // namespace easynet::lowlevel::api_async::transports
