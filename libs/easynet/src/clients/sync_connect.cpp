//
// easynet — blocking connections, lock waits and deadlines of the sync clients.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/ssl_stream_transport.hpp>

#include "blocking_resolve.hpp"

#include <boost/asio/error.hpp>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::clients::detail {

namespace {

using clock = std::chrono::steady_clock;

boost::system::system_error os_error(int error, const std::string& what = {})
{
    return {error, boost::system::system_category(), what};
}

int milliseconds_left(clock::time_point deadline, bool infinite)
{
    if (infinite)
        return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(std::min<long long>(left, std::numeric_limits<int>::max()));
}

/// Connects the TCP socket `fd` to `address` within the deadline (non-blocking connect,
/// then poll for writability).
void connect_before(int fd, const sockaddr* address, socklen_t length, clock::time_point deadline, bool infinite)
{
    const int flags = ::fcntl(fd, F_GETFL);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    if (::connect(fd, address, length) != 0) {
        if (errno != EINPROGRESS)
            throw os_error(errno, "connect");
        pollfd waiting{fd, POLLOUT, 0};
        for (;;) {
            const int ready = ::poll(&waiting, 1, milliseconds_left(deadline, infinite));
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready < 0)
                throw os_error(errno, "poll");
            if (ready == 0)
                throw timeout_error("timed out");
            break;
        }
        int error = 0;
        socklen_t error_length = sizeof(error);
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_length);
        if (error != 0)
            throw os_error(error, "connect");
    }
    ::fcntl(fd, F_SETFL, flags);
}

/** Connects the AF_UNIX stream socket `fd` to `address` within the deadline.

    A Unix connect never is "in progress": it completes at once, or, when the listener's
    backlog is full, a non-blocking one fails with EAGAIN without having started (and the
    socket then polls writable although it is not connected, so waiting for writability
    is wrong). A blocking connect instead sleeps in the kernel until the listener accepts
    and frees room, and SO_SNDTIMEO bounds that sleep (it then fails with EAGAIN again). So
    the connect blocks, bounded by what is left of the timeout, and is retried after EINTR. */
void connect_unix_before(int fd, const sockaddr* address, socklen_t length, clock::time_point deadline,
                         bool infinite)
{
    for (;;) {
        if (!infinite) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - clock::now());
            // SO_SNDTIMEO 0 means "no limit": at least 1 µs (one attempt, then EAGAIN).
            const long long micros = std::max<long long>(left.count(), 1);
            const ::timeval limit{static_cast<time_t>(micros / 1000000), static_cast<suseconds_t>(micros % 1000000)};
            ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
        }
        if (::connect(fd, address, length) == 0)
            break;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN)
            throw timeout_error("timed out");
        throw os_error(errno, "connect");
    }
    const ::timeval none{0, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &none, sizeof(none));
}

clock::time_point deadline_after(sync_seconds timeout, bool& infinite)
{
    if (std::isnan(timeout.count()) || timeout.count() < 0)
        throw std::invalid_argument("Invalid timeout");
    infinite = std::isinf(timeout.count());
    return infinite ? clock::time_point::max()
                    : clock::now() + std::chrono::duration_cast<clock::duration>(timeout);
}

} // namespace

void timed_lock::lock()
{
    std::unique_lock guard(mutex_);
    released_.wait(guard, [this] { return !locked_; });
    locked_ = true;
}

void timed_lock::unlock()
{
    {
        std::lock_guard guard(mutex_);
        locked_ = false;
    }
    released_.notify_one();
}

bool timed_lock::try_lock_for(sync_seconds timeout)
{
    const auto end = clock::now() + std::chrono::duration_cast<clock::duration>(timeout);
    std::unique_lock guard(mutex_);
    while (locked_) {
        const auto left = end - clock::now();
        if (left <= clock::duration::zero())
            return false;
        // system_clock deadline: pthread_cond_timedwait (seen by the sanitizers).
        released_.wait_until(guard, std::chrono::system_clock::now() +
                                        std::min<clock::duration>(left, std::chrono::milliseconds(100)));
    }
    locked_ = true;
    return true;
}

std::unique_lock<timed_lock> lock_within(timed_lock& mutex, sync_seconds timeout)
{
    if (std::isinf(timeout.count()))
        return std::unique_lock(mutex);
    std::unique_lock lock(mutex, std::defer_lock);
    if (!lock.try_lock_for(timeout))
        throw timeout_error("timed out");
    return lock;
}

deadline::deadline(sync_seconds timeout) : timeout_(timeout), start_(clock::now())
{
    if (std::isnan(timeout.count()) || timeout.count() < 0)
        throw std::invalid_argument("Invalid timeout");
}

sync_seconds deadline::remaining() const noexcept
{
    if (std::isinf(timeout_.count()))
        return timeout_;
    const sync_seconds left = timeout_ - (clock::now() - start_);
    return left.count() > 0 ? left : sync_seconds{0};
}

std::unique_ptr<lowlevel::api_sync::transports::stream_transport>
make_sync_tcp_transport(socket_owner& socket, sync_seconds retry_interval, const std::optional<tls_settings>& tls)
{
    namespace transports = lowlevel::api_sync::transports;
    auto transport = std::make_unique<transports::socket_stream_transport>(socket.get(), retry_interval);
    socket.release();
    if (!tls)
        return transport;
    transports::ssl_transport_options options;
    options.handshake_timeout = tls->options.handshake_timeout;
    options.shutdown_timeout = tls->options.shutdown_timeout;
    options.server_hostname = tls->options.server_hostname;
    options.standard_compatible = tls->options.standard_compatible;
    return std::make_unique<transports::ssl_stream_transport>(std::move(transport), tls->context, options);
}

lowlevel::native_socket_handle connect_tcp_blocking(const std::string& host, std::uint16_t port,
                                                    sync_seconds connect_timeout,
                                                    const std::optional<lowlevel::api_async::backend::host_and_port>& local_address)
{
    bool infinite = false;
    const auto end = deadline_after(connect_timeout, infinite);
    addrinfo_list remote;
    resolve_blocking(host, port, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0, remote);
    addrinfo_list local;
    if (local_address)
        resolve_blocking(local_address->host, local_address->port, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, AI_PASSIVE,
                         local);
    std::vector<std::exception_ptr> errors;
    for (const addrinfo* target = remote.head; target != nullptr; target = target->ai_next) {
        socket_owner fd(::socket(target->ai_family, target->ai_socktype | SOCK_CLOEXEC, target->ai_protocol));
        try {
            if (fd.get() < 0)
                throw os_error(errno, "socket");
            if (local_address) {
                const int on = 1;
                ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
                bind_matching_local(fd.get(), local.head, target->ai_family);
            }
            connect_before(fd.get(), target->ai_addr, target->ai_addrlen, end, infinite);
            set_tcp_socket_options(fd.get());
            return fd.release();
        } catch (const std::exception&) {
            errors.push_back(std::current_exception());
        }
    }
    throw exception_group("create_connection() failed", std::move(errors));
}

lowlevel::native_socket_handle connect_unix_blocking(const lowlevel::unix_socket_address& path, sync_seconds connect_timeout,
                                                     const std::optional<lowlevel::unix_socket_address>& local_path)
{
    bool infinite = false;
    const auto end = deadline_after(connect_timeout, infinite);
    socket_owner fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0)
        throw os_error(errno, "socket");
    sockaddr_storage storage{};
    if (local_path) {
        const std::size_t length = local_path->to_native(&storage, sizeof(storage));
        if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
            throw os_error(errno, "error while attempting to bind on address " + local_path->to_string());
    }
    const std::size_t length = path.to_native(&storage, sizeof(storage));
    connect_unix_before(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length), end,
                        infinite);
    return fd.release();
}

} // namespace easynet::clients::detail
