#include <easynet/clients/unix_stream_client.hpp>

#include "unix_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

using namespace clients_test;
using client_type = clients::unix_stream_client<std::string>;

BOOST_AUTO_TEST_SUITE(unix_stream_client)

BOOST_AUTO_TEST_CASE(connects_to_a_path_with_names_and_peer_credentials_A5)
{
    unix_listener server;
    const auto local = lowlevel::unix_socket_address::from_pathname(server.temp_path("client.sock").string());
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol(),
                       {.connect_timeout = 5s, .local_path = local});
    int peer = server.accept();
    BOOST_TEST(client.get_peer_name().to_string() == server.path());
    BOOST_TEST(client.get_local_name().to_string() == local.to_string());
    const auto credentials = client.get_peer_credentials();
    BOOST_TEST(credentials.pid.value() == ::getpid());
    BOOST_TEST(credentials.uid == ::getuid());
    BOOST_TEST(credentials.gid == ::getgid());
    client.send_packet("hello", 1s);
    BOOST_TEST(read_exactly(peer, 6) == "hello\n");
    write_all(peer, "back\n");
    BOOST_TEST(client.recv_packet(5s) == "back");
    client.close();
    BOOST_CHECK_THROW(client.get_peer_credentials(), easynet::client_closed_error);
    BOOST_TEST(client.fileno() == -1);
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(missing_path_raises_the_os_error)
{
    easynet_test::temp_dir dir;
    BOOST_TEST(error_of([&] {
                   client_type c(lowlevel::unix_socket_address::from_pathname((dir / "none.sock").string()),
                                 line_protocol());
               }) == ENOENT);
}

BOOST_AUTO_TEST_CASE(send_packet_with_three_fds_in_one_sendmsg_A1)
{
    unix_listener server;
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol());
    int peer = server.accept();
    std::array<int, 2> pipe_fds{};
    BOOST_REQUIRE(::pipe2(pipe_fds.data(), O_CLOEXEC) == 0);
    lowlevel::socket_ancillary ancillary;
    const std::array<int, 3> fds{pipe_fds[0], pipe_fds[1], pipe_fds[1]};
    ancillary.add_fds(fds);
    client.send_packet_with_ancillary("fds", ancillary, 1s);
    std::vector<int> received;
    BOOST_TEST(recv_with_fds(peer, received) == "fds\n");
    BOOST_TEST(received.size() == 3u);
    for (int fd : received)
        ::close(fd);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(recv_with_ancillary_is_one_read_and_partial_data_raises_eof_error_A1)
{
    unix_listener server;
    client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol());
    int peer = server.accept();
    std::array<int, 2> pipe_fds{};
    BOOST_REQUIRE(::pipe2(pipe_fds.data(), O_CLOEXEC) == 0);
    send_with_fds(peer, "one\n", {pipe_fds[0]});
    lowlevel::socket_ancillary ancillary;
    BOOST_TEST(client.recv_packet_with_ancillary(ancillary, easynet::defaults::unix_ancillary_bufsize, 5s) == "one");
    BOOST_TEST(ancillary.iter_fds().size() == 1u);
    // A partial packet: eof_error, its bytes stay buffered, the descriptors are delivered.
    send_with_fds(peer, "par", {pipe_fds[1]});
    lowlevel::socket_ancillary second;
    BOOST_TEST(message_of<easynet::eof_error>([&] { client.recv_packet_with_ancillary(second, 1024, 5s); }) ==
               "Received partial packet data");
    BOOST_TEST(second.iter_fds().size() == 1u);
    write_all(peer, "tial\n");
    BOOST_TEST(client.recv_packet(5s) == "partial");
    BOOST_CHECK_THROW(client.recv_packet_with_ancillary(second, 0, 1s), std::invalid_argument);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(adopted_socket_checks_C2)
{
    check_adoption_refusals<client_type>(AF_UNIX, AF_INET, "Only these families are supported: AF_UNIX");
    unix_listener server;
    client_type adopted(server.connect_raw(), line_protocol());
    int peer = server.accept();
    adopted.send_packet("adopted", 1s);
    BOOST_TEST(read_exactly(peer, 8) == "adopted\n");
    ::close(peer);
}

BOOST_AUTO_TEST_CASE(connect_timeout_expires_on_a_full_backlog_Y1)
{
    unix_listener server(0);
    server.fill_backlog(); // a new connect fails with EAGAIN: it must wait, not "succeed"
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(client_type(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol(),
                                  {.connect_timeout = 300ms}),
                      easynet::timeout_error);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(elapsed >= 0.25);
    BOOST_TEST(elapsed < 5.0);
}

BOOST_AUTO_TEST_SUITE_END()
