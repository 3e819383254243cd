// Plain datagram peers for the datagram client tests: a UDP socket bound on 127.0.0.1 or
// ::1, a Unix datagram socket bound at a temporary path; the datagram protocols.
#ifndef EASYNET_TEST_UNIT_CLIENTS_DATAGRAM_TEST_SUPPORT_HPP
#define EASYNET_TEST_UNIT_CLIENTS_DATAGRAM_TEST_SUPPORT_HPP

#include "client_test_support.hpp"

#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <system_error>

namespace clients_test {

/// Datagrams of text lines ("hello" <-> "hello\n").
inline easynet::protocol::datagram_protocol<std::string> datagram_line_protocol()
{
    return easynet::protocol::datagram_protocol<std::string>(
        std::make_shared<easynet::serializers::string_line_serializer>());
}

/// The datagram is the packet; "bad" is a parse error, "crash" a serializer crash.
inline easynet::protocol::datagram_protocol<std::string> scripted_datagram_protocol()
{
    return easynet::protocol::datagram_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>());
}

/// A datagram and the address it came from.
struct received_datagram {
    std::string data;
    sockaddr_storage from{};
    socklen_t from_length = 0;
};

/// A bound datagram socket (blocking descriptor; every wait bounded by 5 s).
class datagram_peer {
public:
    datagram_peer(const datagram_peer&) = delete;
    datagram_peer& operator=(const datagram_peer&) = delete;
    ~datagram_peer() { close(); }

    int fd() const noexcept { return fd_; }
    void close()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

    /// True when a datagram is waiting (after `wait_ms`).
    bool has_pending(int wait_ms = 0) const
    {
        pollfd p{fd_, POLLIN, 0};
        return ::poll(&p, 1, wait_ms) == 1;
    }

    /// The next datagram (it must arrive within 5 s).
    received_datagram recv_from() const
    {
        BOOST_REQUIRE(has_pending(5000));
        received_datagram result;
        result.data.resize(65536);
        result.from_length = sizeof(result.from);
        const ssize_t n = ::recvfrom(fd_, result.data.data(), result.data.size(), 0,
                                     reinterpret_cast<sockaddr*>(&result.from), &result.from_length);
        BOOST_REQUIRE(n >= 0);
        result.data.resize(static_cast<std::size_t>(n));
        return result;
    }

    /// Sends `data` to the sender of `to`.
    void send_to(const received_datagram& to, const std::string& data) const
    {
        BOOST_REQUIRE(::sendto(fd_, data.data(), data.size(), 0, reinterpret_cast<const sockaddr*>(&to.from),
                               to.from_length) == static_cast<ssize_t>(data.size()));
    }

protected:
    datagram_peer() = default;
    int fd_ = -1;
};

/// A UDP socket bound to 127.0.0.1 or ::1, port chosen by the OS.
class udp_peer : public datagram_peer {
public:
    explicit udp_peer(int family = AF_INET)
    {
        fd_ = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
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
        if (fd_ < 0 || ::bind(fd_, address, length) != 0 || ::getsockname(fd_, address, &length) != 0)
            throw std::system_error(errno, std::generic_category(), "udp peer");
        port_ = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(&storage)->sin_port
                                        : reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port);
    }

    std::uint16_t port() const noexcept { return port_; }

private:
    std::uint16_t port_ = 0;
};

/// The port of an AF_INET/AF_INET6 address.
inline std::uint16_t port_of(const received_datagram& d)
{
    return ntohs(d.from.ss_family == AF_INET ? reinterpret_cast<const sockaddr_in*>(&d.from)->sin_port
                                             : reinterpret_cast<const sockaddr_in6*>(&d.from)->sin6_port);
}

/// A Unix datagram socket bound at a fresh temporary path.
class unix_datagram_peer : public datagram_peer {
public:
    unix_datagram_peer() : path_((dir_ / "server.dgram").string())
    {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un sun{};
        sun.sun_family = AF_UNIX;
        std::strncpy(sun.sun_path, path_.c_str(), sizeof(sun.sun_path) - 1);
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&sun), sizeof(sun)) != 0)
            throw std::system_error(errno, std::generic_category(), "unix datagram peer");
    }

    const std::string& path() const noexcept { return path_; }
    std::filesystem::path temp_path(const std::string& name) const { return dir_ / name; }

private:
    easynet_test::temp_dir dir_;
    std::string path_;
};

/// A Unix datagram socket, bound to `local` (a path) when not empty, connected to `path`.
inline int connect_unix_datagram_raw(const std::string& path, const std::string& local = "")
{
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un sun{};
    sun.sun_family = AF_UNIX;
    if (!local.empty()) {
        std::strncpy(sun.sun_path, local.c_str(), sizeof(sun.sun_path) - 1);
        if (::bind(fd, reinterpret_cast<sockaddr*>(&sun), sizeof(sun)) != 0)
            throw std::system_error(errno, std::generic_category(), "bind");
    }
    std::strncpy(sun.sun_path, path.c_str(), sizeof(sun.sun_path) - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&sun), sizeof(sun)) != 0)
        throw std::system_error(errno, std::generic_category(), "connect");
    return fd;
}

/// A UDP socket connected to 127.0.0.1:`port`.
inline int connect_udp_raw(std::uint16_t port)
{
    int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)) != 0)
        throw std::system_error(errno, std::generic_category(), "connect");
    return fd;
}

} // namespace clients_test

#endif
