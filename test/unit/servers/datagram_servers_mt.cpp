#include <easynet/servers/standalone_udp_network_server.hpp>

#include <easynet/servers/network_server_thread.hpp>
#include <easynet/servers/standalone_unix_datagram_server.hpp>
#include <easynet_test/datagram_server.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace servers = easynet::servers;
using namespace std::chrono_literals;

namespace {

using udp_server_type = servers::standalone_udp_network_server<std::string, std::string>;
using unix_server_type = servers::standalone_unix_datagram_server<std::string, std::string>;
using client_type = udp_server_type::async_server_type::client_type;

/// A blocking UDP socket connected to 127.0.0.1:`port` (receives bounded by 5 s).
class udp_peer {
public:
    explicit udp_peer(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        ::timeval tv{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        (void)!::connect(fd_, reinterpret_cast<::sockaddr*>(&addr), sizeof addr);
    }
    udp_peer(const udp_peer&) = delete;
    udp_peer& operator=(const udp_peer&) = delete;
    ~udp_peer() { ::close(fd_); }

    void send(const std::string& data) { (void)!::send(fd_, data.data(), data.size(), 0); }
    std::string recv()
    {
        char buffer[2048];
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        return n < 0 ? std::string("<no answer>") : std::string(buffer, static_cast<std::size_t>(n));
    }

private:
    int fd_;
};

} // namespace

BOOST_AUTO_TEST_SUITE(datagram_servers_mt)

BOOST_AUTO_TEST_CASE(two_loop_threads_serve_two_peers_in_parallel_each_peer_sequentially)
{
    std::atomic<int> inside{0};
    std::atomic<int> reached_together{0};
    std::atomic<bool> overlap_per_peer{false};
    std::atomic<int> active_first{0};
    auto handler = servers::make_datagram_request_handler<std::string, std::string>([&](client_type& client) {
        auto request = client.recv_request();
        if (request == "rendezvous") {
            // Blocks this OS thread until the other peer's handler runs too: only possible
            // when the two peers are served by different loop threads.
            ++inside;
            const auto deadline = std::chrono::steady_clock::now() + 5s;
            while (inside.load() < 2 && std::chrono::steady_clock::now() < deadline)
                std::this_thread::yield();
            if (inside.load() >= 2)
                ++reached_together;
            client.send_packet("met");
            return;
        }
        if (++active_first > 1)
            overlap_per_peer = true;
        client.send_packet("<" + request + ">");
        --active_first;
    });
    udp_server_type server("127.0.0.1", 0, easynet_test::scripted_datagram_protocol(), handler, {}, {.threads = 2});
    servers::network_server_thread thread(server);
    thread.start();
    BOOST_REQUIRE(server.is_serving());
    const auto port = server.get_addresses().front().as_inet().port();
    {
        udp_peer a(port), b(port);
        a.send("rendezvous");
        b.send("rendezvous");
        BOOST_TEST(a.recv() == "met");
        BOOST_TEST(b.recv() == "met");
        for (int i = 0; i < 100; ++i)
            a.send(std::to_string(i));
        for (int i = 0; i < 100; ++i)
            BOOST_TEST(a.recv() == "<" + std::to_string(i) + ">");
    }
    thread.join(5s);
    BOOST_TEST(!server.is_serving());
    BOOST_TEST(reached_together.load() == 2);
    BOOST_TEST(!overlap_per_peer.load());
}

BOOST_AUTO_TEST_CASE(standalone_unix_datagram_server_runs_twice_in_a_thread_T1)
{
    easynet_test::temp_dir dir;
    const std::string server_path = (dir / "server.sock").string();
    const std::string peer_path = (dir / "peer.sock").string();
    unix_server_type server(easynet::lowlevel::unix_socket_address(server_path),
                            easynet_test::scripted_datagram_protocol(),
                            servers::make_datagram_request_handler<std::string, std::string>(
                                [](auto& client) { client.send_packet(easynet_test::upper(client.recv_request())); }),
                            {}, {.threads = 2});
    for (int run = 0; run < 2; ++run) {
        servers::network_server_thread thread(server);
        thread.start();
        BOOST_REQUIRE(server.is_serving());
        BOOST_TEST(server.get_sockets().size() == 1u);
        int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        ::timeval tv{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::sockaddr_un local{}, remote{};
        local.sun_family = remote.sun_family = AF_UNIX;
        std::strncpy(local.sun_path, peer_path.c_str(), sizeof local.sun_path - 1);
        std::strncpy(remote.sun_path, server_path.c_str(), sizeof remote.sun_path - 1);
        ::unlink(peer_path.c_str());
        BOOST_REQUIRE(::bind(fd, reinterpret_cast<::sockaddr*>(&local), sizeof local) == 0);
        (void)!::sendto(fd, "run", 3, 0, reinterpret_cast<::sockaddr*>(&remote), sizeof remote);
        char buffer[64];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        BOOST_TEST(std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0) == "RUN");
        ::close(fd);
        thread.join(5s);
        BOOST_TEST(!server.is_serving());
    }
    server.server_close();
}

BOOST_AUTO_TEST_SUITE_END()
