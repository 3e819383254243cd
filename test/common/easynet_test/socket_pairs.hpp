//
// easynet tests — connected socket pairs made with plain POSIX calls (no loop needed):
// Unix socketpairs, TCP and UDP loopback pairs, plus a count of open descriptors.
//
#ifndef EASYNET_TEST_SOCKET_PAIRS_HPP
#define EASYNET_TEST_SOCKET_PAIRS_HPP

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

namespace easynet_test {

/// Two connected descriptors; the ones not released are closed on destruction.
struct fd_pair {
    int first = -1;
    int second = -1;
    fd_pair() = default;
    fd_pair(int a, int b) : first(a), second(b) {}
    fd_pair(fd_pair&& o) noexcept : first(std::exchange(o.first, -1)), second(std::exchange(o.second, -1)) {}
    fd_pair& operator=(fd_pair&&) = delete;
    ~fd_pair()
    {
        if (first >= 0)
            ::close(first);
        if (second >= 0)
            ::close(second);
    }
    int release_first() noexcept { return std::exchange(first, -1); }
    int release_second() noexcept { return std::exchange(second, -1); }
};

inline void check(bool ok, const char* what)
{
    if (!ok)
        throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

/// A connected AF_UNIX SOCK_STREAM pair.
inline fd_pair unix_stream_pair()
{
    int fds[2];
    check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0, "socketpair");
    return {fds[0], fds[1]};
}

/// A TCP connection over 127.0.0.1: first = client side, second = accepted side.
inline fd_pair tcp_loopback_pair()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    check(listener >= 0, "socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    check(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0, "bind");
    check(::listen(listener, 1) == 0, "listen");
    check(::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len) == 0, "getsockname");
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    check(client >= 0, "socket");
    check(::connect(client, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0, "connect");
    const int server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    check(server >= 0, "accept");
    ::close(listener);
    return {client, server};
}

/// A connected AF_UNIX SOCK_DGRAM pair.
inline fd_pair unix_datagram_pair()
{
    int fds[2];
    check(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) == 0, "socketpair");
    return {fds[0], fds[1]};
}

/** Two UDP sockets on 127.0.0.1 (or ::1 when `ipv6`), each connected to the other.
    @throws std::runtime_error when the loopback address is missing.
*/
inline fd_pair udp_loopback_pair(bool ipv6 = false)
{
    const int family = ipv6 ? AF_INET6 : AF_INET;
    auto bound = [&] {
        const int fd = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        check(fd >= 0, "socket");
        sockaddr_storage addr{};
        socklen_t len = 0;
        if (ipv6) {
            auto* a = reinterpret_cast<sockaddr_in6*>(&addr);
            a->sin6_family = AF_INET6;
            a->sin6_addr = in6addr_loopback;
            len = sizeof(*a);
        } else {
            auto* a = reinterpret_cast<sockaddr_in*>(&addr);
            a->sin_family = AF_INET;
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            len = sizeof(*a);
        }
        if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0) {
            ::close(fd);
            check(false, "bind");
        }
        return fd;
    };
    fd_pair pair(bound(), bound());
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    check(::getsockname(pair.second, reinterpret_cast<sockaddr*>(&addr), &len) == 0, "getsockname");
    check(::connect(pair.first, reinterpret_cast<sockaddr*>(&addr), len) == 0, "connect");
    len = sizeof(addr);
    check(::getsockname(pair.first, reinterpret_cast<sockaddr*>(&addr), &len) == 0, "getsockname");
    check(::connect(pair.second, reinterpret_cast<sockaddr*>(&addr), len) == 0, "connect");
    return pair;
}

/// Writes all of `data` on a blocking descriptor.
inline void write_all(int fd, const std::string& data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        check(n > 0, "send");
        done += static_cast<std::size_t>(n);
    }
}

/// The number of descriptors open in this process (/proc/self/fd).
inline std::size_t open_fd_count()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

} // namespace easynet_test

#endif
