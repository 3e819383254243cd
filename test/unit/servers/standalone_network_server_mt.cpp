#include <easynet/servers/standalone_network_server.hpp>

#include "server_test_support.hpp"

#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/servers/network_server_thread.hpp>
#include <easynet/servers/standalone_tcp_network_server.hpp>
#include <easynet/servers/standalone_unix_stream_server.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using servers_test::echo;
namespace servers = easynet::servers;
using servers_test::line_protocol;
using namespace std::chrono_literals;

namespace {

using server_type = servers::standalone_tcp_network_server<std::string, std::string>;
using client_type = servers::async_stream_client<std::string, std::string>;

/// A blocking round trip "ping\n" → "ping\n" over a raw socket (bounded by SO_RCVTIMEO).
std::string round_trip(std::uint16_t port, const std::string& text)
{
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ::timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string answer;
    if (::connect(fd, reinterpret_cast<::sockaddr*>(&addr), sizeof addr) == 0) {
        const std::string line = text + "\n";
        (void)!::send(fd, line.data(), line.size(), MSG_NOSIGNAL);
        char c;
        while (::recv(fd, &c, 1, 0) == 1 && c != '\n')
            answer += c;
    }
    ::close(fd);
    return answer;
}

} // namespace

BOOST_AUTO_TEST_SUITE(standalone_network_server_mt)

BOOST_AUTO_TEST_CASE(idle_server_is_not_serving_and_shutdown_is_a_no_op_T3_T4)
{
    server_type server("127.0.0.1", 0, line_protocol(), echo());
    BOOST_TEST(!server.is_serving());
    BOOST_TEST(server.get_addresses().empty());
    BOOST_TEST(server.get_sockets().empty());
    server.shutdown();
    server.shutdown(1s);
}

BOOST_AUTO_TEST_CASE(three_sequential_runs_in_a_thread_each_with_a_new_port_item_46_T1_T5)
{
    server_type server("127.0.0.1", 0, line_protocol(), echo(), {}, {.threads = 2});
    for (int run = 0; run < 3; ++run) {
        servers::network_server_thread thread(server);
        thread.start();
        BOOST_TEST(server.is_serving());
        const auto addresses = server.get_addresses();
        BOOST_REQUIRE(addresses.size() == 1u);
        BOOST_TEST(server.get_sockets().size() == 1u);
        BOOST_TEST(round_trip(addresses.front().as_inet().port(), "run " + std::to_string(run)) ==
                   "run " + std::to_string(run));
        thread.join();
        thread.join(); // several joins are fine
        BOOST_TEST(!server.is_serving());
        BOOST_TEST(!thread.error());
    }
}

BOOST_AUTO_TEST_CASE(already_running_and_closed_errors_T2)
{
    server_type server("127.0.0.1", 0, line_protocol(), echo());
    servers::network_server_thread thread(server);
    thread.start();
    BOOST_CHECK_THROW(server.serve_forever(), easynet::server_already_running);
    server.server_close(); // T4: closes while running: serve_forever returns by itself (no clients)
    thread.join(5s);
    BOOST_TEST(!server.is_serving());
    BOOST_CHECK_THROW(server.serve_forever(), easynet::server_closed_error);
    server.server_close(); // idempotent
}

BOOST_AUTO_TEST_CASE(several_concurrent_clients_on_two_loop_threads)
{
    server_type server("127.0.0.1", 0, line_protocol(), echo(), {}, {.threads = 2});
    servers::network_server_thread thread(server);
    thread.start();
    const auto port = server.get_addresses().front().as_inet().port();
    std::atomic<int> ok{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i)
        clients.emplace_back([&, i] {
            for (int j = 0; j < 10; ++j)
                if (round_trip(port, std::to_string(i) + "/" + std::to_string(j)) ==
                    std::to_string(i) + "/" + std::to_string(j))
                    ++ok;
        });
    for (auto& t : clients)
        t.join();
    thread.join(5s);
    BOOST_TEST(ok.load() == 80);
}

BOOST_AUTO_TEST_CASE(unix_standalone_server_serves_and_lists_one_socket)
{
    easynet_test::temp_dir dir;
    const auto path = (dir / "s.sock").string();
    servers::standalone_unix_stream_server<std::string, std::string> server(
        easynet::lowlevel::unix_socket_address(path), line_protocol(), echo());
    servers::network_server_thread thread(server);
    thread.start();
    BOOST_TEST(server.get_addresses().size() == 1u);
    BOOST_TEST(server.get_sockets().size() == 1u);
    thread.join(5s);
    BOOST_TEST(!std::filesystem::exists(path)); // unlinked at close (L8)
}

BOOST_AUTO_TEST_SUITE_END()
