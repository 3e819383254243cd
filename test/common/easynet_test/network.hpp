// Helpers for tests that use real sockets on loopback and temporary Unix socket paths.
#ifndef EASYNET_TEST_NETWORK_HPP
#define EASYNET_TEST_NETWORK_HPP

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace easynet_test {

/// True when an IPv6 socket can be bound to ::1 on this machine.
inline bool ipv6_loopback_available()
{
    static const bool available = [] {
        int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return false;
        sockaddr_in6 sin6{};
        sin6.sin6_family = AF_INET6;
        sin6.sin6_addr = in6addr_loopback;
        bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&sin6), sizeof(sin6)) == 0;
        ::close(fd);
        return ok;
    }();
    return available;
}

/// Skips the current test (with a message, never silently) when ::1 is missing.
#define EASYNET_TEST_REQUIRE_IPV6()                                                                        \
    do {                                                                                                   \
        if (!::easynet_test::ipv6_loopback_available()) {                                                  \
            BOOST_TEST_MESSAGE("SKIPPED: IPv6 loopback (::1) is not available on this machine");           \
            BOOST_TEST(true);                                                                              \
            return;                                                                                        \
        }                                                                                                  \
    } while (false)

/// A loopback socket address (127.0.0.1 or ::1) ready for bind/connect.
struct loopback_address {
    sockaddr_storage storage{};
    socklen_t length = 0;

    explicit loopback_address(int family = AF_INET, std::uint16_t port = 0)
    {
        if (family == AF_INET) {
            auto* sin = reinterpret_cast<sockaddr_in*>(&storage);
            sin->sin_family = AF_INET;
            sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            sin->sin_port = htons(port);
            length = sizeof(sockaddr_in);
        } else {
            auto* sin6 = reinterpret_cast<sockaddr_in6*>(&storage);
            sin6->sin6_family = AF_INET6;
            sin6->sin6_addr = in6addr_loopback;
            sin6->sin6_port = htons(port);
            length = sizeof(sockaddr_in6);
        }
    }

    sockaddr* get() noexcept { return reinterpret_cast<sockaddr*>(&storage); }
    const sockaddr* get() const noexcept { return reinterpret_cast<const sockaddr*>(&storage); }

    std::uint16_t port() const noexcept
    {
        return ntohs(storage.ss_family == AF_INET ? reinterpret_cast<const sockaddr_in*>(&storage)->sin_port
                                                  : reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port);
    }
};

/// A fresh temporary directory with a short path (Unix socket paths are limited to 107
/// bytes), removed with its content on destruction.
class temp_dir {
public:
    temp_dir()
    {
        std::string pattern = "/tmp/easynet-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::system_error(errno, std::generic_category(), "mkdtemp");
        path_ = pattern;
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    const std::filesystem::path& path() const noexcept { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// A process-unique abstract socket name.
inline std::string unique_abstract_name(const std::string& tag)
{
    static int counter = 0;
    return "easynet-test-" + std::to_string(::getpid()) + "-" + tag + "-" + std::to_string(++counter);
}

} // namespace easynet_test

#endif
