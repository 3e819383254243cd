//
// easynet — private helpers of the backend network factories (not installed).
//
#ifndef EASYNET_SRC_LOWLEVEL_API_ASYNC_BACKEND_NETWORK_COMMON_HPP
#define EASYNET_SRC_LOWLEVEL_API_ASYNC_BACKEND_NETWORK_COMMON_HPP

#include "../transports/socket_common.hpp"

#include <easynet/lowlevel/api_async/backend/dns.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>

#include <sys/socket.h>

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <vector>

namespace easynet::lowlevel::api_async::backend::detail {

/** Resolves `host`:`port`: in the calling thread when `host` is a numeric address,
    else with `getaddrinfo` in a worker thread.
    @throws boost::system::system_error on failure, or when nothing was found
    ("getaddrinfo('<host>') returned empty list").
*/
std::vector<address_info> resolve_address(const std::string& host, std::uint16_t port, int family, int socktype,
                                          int protocol, int flags);

/// `resolve_address` of the optional local address of a connection (AI_PASSIVE not set).
std::optional<std::vector<address_info>> resolve_local_address(const std::optional<host_and_port>& local,
                                                               int family, int socktype, int protocol);

/// The socket address of `info`.
inline socket_address to_socket_address(const address_info& info)
{
    return inet_socket_address(info.address, info.port);
}

/// "AF_INET", "AF_INET6", "AF_UNIX" or the number.
std::string family_name(int family);

/// A system_error "error while attempting to bind on address <address>: <reason>".
std::exception_ptr bind_error(int error, const std::string& address);

/// An owned file descriptor, closed on destruction unless released.
class unique_fd {
public:
    explicit unique_fd(int fd = -1) noexcept : fd_(fd) {}
    unique_fd(unique_fd&& other) noexcept : fd_(other.release()) {}
    unique_fd& operator=(unique_fd&& other) noexcept;
    unique_fd(const unique_fd&) = delete;
    unique_fd& operator=(const unique_fd&) = delete;
    ~unique_fd();

    int get() const noexcept { return fd_; }
    int release() noexcept
    {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }
    explicit operator bool() const noexcept { return fd_ >= 0; }

private:
    int fd_;
};

/// `socket(family, type | SOCK_CLOEXEC, protocol)`. @throws boost::system::system_error.
unique_fd open_socket(int family, int type, int protocol);

/// Binds `fd` to `address`. @return 0 or the errno.
int bind_socket(int fd, const socket_address& address) noexcept;

/** Binds `fd` (of `family`) to the first address of `local` of that family it accepts;
    nothing when `local` is empty. Each failed bind is appended to `errors`.
    @throws boost::system::system_error the last failed bind (taken out of `errors`), or
    EADDRNOTAVAIL "no matching local address with family=<family> found".
*/
void bind_to_local_address(int fd, int family, const std::optional<std::vector<address_info>>& local,
                           std::vector<std::exception_ptr>& errors);

/// `setsockopt(level, name, value)` for an int. @throws boost::system::system_error.
void set_int_option(int fd, int level, int name, int value, const char* what);

} // namespace easynet::lowlevel::api_async::backend::detail

#endif
