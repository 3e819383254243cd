//
// easynet — a read-only view of a socket owned by a transport (EasyNetwork's `SocketProxy`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_SOCKET_PROXY_HPP
#define EASYNET_LOWLEVEL_SOCKET_SOCKET_PROXY_HPP

#include <easynet/lowlevel/socket/socket_address.hpp>

#include <atomic>
#include <cstddef>
#include <memory>

namespace easynet::lowlevel {

/// A native socket handle (a file descriptor on POSIX).
using native_socket_handle = int;

/** A read-only proxy of a socket owned by someone else (a transport).

    It can read the socket's properties and options, and set options, but cannot close,
    send or receive. Once the owner closes the socket, every call fails with EBADF: the
    proxy tracks the owner's handle and never touches a reused descriptor.

    @par Thread safety
    Safe to use from the thread running the owner; the owner may close the socket
    concurrently only if no proxy call runs at that moment.
*/
class socket_proxy {
public:
    /// A proxy of `handle`, as tracked by the owner (set to -1 when closed).
    explicit socket_proxy(std::shared_ptr<const std::atomic<native_socket_handle>> handle) noexcept
        : handle_(std::move(handle))
    {
    }

    /// The file descriptor, or -1 when the socket is closed.
    native_socket_handle fileno() const noexcept;

    /// AF_INET, AF_INET6, AF_UNIX... @throws boost::system::system_error (EBADF when closed).
    int family() const;
    /// SOCK_STREAM, SOCK_DGRAM... @throws boost::system::system_error.
    int type() const;
    /// IPPROTO_TCP, IPPROTO_UDP, 0... @throws boost::system::system_error.
    int protocol() const;

    /** `getsockopt(level, name)` for an integer option.
        @throws boost::system::system_error with the OS error.
    */
    int get_option(int level, int name) const;
    /** Raw `getsockopt`: fills `value` (`*length` bytes) and updates `*length`.
        @throws boost::system::system_error with the OS error.
    */
    void get_option(int level, int name, void* value, std::size_t* length) const;
    /// `setsockopt(level, name)` for an integer option. @throws boost::system::system_error.
    void set_option(int level, int name, int value) const;
    /// Raw `setsockopt`. @throws boost::system::system_error.
    void set_option(int level, int name, const void* value, std::size_t length) const;

    /// `getsockname`. @throws boost::system::system_error.
    socket_address local_address() const;
    /// `getpeername`. @throws boost::system::system_error (ENOTCONN when not connected).
    socket_address remote_address() const;

private:
    native_socket_handle checked() const;
    std::shared_ptr<const std::atomic<native_socket_handle>> handle_;
};

} // namespace easynet::lowlevel

#endif
