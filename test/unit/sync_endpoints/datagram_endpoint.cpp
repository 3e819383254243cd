#include <easynet/lowlevel/api_sync/endpoints/datagram_endpoint.hpp>

#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <string>

namespace endpoints = easynet::lowlevel::api_sync::endpoints;
namespace transports = easynet::lowlevel::api_sync::transports;
using transports::seconds;
using namespace std::chrono_literals;
using endpoint_type = endpoints::datagram_endpoint<std::string>;

namespace {

/// An endpoint over one end of a Unix datagram socketpair; `peer` is the other end.
struct endpoint_and_peer {
    std::unique_ptr<endpoint_type> endpoint;
    int peer = -1;

    endpoint_and_peer()
    {
        int fds[2];
        BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) == 0);
        peer = fds[1];
        endpoint = std::make_unique<endpoint_type>(
            std::make_unique<transports::socket_datagram_transport>(fds[0], 100ms),
            easynet::protocol::datagram_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>()));
    }
    endpoint_and_peer(const endpoint_and_peer&) = delete;
    endpoint_and_peer& operator=(const endpoint_and_peer&) = delete;
    ~endpoint_and_peer() { ::close(peer); }

    void send_raw(const std::string& data) const
    {
        BOOST_REQUIRE(::send(peer, data.data(), data.size(), 0) == static_cast<ssize_t>(data.size()));
    }
    std::string recv_raw() const
    {
        char buffer[1024];
        const ssize_t n = ::recv(peer, buffer, sizeof(buffer), MSG_DONTWAIT);
        BOOST_REQUIRE(n >= 0);
        return std::string(buffer, static_cast<std::size_t>(n));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(datagram_endpoint)

BOOST_AUTO_TEST_CASE(one_datagram_is_one_packet_with_timeouts_M4_Y2)
{
    endpoint_and_peer pair;
    auto& ep = *pair.endpoint;
    ep.send_packet("hello", 1s);
    BOOST_TEST(pair.recv_raw() == "hello");
    pair.send_raw("a\nb");
    BOOST_TEST(ep.recv_packet(1s) == "a\nb");
    BOOST_CHECK_THROW(ep.recv_packet(seconds{0}), easynet::timeout_error);
    const auto start = std::chrono::steady_clock::now();
    BOOST_CHECK_THROW(ep.recv_packet(150ms), easynet::timeout_error);
    BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= 0.1);
    BOOST_CHECK_THROW(ep.recv_packet(seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(ep.send_packet("x", seconds{NAN}), std::invalid_argument);
    ep.close();
    BOOST_TEST(ep.is_closed());
}

BOOST_AUTO_TEST_CASE(invalid_datagram_raises_parse_error_and_the_endpoint_stays_usable_C8_M5)
{
    endpoint_and_peer pair;
    auto& ep = *pair.endpoint;
    pair.send_raw("bad");
    pair.send_raw("crash");
    pair.send_raw("good");
    BOOST_CHECK_THROW(ep.recv_packet(1s), easynet::datagram_protocol_parse_error);
    BOOST_CHECK_THROW(ep.recv_packet(1s), easynet::protocol_crash_error);
    BOOST_TEST(ep.recv_packet(1s) == "good");
    BOOST_CHECK_THROW(ep.send_packet("crash"), easynet::protocol_crash_error);
    char byte = 0;
    BOOST_TEST(::recv(pair.peer, &byte, 1, MSG_DONTWAIT) == -1); // nothing was sent
}

BOOST_AUTO_TEST_CASE(ancillary_data_with_the_datagram_A1)
{
    endpoint_and_peer pair;
    auto& ep = *pair.endpoint;
    int p[2];
    BOOST_REQUIRE(::pipe(p) == 0);
    easynet::lowlevel::socket_ancillary out;
    out.add_fds(std::span<const int>(p, 2));
    ep.send_packet_with_ancillary("fds", out.as_raw(), 1s);
    easynet::lowlevel::socket_ancillary in;
    auto peer_endpoint = endpoint_type(
        std::make_unique<transports::socket_datagram_transport>(::dup(pair.peer), 100ms),
        easynet::protocol::datagram_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>()));
    BOOST_TEST(peer_endpoint.recv_packet_with_ancillary(
                   1024, [&](std::vector<easynet::lowlevel::raw_ancillary_message> m) { in.update_from_raw(m); },
                   1s) == "fds");
    auto fds = in.take_fds();
    BOOST_TEST(fds.size() == 2u);
    for (int fd : fds)
        ::close(fd);
    ::close(p[0]);
    ::close(p[1]);
}

BOOST_AUTO_TEST_SUITE_END()
