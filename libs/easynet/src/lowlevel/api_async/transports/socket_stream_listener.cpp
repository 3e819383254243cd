#include <easynet/lowlevel/api_async/transports/socket_stream_listener.hpp>

#include "socket_common.hpp"

#include <easynet/defaults.hpp>
#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include <boost/asio/error.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace easynet::lowlevel::api_async::transports {

namespace bd = backend::detail;

namespace {

bool is_capacity_error(int error) noexcept
{
    return error == EMFILE || error == ENFILE || error == ENOMEM || error == ENOBUFS;
}

bool is_ignorable_error(int error) noexcept
{
    switch (error) {
    case EPERM:
    case ECONNABORTED:
    case EPROTO:
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
#ifdef ENONET
    case ENONET:
#endif
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
#ifdef ENOSR
    case ENOSR:
#endif
    case ESOCKTNOSUPPORT:
    case EPROTONOSUPPORT:
    case ETIMEDOUT:
    case ECONNRESET:
        return true;
    default:
        return false;
    }
}

std::string seconds_text(double s)
{
    std::ostringstream out;
    out << s;
    return out.str();
}

} // namespace

socket_stream_listener::socket_stream_listener(std::unique_ptr<detail::acceptor_state> state)
    : state_(std::move(state)), attributes_(detail::make_socket_attributes(state_->handle, state_->family, false))
{
}

socket_stream_listener::~socket_stream_listener()
{
    if (!state_->closed())
        easynet::detail::report_unclosed("socket_stream_listener", state_->acceptor.native_handle());
}

bool socket_stream_listener::is_closing() const noexcept { return state_->closed(); }

void socket_stream_listener::aclose()
{
    state_->close();
    if (bd::current_task() != nullptr)
        backend::coro_yield();
}

void socket_stream_listener::serve(handler_type handler, backend::task_group& task_group)
{
    constexpr const char* function = "socket_stream_listener::serve";
    bd::require_task(function);
    if (state_->closed())
        detail::throw_closed(function);
    if (state_->serving)
        throw busy_resource_error("another task is currently accepting new connections on this listener");
    state_->serving = true;
    struct reset {
        detail::acceptor_state& state;
        ~reset() { state.serving = false; }
    } guard{*state_};

    auto& context = detail::current_context(function);
    const int family = state_->family;
    const boost::asio::generic::stream_protocol protocol(family, family == AF_UNIX ? 0 : IPPROTO_TCP);
    const int batch = state_->backlog > 0 ? state_->backlog : 1;
    for (;;) {
        boost::system::error_code ec;
        bd::await_operation(function, ec, [&](auto token) {
            return state_->acceptor.async_wait(boost::asio::socket_base::wait_read, token);
        });
        if (state_->closed())
            detail::throw_closed(function);
        if (ec)
            detail::throw_error(ec, function);

        for (int i = 0; i < batch; ++i) {
            const native_socket_handle fd =
                ::accept4(state_->acceptor.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                const int error = errno;
                if (error == EAGAIN || error == EWOULDBLOCK)
                    break;
                if (error == EINTR || is_ignorable_error(error))
                    continue;
                if (is_capacity_error(error)) {
                    detail::socket_logger().error("accept returned " + detail::errno_name(error) + " (" +
                                                  std::strerror(error) + "); retrying in " +
                                                  seconds_text(defaults::accept_capacity_error_sleep_time) +
                                                  " seconds");
                    backend::sleep(backend::seconds{defaults::accept_capacity_error_sleep_time});
                    break;
                }
                if (state_->closed())
                    detail::throw_closed(function);
                detail::throw_errno(error, "accept");
            }
            detail::stream_socket socket(context);
            boost::system::error_code assign_ec;
            socket.assign(protocol, fd, assign_ec);
            if (assign_ec) {
                ::close(fd);
                detail::throw_error(assign_ec, function);
            }
            detail::set_tcp_options(fd, family);
            auto transport = std::make_shared<std::unique_ptr<async_stream_transport>>(
                std::make_unique<socket_stream_transport>(
                    std::make_unique<detail::stream_socket_state>(std::move(socket))));
            task_group.start_soon([handler, transport] { handler(std::move(*transport)); });
        }
    }
}

} // namespace easynet::lowlevel::api_async::transports
