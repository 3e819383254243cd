//
// easynet — private: the leased descriptor of the blocking socket transports (stream and
// datagram) and their one non-blocking system-call helper (not installed).
//
#ifndef EASYNET_SRC_LOWLEVEL_API_SYNC_TRANSPORTS_SYNC_SOCKET_HPP
#define EASYNET_SRC_LOWLEVEL_API_SYNC_TRANSPORTS_SYNC_SOCKET_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>

#include "../../api_async/transports/socket_common.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

namespace easynet::lowlevel::api_sync::transports::detail {

/** The descriptor of a sync socket transport. Every system call runs under a lease;
    `close()` releases the descriptor at once when no lease is held, else when the last
    lease ends, so a descriptor is never closed (and reused) under a running call.
*/
class sync_socket {
public:
    sync_socket(native_socket_handle fd, int family)
        : handle(std::make_shared<std::atomic<native_socket_handle>>(fd)), family(family), fd_(fd)
    {
    }
    sync_socket(const sync_socket&) = delete;
    sync_socket& operator=(const sync_socket&) = delete;
    ~sync_socket() { close(); }

    /** Adopts `fd`, a socket of type `socket_type` (SOCK_STREAM, SOCK_DGRAM), and makes
        it non-blocking.
        @throws std::invalid_argument "<function>: ..." when `fd` is not such a socket (it
        is left untouched); boost::system::system_error on an OS error.
    */
    static std::unique_ptr<sync_socket> adopt(native_socket_handle fd, int socket_type, const char* function);

    class lease {
    public:
        lease(sync_socket& s, const char* function) : socket_(s), fd_(s.acquire(function)) {}
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        ~lease() { socket_.release(); }
        native_socket_handle fd() const noexcept { return fd_; }

    private:
        sync_socket& socket_;
        native_socket_handle fd_;
    };

    void close() noexcept
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            return;
        closed_ = true;
        handle->store(-1);
        if (users_ == 0)
            release_descriptor();
    }

    bool closed() const noexcept { return handle->load() < 0; }

    /// @throws easynet::unsupported_operation unless the socket is AF_UNIX.
    void require_unix() const
    {
        if (family != AF_UNIX)
            throw unsupported_operation("This transport does not have ancillary data support.");
    }

    api_async::transports::detail::shared_handle handle;
    const int family;

private:
    native_socket_handle acquire(const char* function)
    {
        std::lock_guard lock(mutex_);
        if (closed_)
            api_async::transports::detail::throw_closed(function);
        ++users_;
        return fd_;
    }

    void release() noexcept;
    void release_descriptor() noexcept;

    std::mutex mutex_;
    int users_ = 0;
    bool closed_ = false;
    native_socket_handle fd_;
};

/** Runs `call(fd)` (a non-blocking system call returning a byte count or -1 with errno)
    under a lease of `socket`: retried on EINTR, `would_block` on `event` for EAGAIN.
    @throws boost::system::system_error "<function>: ..." on any other error (EBADF once
    closed).
*/
template <typename Call>
noblock_result<std::size_t> noblock_syscall(sync_socket& socket, const char* function, wait_event event, Call&& call)
{
    sync_socket::lease lease(socket, function);
    for (;;) {
        const ssize_t n = call(lease.fd());
        if (n >= 0)
            return static_cast<std::size_t>(n);
        const int error = errno;
        if (error == EINTR)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return would_block{lease.fd(), event};
        api_async::transports::detail::throw_errno(error, function);
    }
}

/// The iovec array of the first IOV_MAX non-empty buffers of `buffers`.
std::vector<iovec> make_iovec(std::span<const std::string_view> buffers);

} // namespace easynet::lowlevel::api_sync::transports::detail

#endif
