// Unix stream listening sockets and raw SCM_RIGHTS helpers for the Unix client tests.
#ifndef EASYNET_TEST_UNIT_CLIENTS_UNIX_TEST_SUPPORT_HPP
#define EASYNET_TEST_UNIT_CLIENTS_UNIX_TEST_SUPPORT_HPP

#include "client_test_support.hpp"

#include <easynet_test/network.hpp>

#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>
#include <string>
#include <vector>

namespace clients_test {

/// A listening Unix stream socket at a fresh temporary path.
class unix_listener : public listening_socket {
public:
    explicit unix_listener(int backlog = 16) : listening_socket(AF_UNIX), path_((dir_ / "server.sock").string())
    {
        const sockaddr_un sun = address();
        bind_and_listen(reinterpret_cast<const sockaddr*>(&sun), sizeof(sun), backlog);
    }

    const std::string& path() const noexcept { return path_; }
    std::filesystem::path temp_path(const std::string& name) const { return dir_ / name; }

    /// A blocking client socket connected to this listener.
    int connect_raw() const
    {
        int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const sockaddr_un sun = address();
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&sun), sizeof(sun)) != 0)
            throw std::system_error(errno, std::generic_category(), "connect");
        return fd;
    }

private:
    sockaddr_un address() const
    {
        sockaddr_un sun{};
        sun.sun_family = AF_UNIX;
        std::strncpy(sun.sun_path, path_.c_str(), sizeof(sun.sun_path) - 1);
        return sun;
    }

    bool connect_filler(int fd) override
    {
        const sockaddr_un sun = address();
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&sun), sizeof(sun)) == 0)
            return true;
        BOOST_REQUIRE(errno == EAGAIN); // a full backlog: the connect did not start
        return false;
    }

    easynet_test::temp_dir dir_;
    std::string path_;
};

/// Sends `data` with `fds` in one sendmsg (SCM_RIGHTS).
inline void send_with_fds(int fd, const std::string& data, const std::vector<int>& fds)
{
    iovec iov{const_cast<char*>(data.data()), data.size()};
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr* cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(cmsg), fds.data(), sizeof(int) * fds.size());
    BOOST_REQUIRE(::sendmsg(fd, &msg, MSG_NOSIGNAL) == static_cast<ssize_t>(data.size()));
}

/// One recvmsg (within 5 s): the bytes, and the received descriptors appended to `fds`.
inline std::string recv_with_fds(int fd, std::vector<int>& fds)
{
    pollfd p{fd, POLLIN, 0};
    BOOST_REQUIRE(::poll(&p, 1, 5000) == 1);
    char buffer[4096];
    iovec iov{buffer, sizeof(buffer)};
    alignas(cmsghdr) char control[1024];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof(control);
    ssize_t n = ::recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    BOOST_REQUIRE(n >= 0);
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (std::size_t i = 0; i < count; ++i) {
                int received = -1;
                std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                fds.push_back(received);
            }
        }
    }
    return std::string(buffer, static_cast<std::size_t>(n));
}

} // namespace clients_test

#endif
