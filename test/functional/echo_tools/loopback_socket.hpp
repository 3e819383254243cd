//
// Plain blocking sockets on 127.0.0.1 for the echo tools tests: a client connection with
// a receive timeout, a listener the test controls, and a connected datagram socket (UDP or
// Unix datagram). Not a test suite (a header).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_LOOPBACK_SOCKET_HPP
#define EASYNET_TEST_FUNCTIONAL_ECHO_TOOLS_LOOPBACK_SOCKET_HPP

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

namespace echo_tools_test {

/// A connected TCP socket; every receive gives up after 20 s.
class loopback_socket {
public:
    explicit loopback_socket(int fd) : fd_(fd) { set_timeout(); }

    static loopback_socket connect(std::uint16_t port)
    {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = loopback(port);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd);
            throw std::runtime_error("connect failed");
        }
        return loopback_socket(fd);
    }

    loopback_socket(loopback_socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    loopback_socket& operator=(loopback_socket&&) = delete;
    ~loopback_socket() { close(); }

    void send(std::string_view bytes)
    {
        while (!bytes.empty()) {
            ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n <= 0)
                throw std::runtime_error("send failed");
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    /// Exactly `size` bytes, or fewer if the peer closed or 20 s passed.
    std::string recv_exactly(std::size_t size)
    {
        std::string out;
        char buffer[65536];
        while (out.size() < size) {
            ssize_t n = ::recv(fd_, buffer, std::min(sizeof buffer, size - out.size()), 0);
            if (n <= 0)
                break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

    /// Everything up to and including the first '\n' (or what came before EOF/timeout).
    std::string recv_line()
    {
        std::string out;
        char c = 0;
        while (::recv(fd_, &c, 1, 0) == 1) {
            out.push_back(c);
            if (c == '\n')
                break;
        }
        return out;
    }

    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }

    void close()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    static sockaddr_in loopback(std::uint16_t port)
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }

private:
    void set_timeout()
    {
        timeval timeout{20, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }

    int fd_ = -1;
};

/// A TCP listener on 127.0.0.1, port chosen by the system.
class loopback_listener {
public:
    loopback_listener() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address = loopback_socket::loopback(0);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 8) != 0)
            throw std::runtime_error("listen failed");
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }
    ~loopback_listener() { ::close(fd_); }

    std::uint16_t port() const noexcept { return port_; }
    loopback_socket accept() { return loopback_socket(::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC)); }

private:
    int fd_;
    std::uint16_t port_ = 0;
};

/// A datagram socket connected to a UDP port on 127.0.0.1, or to a Unix datagram socket
/// path (itself bound to an abstract address chosen by the kernel, so that it can be
/// answered); every receive gives up after `timeout_ms` (default 20 s).
class loopback_datagram_socket {
public:
    static loopback_datagram_socket udp(std::uint16_t port)
    {
        loopback_datagram_socket s(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        sockaddr_in address = loopback_socket::loopback(port);
        if (::connect(s.fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("connect failed");
        return s;
    }

    static loopback_datagram_socket unix_path(const std::string& path)
    {
        loopback_datagram_socket s(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        sa_family_t family = AF_UNIX; // autobind: an abstract name chosen by the kernel
        if (::bind(s.fd_, reinterpret_cast<sockaddr*>(&family), sizeof family) != 0)
            throw std::runtime_error("autobind failed");
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, path.c_str(), std::min(path.size(), sizeof address.sun_path - 1));
        if (::connect(s.fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("connect failed");
        return s;
    }

    loopback_datagram_socket(loopback_datagram_socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    loopback_datagram_socket& operator=(loopback_datagram_socket&&) = delete;
    ~loopback_datagram_socket()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }

    void send(std::string_view datagram)
    {
        if (::send(fd_, datagram.data(), datagram.size(), 0) != static_cast<ssize_t>(datagram.size()))
            throw std::runtime_error(std::string("send failed: ") + std::strerror(errno));
    }

    /// The next datagram, or nothing if none came within `timeout_ms`.
    std::optional<std::string> recv(int timeout_ms = 20000)
    {
        timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string buffer(65536, '\0');
        ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return std::nullopt;
            throw std::runtime_error(std::string("recv failed: ") + std::strerror(errno));
        }
        buffer.resize(static_cast<std::size_t>(n));
        return buffer;
    }

private:
    explicit loopback_datagram_socket(int fd) : fd_(fd)
    {
        if (fd_ < 0)
            throw std::runtime_error("socket failed");
    }

    int fd_ = -1;
};

} // namespace echo_tools_test

#endif
