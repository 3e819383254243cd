#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>

#include "network_common.hpp"

#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>
#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_listener.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/system/system_error.hpp>

#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <stdexcept>

namespace easynet::lowlevel::api_async::backend {

namespace td = transports::detail;

namespace {

void bind_or_throw(int fd, const unix_socket_address& path)
{
    if (int error = detail::bind_socket(fd, socket_address(path)); error != 0)
        std::rethrow_exception(detail::bind_error(error, path.to_string()));
}

void apply_mode(const unix_socket_address& path, std::optional<std::filesystem::perms> mode)
{
    if (!mode)
        return;
    const auto pathname = path.as_pathname();
    if (::chmod(pathname->c_str(), static_cast<mode_t>(*mode)) != 0)
        td::throw_errno(errno, "chmod('" + path.to_string() + "')");
}

void check_mode(const unix_socket_address& path, std::optional<std::filesystem::perms> mode)
{
    if (mode && !path.is_pathname())
        throw std::invalid_argument("mode can only be applied to a pathname Unix socket address, not " +
                                    path.to_string());
}

} // namespace

stream_transport_ptr create_unix_stream_connection(const unix_socket_address& path,
                                                   const std::optional<unix_socket_address>& local_path)
{
    constexpr const char* function = "create_unix_stream_connection";
    auto& context = td::current_context(function);
    detail::require_task(function).checkpoint();
    detail::unique_fd fd = detail::open_socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (local_path)
        bind_or_throw(fd.get(), *local_path);
    sockaddr_storage storage{};
    const std::size_t length = socket_address(path).to_native(&storage, sizeof(storage));
    // A Unix connect is never "in progress": it completes at once or, when the listener's
    // backlog is full, fails with EAGAIN without having started. The socket then polls
    // writable although it is not connected, so waiting for writability (what an
    // asynchronous connect does) would report a false success. Nothing signals "the
    // listener has room", so the connect is retried after a pause growing from 1 ms to
    // 50 ms; each pause is a cancellation point, and the caller's timeout bounds the whole.
    using namespace std::chrono_literals;
    for (seconds pause = 1ms;; pause = std::min<seconds>(pause * 2, 50ms)) {
        if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) == 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN)
            td::throw_errno(errno, "connect call failed " + path.to_string());
        backend::sleep(pause);
    }
    td::stream_socket socket(context);
    boost::system::error_code ec;
    socket.assign(boost::asio::generic::stream_protocol(AF_UNIX, 0), fd.get(), ec);
    if (ec)
        td::throw_error(ec, function);
    fd.release();
    return std::make_unique<transports::socket_stream_transport>(
        std::make_unique<td::stream_socket_state>(std::move(socket)));
}

datagram_transport_ptr create_unix_datagram_endpoint(const unix_socket_address& path,
                                                     const std::optional<unix_socket_address>& local_path)
{
    constexpr const char* function = "create_unix_datagram_endpoint";
    detail::require_task(function).checkpoint();
    detail::unique_fd fd = detail::open_socket(AF_UNIX, SOCK_DGRAM, 0);
    if (local_path)
        bind_or_throw(fd.get(), *local_path);
    sockaddr_storage storage{};
    const std::size_t length = socket_address(path).to_native(&storage, sizeof(storage));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
        td::throw_errno(errno, "connect call failed " + path.to_string());
    auto socket = td::adopt_datagram_socket(fd.get(), function);
    fd.release();
    return std::make_unique<transports::socket_datagram_transport>(
        std::make_unique<td::datagram_socket_state>(std::move(socket)));
}

stream_listener_ptr create_unix_stream_listener(const unix_socket_address& path, int backlog,
                                                std::optional<std::filesystem::perms> mode)
{
    constexpr const char* function = "create_unix_stream_listener";
    auto& context = td::current_context(function);
    if (backlog < 1)
        throw std::invalid_argument("backlog must be at least 1");
    check_mode(path, mode);
    detail::unique_fd fd = detail::open_socket(AF_UNIX, SOCK_STREAM, 0);
    bind_or_throw(fd.get(), path);
    apply_mode(path, mode);
    if (::listen(fd.get(), backlog) != 0)
        td::throw_errno(errno, "listen");
    td::stream_acceptor acceptor(context);
    boost::system::error_code ec;
    acceptor.assign(boost::asio::generic::stream_protocol(AF_UNIX, 0), fd.get(), ec);
    if (ec)
        td::throw_error(ec, function);
    fd.release();
    return std::make_unique<transports::socket_stream_listener>(
        std::make_unique<td::acceptor_state>(std::move(acceptor), backlog));
}

datagram_listener_ptr create_unix_datagram_listener(const unix_socket_address& path,
                                                    std::optional<std::filesystem::perms> mode)
{
    constexpr const char* function = "create_unix_datagram_listener";
    detail::require_task(function);
    check_mode(path, mode);
    detail::unique_fd fd = detail::open_socket(AF_UNIX, SOCK_DGRAM, 0);
    bind_or_throw(fd.get(), path);
    apply_mode(path, mode);
    auto socket = td::adopt_datagram_socket(fd.get(), function);
    fd.release();
    return std::make_unique<transports::socket_datagram_listener>(
        std::make_unique<td::datagram_socket_state>(std::move(socket)));
}

} // namespace easynet::lowlevel::api_async::backend
