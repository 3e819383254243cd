#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>

#include "socket_common.hpp"
#include "../../socket/ancillary_io.hpp"

#include <easynet/defaults.hpp>
#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>

#include <stdexcept>

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

socket_datagram_transport::~socket_datagram_transport()
{
    if (!state_->closed())
        easynet::detail::report_unclosed("socket_datagram_transport", state_->socket.native_handle());
}

bool socket_datagram_transport::is_closing() const noexcept { return state_->closed(); }

void socket_datagram_transport::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield();
}

namespace {

/// Marks a transport as receiving (one receiver at a time) for its lifetime.
class receiving_guard {
public:
    explicit receiving_guard(bool& flag) : flag_(flag)
    {
        if (flag_)
            throw busy_resource_error("another task is currently receiving data on this transport");
        flag_ = true;
    }
    receiving_guard(const receiving_guard&) = delete;
    receiving_guard& operator=(const receiving_guard&) = delete;
    ~receiving_guard() { flag_ = false; }

private:
    bool& flag_;
};

void require_unix(const detail::datagram_socket_state& state)
{
    if (state.family != AF_UNIX)
        throw unsupported_operation("This transport does not have ancillary data support.");
}

/** Receives one datagram (with its control messages into `messages` when `control` is
    given), suspending until one is ready. `storage` is the transport's lazily made buffer.
    @throws std::system_error EMSGSIZE for a datagram longer than the buffer: it is
    dropped and the descriptors it carried are closed; the transport stays usable. */
std::string receive_datagram(detail::datagram_socket_state& state, std::unique_ptr<char[]>& storage,
                             const char* function, lowlevel::detail::control_buffer* control,
                             std::vector<raw_ancillary_message>* messages)
{
    if (!storage)
        storage = std::make_unique<char[]>(defaults::max_datagram_bufsize);
    const std::span<char> buffer(storage.get(), defaults::max_datagram_bufsize);
    for (;;) {
        if (state.closed())
            detail::throw_closed(function);
        int flags = 0;
        const ssize_t n = lowlevel::detail::recvmsg_noblock(state.socket.native_handle(), buffer, control, flags, messages);
        if (n >= 0) {
            if ((flags & MSG_TRUNC) != 0) {
                if (messages != nullptr)
                    lowlevel::detail::close_received_fds(*messages);
                detail::throw_errno(EMSGSIZE, std::string(function) + ": received a datagram longer than " +
                                                  std::to_string(buffer.size()) + " bytes (dropped)");
            }
            return std::string(buffer.data(), static_cast<std::size_t>(n));
        }
        const int error = errno;
        if (error == EAGAIN || error == EWOULDBLOCK)
            state.receive_waited();
        detail::await_retry(state, error, boost::asio::socket_base::wait_read, function);
    }
}

} // namespace

std::string socket_datagram_transport::recv()
{
    constexpr const char* function = "socket_datagram_transport::recv";
    if (state_->closed())
        detail::throw_closed(function);
    receiving_guard guard(receiving_);
    state_->receive_checkpoint(function);
    return receive_datagram(*state_, buffer_, function, nullptr, nullptr);
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

recv_datagram_ancillary_result socket_datagram_transport::recv_with_ancillary(std::size_t ancillary_bufsize)
{
    constexpr const char* function = "socket_datagram_transport::recv_with_ancillary";
    require_unix(*state_);
    if (ancillary_bufsize == 0)
        throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
    if (state_->closed())
        detail::throw_closed(function);
    receiving_guard guard(receiving_);
    state_->receive_checkpoint(function);
    lowlevel::detail::control_buffer control(ancillary_bufsize);
    recv_datagram_ancillary_result result;
    result.data = receive_datagram(*state_, buffer_, function, &control, &result.messages);
    return result;
}

void socket_datagram_transport::send_with_ancillary(std::string_view data,
                                                    std::span<const raw_ancillary_message> ancillary)
{
    constexpr const char* function = "socket_datagram_transport::send_with_ancillary";
    require_unix(*state_);
    if (state_->closed())
        detail::throw_closed(function);
    bd::require_task(function).checkpoint();
    const iovec iov{const_cast<char*>(data.data()), data.size()};
    lowlevel::detail::control_buffer control = lowlevel::detail::encode_control_messages(ancillary);
    for (;;) {
        if (state_->closed())
            detail::throw_closed(function);
        const ssize_t sent =
            lowlevel::detail::sendmsg_noblock(state_->socket.native_handle(), std::span<const iovec>(&iov, 1), control);
        if (sent >= 0) {
            if (static_cast<std::size_t>(sent) < data.size())
                detail::throw_errno(EMSGSIZE, std::string(function) + ": the data did not fit in one sendmsg() call");
            return;
        }
        detail::await_retry(*state_, errno, boost::asio::socket_base::wait_write, function);
    }
}

} // namespace easynet::lowlevel::api_async::transports
