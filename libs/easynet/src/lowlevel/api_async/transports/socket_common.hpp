//
// easynet — private helpers shared by the socket transports, listeners and the backend
// network factories (not installed).
//
#ifndef EASYNET_SRC_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_COMMON_HPP
#define EASYNET_SRC_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_COMMON_HPP

#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend/detail/await.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/generic/datagram_protocol.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/system/system_error.hpp>

#include <sys/socket.h>
#include <sys/uio.h>

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace easynet::lowlevel::api_async::transports::detail {

using stream_socket = boost::asio::generic::stream_protocol::socket;
using datagram_socket = boost::asio::generic::datagram_protocol::socket;
using stream_acceptor = boost::asio::basic_socket_acceptor<boost::asio::generic::stream_protocol>;

/// The descriptor a transport shares with its socket proxies (-1 once closed).
using shared_handle = std::shared_ptr<std::atomic<native_socket_handle>>;

/// The logger of the socket transports and listeners.
const logger& socket_logger();

/// The io_context of the running loop. @throws not_in_task_error outside a task.
boost::asio::io_context& current_context(const char* function);

[[noreturn]] void throw_error(const boost::system::error_code& ec, const std::string& what);
[[noreturn]] void throw_errno(int error, const std::string& what);
/// EBADF: the transport is closed.
[[noreturn]] void throw_closed(const char* function);

/// The symbolic name of an errno value ("EMFILE"), or its number.
std::string errno_name(int error);

/** The socket attributes (socket, family, local_address and, when `connected`,
    remote_address) of the socket tracked by `handle`. Address lookups that fail become
    `typed_attribute_lookup_error`.
*/
extra_attribute_map make_socket_attributes(const shared_handle& handle, int family, bool connected);

/// Sets TCP_NODELAY and SO_KEEPALIVE, ignoring errors (for AF_INET/AF_INET6 only).
void set_tcp_options(native_socket_handle fd, int family) noexcept;

/// sysconf(_SC_IOV_MAX), or 16 when unknown.
std::size_t iov_max() noexcept;

/** Sends every byte of `iov[0..count)` on the non-blocking socket `fd` with `sendmsg`
    (at most IOV_MAX buffers per call, looping over partial writes), suspending the task
    on `wait_writable(ec)` when the socket buffer is full. `iov` is consumed.
    @param is_closed tells whether the owner closed the socket (then EBADF is raised).
*/
template <typename WaitWritable, typename IsClosed>
void sendmsg_all(const char* function, native_socket_handle fd, iovec* iov, std::size_t count,
                 WaitWritable&& wait_writable, IsClosed&& is_closed)
{
    auto& task = backend::detail::require_task(function);
    task.checkpoint();
    const std::size_t max_iov = iov_max();
    while (count > 0 && iov->iov_len == 0) {
        ++iov;
        --count;
    }
    while (count > 0) {
        if (is_closed())
            throw_closed(function);
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = count < max_iov ? count : max_iov;
        const ssize_t sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (sent < 0) {
            const int error = errno;
            if (error == EINTR)
                continue;
            if (error == EAGAIN || error == EWOULDBLOCK) {
                boost::system::error_code ec;
                wait_writable(ec);
                if (is_closed())
                    throw_closed(function);
                if (ec)
                    throw_error(ec, function);
                continue;
            }
            throw_errno(error, function);
        }
        auto n = static_cast<std::size_t>(sent);
        while (count > 0 && n >= iov->iov_len) {
            n -= iov->iov_len;
            ++iov;
            --count;
        }
        if (n > 0) {
            iov->iov_base = static_cast<char*>(iov->iov_base) + n;
            iov->iov_len -= n;
        }
    }
}

/** Sends `data` as one datagram (to `address` when not null) on the non-blocking
    socket `fd`, suspending the task on `wait_writable(ec)` while the socket buffer is
    full. An empty datagram is sent too.
*/
template <typename WaitWritable, typename IsClosed>
void send_datagram(const char* function, native_socket_handle fd, std::string_view data, const void* address,
                   std::size_t address_length, WaitWritable&& wait_writable, IsClosed&& is_closed)
{
    auto& task = backend::detail::require_task(function);
    task.checkpoint();
    for (;;) {
        if (is_closed())
            throw_closed(function);
        iovec iov{const_cast<char*>(data.data()), data.size()};
        msghdr msg{};
        msg.msg_name = const_cast<void*>(address);
        msg.msg_namelen = static_cast<socklen_t>(address_length);
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        const ssize_t sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (sent >= 0)
            return;
        const int error = errno;
        if (error == EINTR)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK) {
            boost::system::error_code ec;
            wait_writable(ec);
            if (is_closed())
                throw_closed(function);
            if (ec)
                throw_error(ec, function);
            continue;
        }
        throw_errno(error, function);
    }
}

/** After a non-blocking call on the socket of `state` (a socket state below) failed with
    `error`: returns at once for EINTR, suspends the task until `readiness` for EAGAIN
    (then the caller retries), throws otherwise (EBADF if the owner closed it meanwhile).
*/
template <typename SocketState>
void await_retry(SocketState& state, int error, boost::asio::socket_base::wait_type readiness, const char* function)
{
    if (error == EINTR)
        return;
    if (error != EAGAIN && error != EWOULDBLOCK)
        throw_errno(error, function);
    boost::system::error_code ec;
    backend::detail::await_operation(function, ec,
                                     [&](auto token) { return state.socket.async_wait(readiness, token); });
    if (state.closed())
        throw_closed(function);
    if (ec)
        throw_error(ec, function);
}

/// A connected stream socket of a transport, and the handle its proxies track.
struct stream_socket_state {
    explicit stream_socket_state(stream_socket s);
    ~stream_socket_state();

    /// Closes the socket (idempotent, never throws).
    void close() noexcept;
    bool closed() const noexcept { return handle->load(std::memory_order_relaxed) < 0; }

    stream_socket socket;
    shared_handle handle;
    int family;
};

/// A datagram socket of a transport or listener, and the handle its proxies track.
struct datagram_socket_state {
    explicit datagram_socket_state(datagram_socket s);
    ~datagram_socket_state();

    void close() noexcept;
    bool closed() const noexcept { return handle->load(std::memory_order_relaxed) < 0; }

    /** Before each receive: a checkpoint, and once per `fair_streak` datagrams received in
        a row without waiting, a yield, so that a flood of ready datagrams does not starve
        the other tasks (the handlers of what was received). @throws cancelled. */
    void receive_checkpoint(const char* function)
    {
        constexpr unsigned fair_streak = 8;
        if (++ready_streak_ < fair_streak) {
            backend::detail::require_task(function).checkpoint();
            return;
        }
        ready_streak_ = 0;
        backend::detail::require_task(function);
        backend::coro_yield();
    }
    /// The last receive found nothing ready (EAGAIN): the streak is over.
    void receive_waited() noexcept { ready_streak_ = 0; }

    datagram_socket socket;
    shared_handle handle;
    int family;

private:
    unsigned ready_streak_ = 0; // datagrams received in a row without waiting
};

/// A listening stream socket and the handle its proxies track.
struct acceptor_state {
    acceptor_state(stream_acceptor a, int backlog);
    ~acceptor_state();

    void close() noexcept;
    bool closed() const noexcept { return handle->load(std::memory_order_relaxed) < 0; }

    stream_acceptor acceptor;
    shared_handle handle;
    int family;
    int backlog;
    bool serving = false;
};

/// Opens a stream socket of `family`/`protocol` on the current loop, non-blocking.
stream_socket adopt_stream_socket(native_socket_handle fd, const char* function);
datagram_socket adopt_datagram_socket(native_socket_handle fd, const char* function);

} // namespace easynet::lowlevel::api_async::transports::detail

#endif
