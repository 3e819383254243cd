#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>

#include "socket_common.hpp"

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

#include <sys/socket.h>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

namespace bd = backend::detail;

socket_datagram_listener::socket_datagram_listener(std::unique_ptr<detail::datagram_socket_state> state)
    : state_(std::move(state)), attributes_(detail::make_socket_attributes(state_->handle, state_->family, false))
{
}

socket_datagram_listener::~socket_datagram_listener() = default;

bool socket_datagram_listener::is_closing() const noexcept { return state_->closed(); }

void socket_datagram_listener::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield();
}

void socket_datagram_listener::serve(handler_type handler, backend::task_group& task_group)
{
    constexpr const char* function = "socket_datagram_listener::serve";
    bd::require_task(function);
    if (state_->closed())
        detail::throw_closed(function);
    if (serving_)
        throw busy_resource_error("another task is currently receiving datagrams on this listener");
    serving_ = true;
    struct reset {
        bool& flag;
        ~reset() { flag = false; }
    } guard{serving_};

    auto buffer = std::make_unique<char[]>(defaults::max_datagram_bufsize);
    for (;;) {
        boost::asio::generic::datagram_protocol::endpoint sender;
        boost::system::error_code ec;
        std::size_t n = bd::await_operation(function, ec, [&](auto token) {
            return state_->socket.async_receive_from(
                boost::asio::buffer(buffer.get(), defaults::max_datagram_bufsize), sender, token);
        });
        if (state_->closed())
            detail::throw_closed(function);
        if (ec) {
            if (ec == boost::asio::error::bad_descriptor || ec == boost::asio::error::not_socket)
                detail::throw_error(ec, function);
            detail::socket_logger().warning("Unrelated error occurred on datagram reception: " +
                                            detail::errno_name(ec.value()) + ": " + ec.message());
            continue;
        }
        socket_address address = socket_address::from_native(sender.data(), sender.size());
        task_group.start_soon([handler, datagram = std::string(buffer.get(), n), address = std::move(address)]() {
            handler(datagram, address);
        });
    }
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
