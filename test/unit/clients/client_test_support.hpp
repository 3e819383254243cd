// Helpers shared by the client tests: loopback listening sockets accepted by hand, the
// line protocol, error probes.
#ifndef EASYNET_TEST_UNIT_CLIENTS_CLIENT_TEST_SUPPORT_HPP
#define EASYNET_TEST_UNIT_CLIENTS_CLIENT_TEST_SUPPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <functional>
#include <string>
#include <system_error>

namespace clients_test {

inline easynet::protocol::stream_protocol<std::string> line_protocol()
{
    return easynet::protocol::stream_protocol<std::string>(
        std::make_shared<easynet::serializers::string_line_serializer>());
}

inline easynet::protocol::buffered_stream_protocol<std::string> buffered_line_protocol()
{
    return easynet::protocol::buffered_stream_protocol<std::string>(
        std::make_shared<easynet::serializers::string_line_serializer>());
}

/// A listening TCP socket on 127.0.0.1 or ::1, port chosen by the OS. Connections are
/// queued by the kernel; `accept()` takes one (it must be pending: never blocks long).
class tcp_listener {
public:
    explicit tcp_listener(int family = AF_INET)
    {
        fd_ = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_storage storage{};
        socklen_t length = 0;
        if (family == AF_INET) {
            auto* sin = reinterpret_cast<sockaddr_in*>(&storage);
            sin->sin_family = AF_INET;
            sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            length = sizeof(sockaddr_in);
        } else {
            auto* sin6 = reinterpret_cast<sockaddr_in6*>(&storage);
            sin6->sin6_family = AF_INET6;
            sin6->sin6_addr = in6addr_loopback;
            length = sizeof(sockaddr_in6);
        }
        auto* address = reinterpret_cast<sockaddr*>(&storage);
        if (fd_ < 0 || ::bind(fd_, address, length) != 0 || ::listen(fd_, 16) != 0 ||
            ::getsockname(fd_, address, &length) != 0)
            throw std::system_error(errno, std::generic_category(), "listener");
        port_ = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&storage)->sin_port
                                        : reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
    }
    tcp_listener(const tcp_listener&) = delete;
    ~tcp_listener() { ::close(fd_); }

    std::uint16_t port() const noexcept { return port_; }
    int fd() const noexcept { return fd_; }

    /// True when a connection waits in the accept queue (after `wait_ms`).
    bool has_pending(int wait_ms = 0) const
    {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, wait_ms) == 1;
    }

    /// Accepts a pending connection (within 5 s), blocking descriptor.
    int accept() const
    {
        BOOST_REQUIRE(has_pending(5000));
        int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        BOOST_REQUIRE(fd >= 0);
        return fd;
    }

private:
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

/// A blocking client socket connected to 127.0.0.1:`port`.
inline int connect_raw(std::uint16_t port)
{
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)) != 0)
        throw std::system_error(errno, std::generic_category(), "connect");
    return fd;
}

/// Writes all of `data` on a blocking descriptor.
inline void write_all(int fd, const std::string& data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        BOOST_REQUIRE(n > 0);
        done += static_cast<std::size_t>(n);
    }
}

/// Reads exactly `size` bytes from a blocking descriptor (less at end of stream), within 5 s.
inline std::string read_exactly(int fd, std::size_t size)
{
    std::string data;
    while (data.size() < size) {
        pollfd p{fd, POLLIN, 0};
        BOOST_REQUIRE(::poll(&p, 1, 5000) == 1);
        char buffer[4096];
        ssize_t n = ::recv(fd, buffer, std::min(sizeof(buffer), size - data.size()), 0);
        BOOST_REQUIRE(n >= 0);
        if (n == 0)
            break;
        data.append(buffer, static_cast<std::size_t>(n));
    }
    return data;
}

/// Closes `fd` with a reset (SO_LINGER 0).
inline void close_with_reset(int fd)
{
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    ::close(fd);
}

/// True while `fd` is an open descriptor.
inline bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

/// The error code of the system_error `fn` throws (0 if none).
inline int error_of(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const boost::system::system_error& e) {
        return e.code().value();
    }
    return 0;
}

/// The message of the exception of type E that `fn` throws ("" if none).
template <class E>
std::string message_of(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

} // namespace clients_test

#endif
