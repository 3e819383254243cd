#include <easynet/clients/unix_datagram_client.hpp>

#include "datagram_test_support.hpp"
#include "unix_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <string>

namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::unix_datagram_client<std::string>;

namespace {

lowlevel::unix_socket_address sender_of(const received_datagram& d)
{
    return lowlevel::unix_socket_address::from_native(&d.from, d.from_length);
}

} // namespace

BOOST_AUTO_TEST_SUITE(unix_datagram_client)

#if defined(__linux__)
BOOST_AUTO_TEST_CASE(without_local_path_the_socket_autobinds_to_an_abstract_name_C11_A6)
{
    unix_datagram_peer server;
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol());
    const auto local = client.get_local_name();
    BOOST_TEST(local.is_abstract());
    BOOST_TEST(client.get_peer_name().to_string() == server.path());
    client.send_packet("hello", 1s);
    const auto request = server.recv_from();
    BOOST_TEST(request.data == "hello");
    BOOST_TEST(sender_of(request).as_raw() == local.as_raw());
    server.send_to(request, "answer\n");
    BOOST_TEST(client.recv_packet(5s) == "answer");
}
#endif

BOOST_AUTO_TEST_CASE(local_path_names_the_socket_and_parse_errors_keep_it_usable_C8_C11)
{
    unix_datagram_peer server;
    const auto local = lowlevel::unix_socket_address::from_pathname(server.temp_path("client.dgram").string());
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), scripted_datagram_protocol(),
                       {.local_path = local});
    BOOST_TEST(client.get_local_name().as_raw() == local.as_raw());
    client.send_packet("ping");
    const auto request = server.recv_from();
    BOOST_TEST(sender_of(request).as_raw() == local.as_raw());
    server.send_to(request, "bad");
    server.send_to(request, "pong");
    BOOST_CHECK_THROW(client.recv_packet(5s), easynet::datagram_protocol_parse_error);
    BOOST_TEST(client.recv_packet(5s) == "pong");
    BOOST_CHECK_THROW(client.recv_packet(0s), easynet::timeout_error);
    client.close();
    BOOST_TEST(client.fileno() == -1);
    BOOST_CHECK_THROW(client.get_peer_name(), easynet::client_closed_error);
}

BOOST_AUTO_TEST_CASE(server_socket_closed_raises_connection_refused_on_send_C6)
{
    unix_datagram_peer server;
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol(),
                       {.local_path = lowlevel::unix_socket_address::from_pathname(
                            server.temp_path("client.dgram").string())});
    client.send_packet("first");
    BOOST_TEST(server.recv_from().data == "first");
    server.close();
    BOOST_TEST(error_of([&] { client.send_packet("second"); }) == ECONNREFUSED);
    BOOST_TEST(!client.is_closed());
}

BOOST_AUTO_TEST_CASE(connecting_to_a_missing_path_raises_ENOENT_Y1)
{
    easynet_test::temp_dir dir;
    BOOST_TEST(error_of([&] {
                   client_type c(lowlevel::unix_socket_address::from_pathname((dir / "missing.dgram").string()),
                                 datagram_line_protocol());
               }) == ENOENT);
}

BOOST_AUTO_TEST_CASE(adopted_socket_must_be_a_named_connected_unix_datagram_socket_C2_C11)
{
    int inet = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(inet, datagram_line_protocol()); }) ==
               "Only these families are supported: AF_UNIX");
    BOOST_TEST(!is_open(inet));

    unix_datagram_peer server;
    int unnamed = connect_unix_datagram_raw(server.path());
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(unnamed, datagram_line_protocol()); }) ==
               "the socket is not bound to a local address (it must be named)");
    BOOST_TEST(!is_open(unnamed));

    const std::string local = server.temp_path("adopted.dgram").string();
    client_type client(connect_unix_datagram_raw(server.path(), local), datagram_line_protocol());
    BOOST_TEST(client.get_local_name().to_string() == local);
    client.send_packet("adopted");
    const auto request = server.recv_from();
    BOOST_TEST(request.data == "adopted");
    server.send_to(request, "ok\n");
    BOOST_TEST(client.recv_packet(5s) == "ok");
}

BOOST_AUTO_TEST_CASE(file_descriptors_both_ways_A1)
{
    unix_datagram_peer server;
    const std::string local = server.temp_path("client.dgram").string();
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol(),
                       {.local_path = lowlevel::unix_socket_address::from_pathname(local)});
    std::array<int, 2> p{};
    BOOST_REQUIRE(::pipe2(p.data(), O_CLOEXEC) == 0);
    lowlevel::socket_ancillary out;
    out.add_fds(p);
    client.send_packet_with_ancillary("take", out, 1s);
    std::vector<int> got;
    BOOST_TEST(recv_with_fds(server.fd(), got) == "take");
    BOOST_TEST(got.size() == 2u);
    for (int fd : got)
        ::close(fd);

    sockaddr_un to{};
    to.sun_family = AF_UNIX;
    std::strncpy(to.sun_path, local.c_str(), sizeof(to.sun_path) - 1);
    BOOST_REQUIRE(::connect(server.fd(), reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0);
    send_with_fds(server.fd(), "back", {p[0]});
    lowlevel::socket_ancillary in;
    BOOST_TEST(client.recv_packet_with_ancillary(in, easynet::defaults::unix_ancillary_bufsize, 5s) == "back");
    auto fds = in.take_fds();
    BOOST_TEST(fds.size() == 1u);
    for (int fd : fds)
        ::close(fd);
    lowlevel::socket_ancillary none;
    BOOST_CHECK_THROW(client.recv_packet_with_ancillary(none, easynet::defaults::unix_ancillary_bufsize, 0s),
                      easynet::timeout_error);
    ::close(p[0]);
    ::close(p[1]);
    client.close();
    BOOST_CHECK_THROW(client.send_packet_with_ancillary("late", out), easynet::client_closed_error);
}

BOOST_AUTO_TEST_SUITE_END()
