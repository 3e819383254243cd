#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>

#include "socket_common.hpp"
#include "../../socket/ancillary_io.hpp"

#include <easynet/defaults.hpp>
#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

namespace bd = backend::detail;

socket_datagram_listener::socket_datagram_listener(std::unique_ptr<detail::datagram_socket_state> state)
    : state_(std::move(state)), attributes_(detail::make_socket_attributes(state_->handle, state_->family, false))
{
}

socket_datagram_listener::~socket_datagram_listener()
{
    if (!state_->closed())
        easynet::detail::report_unclosed("socket_datagram_listener", state_->socket.native_handle());
}

bool socket_datagram_listener::is_closing() const noexcept { return state_->closed(); }

void socket_datagram_listener::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield();
}

/// Marks the listener as receiving (one receiver at a time) for its lifetime.
class socket_datagram_listener::receiving {
public:
    receiving(socket_datagram_listener& self, const char* function) : flag_(self.serving_)
    {
        bd::require_task(function);
        if (self.state_->closed())
            detail::throw_closed(function);
        if (flag_)
            throw busy_resource_error("another task is currently receiving datagrams on this listener");
        flag_ = true;
    }
    receiving(const receiving&) = delete;
    receiving& operator=(const receiving&) = delete;
    ~receiving() { flag_ = false; }

private:
    bool& flag_;
};

namespace {

void check_ancillary_support(const detail::datagram_socket_state& state, std::size_t ancillary_bufsize)
{
    if (state.family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
    if (ancillary_bufsize == 0)
        throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
}

} // namespace

socket_datagram_listener::received_datagram socket_datagram_listener::receive(const char* function,
                                                                            std::size_t ancillary_bufsize)
{
    if (!buffer_)
        buffer_ = std::make_unique<char[]>(defaults::max_datagram_bufsize);
    std::optional<lowlevel::detail::control_buffer> control;
    if (ancillary_bufsize > 0)
        control.emplace(ancillary_bufsize);
    state_->receive_checkpoint(function);
    for (;;) {
        if (state_->closed())
            detail::throw_closed(function);
        sockaddr_storage sender{};
        socklen_t sender_length = 0;
        int flags = 0;
        received_datagram datagram{};
        const ssize_t n = lowlevel::detail::recvmsg_noblock(
            state_->socket.native_handle(), std::span<char>(buffer_.get(), defaults::max_datagram_bufsize),
            control ? &*control : nullptr, flags, control ? &datagram.ancillary : nullptr, &sender, &sender_length);
        if (n >= 0) {
            datagram.address = socket_address::from_native(&sender, sender_length);
            if ((flags & MSG_TRUNC) != 0) { // only Unix datagrams can be this long
                lowlevel::detail::close_received_fds(datagram.ancillary);
                detail::socket_logger().warning("A datagram longer than " +
                                                std::to_string(defaults::max_datagram_bufsize) + " bytes from " +
                                                datagram.address.to_string() + " has been dropped.");
                continue;
            }
            datagram.data.assign(buffer_.get(), static_cast<std::size_t>(n));
            return datagram;
        }
        const int error = errno;
        if (error == EINTR)
            continue;
        boost::system::error_code ec(error, boost::system::system_category());
        if (error == EAGAIN || error == EWOULDBLOCK) {
            state_->receive_waited();
            ec.clear();
            bd::await_operation(function, ec, [&](auto token) {
                return state_->socket.async_wait(boost::asio::socket_base::wait_read, token);
            });
            if (!ec)
                continue;
        }
        if (state_->closed())
            detail::throw_closed(function);
        if (ec == boost::asio::error::bad_descriptor || ec == boost::asio::error::not_socket)
            detail::throw_error(ec, function);
        detail::socket_logger().warning("Unrelated error occurred on datagram reception: " +
                                        detail::errno_name(ec.value()) + ": " + ec.message());
    }
}

void socket_datagram_listener::serve(handler_type handler, backend::task_group& task_group)
{
    constexpr const char* function = "socket_datagram_listener::serve";
    receiving guard(*this, function);
    for (;;) {
        auto datagram = receive(function, 0);
        task_group.start_soon([handler, datagram = std::move(datagram)]() mutable {
            handler(std::move(datagram.data), std::move(datagram.address));
        });
    }
}

void socket_datagram_listener::serve_with_ancillary(ancillary_handler_type handler, std::size_t ancillary_bufsize,
                                                    backend::task_group& task_group)
{
    constexpr const char* function = "socket_datagram_listener::serve_with_ancillary";
    check_ancillary_support(*state_, ancillary_bufsize);
    receiving guard(*this, function);
    for (;;) {
        auto datagram = receive(function, ancillary_bufsize);
        task_group.start_soon([handler, datagram = std::move(datagram)]() mutable {
            handler(std::move(datagram.data), std::move(datagram.ancillary), std::move(datagram.address));
        });
    }
}

socket_datagram_listener::received_datagram socket_datagram_listener::recv_from()
{
    constexpr const char* function = "socket_datagram_listener::recv_from";
    receiving guard(*this, function);
    return receive(function, 0);
}

socket_datagram_listener::received_datagram socket_datagram_listener::recv_with_ancillary_from(
    std::size_t ancillary_bufsize)
{
    constexpr const char* function = "socket_datagram_listener::recv_with_ancillary_from";
    check_ancillary_support(*state_, ancillary_bufsize);
    receiving guard(*this, function);
    return receive(function, ancillary_bufsize);
}

void socket_datagram_listener::send_to(std::string_view data, const socket_address& address)
{
    constexpr const char* function = "socket_datagram_listener::send_to";
    if (state_->closed())
        detail::throw_closed(function);
    sockaddr_storage storage{};
    const std::size_t length = address.to_native(&storage, sizeof(storage));
    detail::send_datagram(
        function, state_->socket.native_handle(), data, &storage, length,
        [&](boost::system::error_code& ec) {
            bd::await_operation(function, ec, [&](auto token) {
                return state_->socket.async_wait(boost::asio::socket_base::wait_write, token);
            });
        },
        [&] { return state_->closed(); });
}

} // namespace easynet::lowlevel::api_async::transports

namespace easynet::lowlevel::api_async::transports {

void socket_datagram_listener::send_with_ancillary_to(std::string_view data,
                                                      std::span<const raw_ancillary_message> ancillary,
                                                      const socket_address& address)
{
    constexpr const char* function = "socket_datagram_listener::send_with_ancillary_to";
    if (state_->family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
    if (state_->closed())
        detail::throw_closed(function);
    bd::require_task(function).checkpoint();
    sockaddr_storage storage{};
    const std::size_t length = address.to_native(&storage, sizeof(storage));
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    for (;;) {
        if (state_->closed())
            detail::throw_closed(function);
        iovec iov{const_cast<char*>(data.data()), data.size()};
        if (lowlevel::detail::sendmsg_noblock(state_->socket.native_handle(), std::span<const iovec>(&iov, 1), control,
                                              &storage, length) >= 0)
            return;
        const int error = errno;
        if (error == EINTR)
            continue;
        if (error != EAGAIN && error != EWOULDBLOCK)
            detail::throw_errno(error, function);
        boost::system::error_code ec;
        bd::await_operation(function, ec, [&](auto token) {
            return state_->socket.async_wait(boost::asio::socket_base::wait_write, token);
        });
        if (state_->closed())
            detail::throw_closed(function);
        if (ec)
            detail::throw_error(ec, function);
    }
}

} // namespace easynet::lowlevel::api_async::transports
