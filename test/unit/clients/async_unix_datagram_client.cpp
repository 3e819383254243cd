#include <easynet/clients/async_unix_datagram_client.hpp>

#include "datagram_test_support.hpp"
#include "unix_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::async_unix_datagram_client<std::string>;

namespace {

lowlevel::unix_socket_address sender_of(const received_datagram& d)
{
    return lowlevel::unix_socket_address::from_native(&d.from, d.from_length);
}

} // namespace

BOOST_AUTO_TEST_SUITE(async_unix_datagram_client)

#if defined(__linux__)
BOOST_AUTO_TEST_CASE(without_local_path_the_socket_autobinds_to_an_abstract_name_C11_A6)
{
    unix_datagram_peer server;
    easynet_test::run([&] {
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol());
        BOOST_TEST(error_of([&] { client.get_local_name(); }) == ENOTCONN);
        client.send_packet("hello");
        const auto request = server.recv_from();
        BOOST_TEST(request.data == "hello");
        const auto local = client.get_local_name();
        BOOST_TEST(local.is_abstract());
        BOOST_TEST(sender_of(request).as_raw() == local.as_raw()); // the server can answer
        BOOST_TEST(client.get_peer_name().to_string() == server.path());
        server.send_to(request, "answer\n");
        BOOST_TEST(client.recv_packet() == "answer");
        client.aclose();
        BOOST_CHECK_THROW(client.get_peer_name(), easynet::client_closed_error);
    });
}
#endif

BOOST_AUTO_TEST_CASE(local_path_names_the_socket_C11)
{
    unix_datagram_peer server;
    easynet_test::run([&] {
        const auto local = lowlevel::unix_socket_address::from_pathname(server.temp_path("client.dgram").string());
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), scripted_datagram_protocol(),
                           {.local_path = local});
        client.send_packet("ping");
        const auto request = server.recv_from();
        BOOST_TEST(sender_of(request).to_string() == local.to_string());
        BOOST_TEST(client.get_local_name().as_raw() == local.as_raw());
        server.send_to(request, "bad");
        server.send_to(request, "pong");
        BOOST_CHECK_THROW(client.recv_packet(), easynet::datagram_protocol_parse_error); // C8
        BOOST_TEST(client.recv_packet() == "pong");
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(server_socket_closed_raises_connection_refused_on_send_C6)
{
    unix_datagram_peer server;
    easynet_test::run([&] {
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol(),
                           {.local_path = lowlevel::unix_socket_address::from_pathname(
                                server.temp_path("client.dgram").string())});
        client.send_packet("first");
        BOOST_TEST(server.recv_from().data == "first");
        server.close();
        BOOST_TEST(error_of([&] { client.send_packet("second"); }) == ECONNREFUSED);
        BOOST_TEST(!client.is_closing());
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(connecting_to_a_missing_path_fails_on_first_use_C3)
{
    easynet_test::temp_dir dir;
    easynet_test::run([&] {
        client_type client(lowlevel::unix_socket_address::from_pathname((dir / "missing.dgram").string()),
                           datagram_line_protocol());
        BOOST_TEST(error_of([&] { client.wait_connected(); }) == ENOENT);
        BOOST_TEST(!client.is_connected());
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(adopted_socket_must_be_a_named_connected_unix_datagram_socket_C2_C11)
{
    int inet = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(inet, datagram_line_protocol()); }) ==
               "Only these families are supported: AF_UNIX");
    BOOST_TEST(!is_open(inet));

    int stream = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_CHECK_THROW(client_type(stream, datagram_line_protocol()), std::invalid_argument);
    BOOST_TEST(!is_open(stream));

    unix_datagram_peer server;
    int unnamed = connect_unix_datagram_raw(server.path());
    BOOST_TEST(message_of<std::invalid_argument>([&] { client_type c(unnamed, datagram_line_protocol()); }) ==
               "the socket is not bound to a local address (it must be named)");
    BOOST_TEST(!is_open(unnamed));

    const std::string local = server.temp_path("adopted.dgram").string();
    easynet_test::run([&] {
        client_type client(connect_unix_datagram_raw(server.path(), local), datagram_line_protocol());
        client.send_packet("adopted");
        const auto request = server.recv_from();
        BOOST_TEST(request.data == "adopted");
        BOOST_TEST(client.get_local_name().to_string() == local);
        server.send_to(request, "ok\n");
        BOOST_TEST(client.recv_packet() == "ok");
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(file_descriptors_both_ways_and_kept_on_a_parse_error_A1)
{
    unix_datagram_peer server;
    easynet_test::run([&] {
        const std::string local = server.temp_path("client.dgram").string();
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), datagram_line_protocol(),
                           {.local_path = lowlevel::unix_socket_address::from_pathname(local)});
        std::array<int, 2> p{};
        BOOST_REQUIRE(::pipe2(p.data(), O_CLOEXEC) == 0);
        lowlevel::socket_ancillary out;
        out.add_fds(p);
        client.send_packet_with_ancillary("take", out); // one sendmsg
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
        BOOST_TEST(client.recv_packet_with_ancillary(in) == "back");
        auto fds = in.take_fds();
        BOOST_TEST(fds.size() == 1u);
        for (int fd : fds)
            ::close(fd);

        // An undecodable datagram: parse error, and its descriptor was handed over first.
        send_with_fds(server.fd(), "\xe9", {p[1]});
        lowlevel::socket_ancillary bad;
        BOOST_CHECK_THROW(client.recv_packet_with_ancillary(bad), easynet::datagram_protocol_parse_error);
        auto bad_fds = bad.take_fds();
        BOOST_TEST(bad_fds.size() == 1u);
        for (int fd : bad_fds)
            ::close(fd);
        lowlevel::socket_ancillary unused;
        BOOST_CHECK_THROW(client.recv_packet_with_ancillary(unused, 0), std::invalid_argument);
        ::close(p[0]);
        ::close(p[1]);
        client.aclose();
        BOOST_CHECK_THROW(client.send_packet_with_ancillary("late", out), easynet::client_closed_error);
    });
}

BOOST_AUTO_TEST_SUITE_END()
