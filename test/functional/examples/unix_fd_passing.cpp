//
// Smoke test of example/unix_stream/fd_passing_server.cpp: a file descriptor sent with
// SCM_RIGHTS over a temporary Unix socket path is read by the server.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "../echo_tools/tool_process.hpp"

#include <boost/test/unit_test.hpp>

#include <easynet_test/network.hpp>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/socket.h>
#include <sys/un.h>

using namespace echo_tools_test;

namespace {

#ifdef EASYNET_EXAMPLE_UNIX_FD_SERVER_PATH
const std::string fd_server_path = EASYNET_EXAMPLE_UNIX_FD_SERVER_PATH;
#else
const std::string fd_server_path = "easynet-example-unix-fd-server";
#endif

int connect_unix(const std::string& path)
{
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    BOOST_TEST_REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{20, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
}

/// Sends `line` with `passed` as SCM_RIGHTS (or no control message for -1).
void send_with_fd(int socket, const std::string& line, int passed)
{
    iovec data{const_cast<char*>(line.data()), line.size()};
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    if (passed >= 0) {
        message.msg_control = control;
        message.msg_controllen = sizeof control;
        cmsghdr* header = CMSG_FIRSTHDR(&message);
        header->cmsg_level = SOL_SOCKET;
        header->cmsg_type = SCM_RIGHTS;
        header->cmsg_len = CMSG_LEN(sizeof(int));
        std::memcpy(CMSG_DATA(header), &passed, sizeof(int));
    }
    BOOST_TEST_REQUIRE(::sendmsg(socket, &message, MSG_NOSIGNAL) == static_cast<ssize_t>(line.size()));
}

std::string recv_line(int socket)
{
    std::string out;
    char c = 0;
    while (::recv(socket, &c, 1, 0) == 1) {
        out.push_back(c);
        if (c == '\n')
            break;
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(unix_fd_passing)

BOOST_AUTO_TEST_CASE(server_reads_the_file_behind_the_passed_descriptor)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "fd.sock").string();
    const std::string file = (dir / "passed.txt").string();
    std::ofstream(file) << "first line of the file\nsecond line\n";

    tool_process server(fd_server_path, {path});
    auto line = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(line.has_value(), server.err());
    BOOST_TEST(*line == "Listening on " + path);

    int socket = connect_unix(path);
    int passed = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    send_with_fd(socket, "read\n", passed);
    ::close(passed);
    BOOST_TEST(recv_line(socket) == "first line of the file\n");
    send_with_fd(socket, "read\n", -1);
    BOOST_TEST(recv_line(socket) == "no descriptor\n");
    ::close(socket);

    auto printed = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(printed.has_value());
    BOOST_TEST(printed->find("passed descriptor") != std::string::npos, *printed);
    server.send_signal(SIGTERM);
    BOOST_TEST(server.wait(std::chrono::seconds(20)) == 128 + SIGTERM);
}

BOOST_AUTO_TEST_SUITE_END()
