#include <easynet/lowlevel/api_async/endpoints/datagram_endpoint.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace endpoints = easynet::lowlevel::api_async::endpoints;
namespace transports = easynet::lowlevel::api_async::transports;
using namespace std::chrono_literals;
using endpoint_type = endpoints::async_datagram_endpoint<std::string>;

namespace {

easynet::protocol::datagram_protocol<std::string> scripted_protocol()
{
    return easynet::protocol::datagram_protocol<std::string>(std::make_shared<easynet_test::scripted_serializer>());
}

/// An endpoint over one end of a Unix datagram socketpair; `peer` is the other end.
struct endpoint_and_peer {
    std::unique_ptr<endpoint_type> endpoint;
    int peer = -1;

    endpoint_and_peer()
    {
        int fds[2];
        BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) == 0);
        peer = fds[1];
        endpoint = std::make_unique<endpoint_type>(std::make_unique<transports::socket_datagram_transport>(fds[0]),
                                                   scripted_protocol());
    }
    endpoint_and_peer(const endpoint_and_peer&) = delete;
    endpoint_and_peer& operator=(const endpoint_and_peer&) = delete;
    ~endpoint_and_peer() { ::close(peer); }
};

std::string recv_raw(int fd)
{
    char buffer[1024];
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    BOOST_REQUIRE(n >= 0);
    return std::string(buffer, static_cast<std::size_t>(n));
}

void send_raw(int fd, const std::string& data)
{
    BOOST_REQUIRE(::send(fd, data.data(), data.size(), 0) == static_cast<ssize_t>(data.size()));
}

} // namespace

BOOST_AUTO_TEST_SUITE(datagram_endpoint)

BOOST_AUTO_TEST_CASE(one_datagram_is_one_packet_M4)
{
    easynet_test::run([&] {
        endpoint_and_peer pair;
        auto& ep = *pair.endpoint;
        ep.send_packet("hello");
        ep.send_packet("world");
        BOOST_TEST(recv_raw(pair.peer) == "hello");
        BOOST_TEST(recv_raw(pair.peer) == "world");
        send_raw(pair.peer, "a\nb");
        send_raw(pair.peer, "c");
        BOOST_TEST(ep.recv_packet() == "a\nb");
        BOOST_TEST(ep.recv_packet() == "c");
        BOOST_TEST(ep.extra(easynet::lowlevel::socket_attribute::family) == AF_UNIX);
        ep.aclose();
        BOOST_TEST(ep.is_closing());
    });
}

BOOST_AUTO_TEST_CASE(invalid_datagram_raises_parse_error_and_the_endpoint_stays_usable_C8)
{
    easynet_test::run([&] {
        endpoint_and_peer pair;
        auto& ep = *pair.endpoint;
        send_raw(pair.peer, "bad");
        send_raw(pair.peer, "good");
        try {
            ep.recv_packet();
            BOOST_FAIL("no parse error");
        } catch (const easynet::datagram_protocol_parse_error& e) {
            BOOST_TEST(std::string(e.what()).find("bad datagram") != std::string::npos);
        }
        BOOST_TEST(ep.recv_packet() == "good");
        ep.aclose();
    });
}

BOOST_AUTO_TEST_CASE(serializer_crashes_are_protocol_crash_errors_and_send_nothing_M5)
{
    easynet_test::run([&] {
        endpoint_and_peer pair;
        auto& ep = *pair.endpoint;
        try {
            ep.send_packet("crash");
            BOOST_FAIL("no crash error");
        } catch (const easynet::protocol_crash_error& e) {
            BOOST_TEST(std::string(e.what()) == "protocol.make_datagram() crashed");
        }
        char byte = 0;
        BOOST_TEST(::recv(pair.peer, &byte, 1, MSG_DONTWAIT) == -1); // nothing was sent
        send_raw(pair.peer, "crash");
        try {
            ep.recv_packet();
            BOOST_FAIL("no crash error");
        } catch (const easynet::protocol_crash_error& e) {
            BOOST_TEST(std::string(e.what()) == "protocol.build_packet_from_datagram() crashed");
        }
        send_raw(pair.peer, "next");
        BOOST_TEST(ep.recv_packet() == "next");
        ep.aclose();
    });
}

BOOST_AUTO_TEST_CASE(a_second_concurrent_receiver_is_refused_W1)
{
    easynet_test::run([&] {
        endpoint_and_peer pair;
        auto& ep = *pair.endpoint;
        std::string busy_message;
        std::string received;
        backend::timeout(5s, [&] {
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start([&] { received = ep.recv_packet(); });
                try {
                    ep.recv_packet();
                } catch (const easynet::busy_resource_error& e) {
                    busy_message = e.what();
                }
                send_raw(pair.peer, "first");
            });
        });
        BOOST_TEST(busy_message == "another task is currently receiving data on this endpoint");
        BOOST_TEST(received == "first");
        ep.send_packet("still usable");
        BOOST_TEST(recv_raw(pair.peer) == "still usable");
        ep.aclose();
    }, 1); // one loop thread: the child is blocked in recv when start() returns
}

BOOST_AUTO_TEST_CASE(null_transport_is_refused)
{
    BOOST_CHECK_THROW(endpoint_type(nullptr, scripted_protocol()), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
