// create_udp_endpoint and wrap_connected_datagram_socket: SEMANTICS §2.10 E5.
#include <easynet/lowlevel/api_async/backend/network.hpp>

#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

template <typename Listener>
std::uint16_t port_of(const Listener& l)
{
    return l->extra(socket_attribute::local_address).as_inet().port();
}

/// Receives one datagram on `listener` and returns its sender (call in a task).
socket_address sender_of_next_datagram(backend::datagram_listener_ptr& listener)
{
    socket_address sender;
    auto scope = backend::open_cancel_scope();
    scope.run([&] {
        listener->serve([&](std::string, socket_address from) {
            sender = from;
            scope.cancel();
        });
    });
    return sender;
}

} // namespace

BOOST_AUTO_TEST_SUITE(network_udp_endpoint)

BOOST_AUTO_TEST_CASE(connects_to_a_numeric_ipv4_host)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        auto endpoint = backend::create_udp_endpoint("127.0.0.1", port_of(listeners[0]));
        BOOST_TEST((endpoint->extra(socket_attribute::remote_address) ==
                    listeners[0]->extra(socket_attribute::local_address)));
        endpoint->send("hello");
        BOOST_TEST((sender_of_next_datagram(listeners[0]) == endpoint->extra(socket_attribute::local_address)));
    });
}

BOOST_AUTO_TEST_CASE(connects_to_ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("::1", 0);
        auto endpoint = backend::create_udp_endpoint("::1", port_of(listeners[0]));
        BOOST_TEST(endpoint->extra(socket_attribute::family) == AF_INET6);
    });
}

BOOST_AUTO_TEST_CASE(e5_the_family_can_be_forced)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        backend::udp_endpoint_options options;
        options.family = AF_INET;
        auto endpoint = backend::create_udp_endpoint("localhost", port_of(listeners[0]), options);
        BOOST_TEST(endpoint->extra(socket_attribute::family) == AF_INET);
        options.family = AF_INET6;
        // An IPv4 literal has no IPv6 address.
        BOOST_CHECK_THROW(backend::create_udp_endpoint("127.0.0.1", port_of(listeners[0]), options),
                          boost::system::system_error);
    });
}

BOOST_AUTO_TEST_CASE(e5_only_inet_families_may_be_forced)
{
    easynet_test::run([] {
        backend::udp_endpoint_options options;
        options.family = AF_UNIX;
        BOOST_CHECK_THROW(backend::create_udp_endpoint("127.0.0.1", 9, options), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(e5_the_local_address_is_bound)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        backend::udp_endpoint_options options;
        options.local_address = backend::host_and_port{"127.0.0.2", 0};
        auto endpoint = backend::create_udp_endpoint("127.0.0.1", port_of(listeners[0]), options);
        const auto local = endpoint->extra(socket_attribute::local_address);
        BOOST_TEST(local.as_inet().address().to_string() == "127.0.0.2");
        endpoint->send("x");
        BOOST_TEST((sender_of_next_datagram(listeners[0]) == local));
    });
}

BOOST_AUTO_TEST_CASE(e5_every_address_failing_raises_a_group)
{
    easynet_test::run([] {
        auto taken = backend::create_udp_listeners("127.0.0.1", 0);
        backend::udp_endpoint_options options;
        options.local_address = backend::host_and_port{"127.0.0.1", port_of(taken[0])};
        try {
            (void)backend::create_udp_endpoint("127.0.0.1", 9, options);
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.message() == "create_connection() failed");
            BOOST_REQUIRE_EQUAL(group.exceptions().size(), 1u);
            try {
                std::rethrow_exception(group.exceptions()[0]);
            } catch (const boost::system::system_error& e) {
                BOOST_TEST(e.code().value() == EADDRINUSE);
            }
        }
    });
}

BOOST_AUTO_TEST_CASE(wrap_connected_datagram_socket_adopts_a_socket)
{
    easynet_test::run([] {
        int fds[2];
        BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) == 0);
        auto a = backend::wrap_connected_datagram_socket(fds[0]);
        auto b = backend::wrap_connected_datagram_socket(fds[1]);
        a->send("d");
        BOOST_TEST(b->recv() == "d");
        int stream = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        BOOST_CHECK_THROW(backend::wrap_connected_datagram_socket(stream), std::invalid_argument);
        ::close(stream);
    });
}

BOOST_AUTO_TEST_SUITE_END()
