//
// Smoke test of example/unix_dgram/: the Unix datagram server answers named peers (a
// path, an abstract autobind name) and drops datagrams from unnamed sockets with a
// warning, serving the others meanwhile; SIGTERM (default action) ends it.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "../echo_tools/loopback_socket.hpp"
#include "../echo_tools/tool_process.hpp"

#include <boost/test/unit_test.hpp>

#include <easynet_test/network.hpp>

#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>

using namespace echo_tools_test;

namespace {

#ifdef EASYNET_EXAMPLE_UNIX_DGRAM_SERVER_PATH
const std::string dgram_server_path = EASYNET_EXAMPLE_UNIX_DGRAM_SERVER_PATH;
#else
const std::string dgram_server_path = "easynet-example-unix-dgram-server";
#endif

sockaddr_un unix_address(const std::string& path)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    return address;
}

} // namespace

BOOST_AUTO_TEST_SUITE(unix_dgram_server)

BOOST_AUTO_TEST_CASE(named_peers_are_answered_unnamed_ones_dropped_with_a_warning)
{
    easynet_test::temp_dir dir;
    const std::string path = (dir / "upper.sock").string();
    tool_process server(dgram_server_path, {path});
    auto line = server.read_line(std::chrono::seconds(20));
    BOOST_TEST_REQUIRE(line.has_value(), "no output; stderr: " << server.err());
    BOOST_TEST_REQUIRE(*line == "Listening on " + path);

    // An unnamed socket: its datagram is dropped (nobody could be answered).
    int unnamed = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sockaddr_un server_address = unix_address(path);
    BOOST_TEST_REQUIRE(::sendto(unnamed, "lost", 4, 0, reinterpret_cast<const sockaddr*>(&server_address),
                                sizeof server_address) == 4);
    ::close(unnamed);

    // A peer bound to a path.
    const std::string peer_path = (dir / "peer.sock").string();
    int named = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sockaddr_un peer_address = unix_address(peer_path);
    BOOST_TEST_REQUIRE(::bind(named, reinterpret_cast<const sockaddr*>(&peer_address), sizeof peer_address) == 0);
    timeval timeout{20, 0};
    ::setsockopt(named, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    BOOST_TEST_REQUIRE(::sendto(named, "hello", 5, 0, reinterpret_cast<const sockaddr*>(&server_address),
                                sizeof server_address) == 5);
    char answer[256] = {};
    const ssize_t n = ::recv(named, answer, sizeof answer, 0);
    BOOST_TEST(std::string(answer, n > 0 ? static_cast<std::size_t>(n) : 0) == peer_path + ": HELLO");
    ::close(named);

    // An abstract name chosen by the kernel (what easynet's unix_datagram_client does).
    loopback_datagram_socket autobound = loopback_datagram_socket::unix_path(path);
    autobound.send("caf\xc3\xa9");
    const std::string reply = autobound.recv().value_or("<no answer>");
    BOOST_TEST(reply.rfind("@", 0) == 0, reply);
    BOOST_TEST(reply.find(": CAF\xc3\xa9") != std::string::npos, reply);

    BOOST_TEST(server.wait_for_err("A datagram received from an unbound UNIX datagram socket has been dropped.",
                                   std::chrono::seconds(20)),
               server.err());
    server.send_signal(SIGTERM);
    BOOST_TEST(server.wait(std::chrono::seconds(20)) == 128 + SIGTERM);
}

BOOST_AUTO_TEST_SUITE_END()
