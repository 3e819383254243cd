// create_tcp_connection and wrap_stream_socket: SEMANTICS §2.10 E1–E4 on loopback.
#include <easynet/lowlevel/api_async/backend/network.hpp>

#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

template <typename Listener>
std::uint16_t port_of(const Listener& l)
{
    return l->extra(socket_attribute::local_address).as_inet().port();
}

/// A loopback port nobody listens on (call in a task).
std::uint16_t closed_port(const std::string& host = "127.0.0.1")
{
    auto listeners = backend::create_tcp_listeners(host, 0);
    auto port = port_of(listeners[0]);
    listeners[0]->aclose();
    return port;
}

/// The messages and error codes of a group's members.
struct member {
    int code;
    std::string what;
};
std::vector<member> members(const easynet::exception_group& group)
{
    std::vector<member> out;
    for (const auto& e : group.exceptions()) {
        try {
            std::rethrow_exception(e);
        } catch (const boost::system::system_error& se) {
            out.push_back({se.code().value(), se.what()});
        } catch (const std::exception& ex) {
            out.push_back({-1, ex.what()});
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(network_tcp_connection)

BOOST_AUTO_TEST_CASE(connects_to_a_numeric_ipv4_host_and_exchanges_data)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listeners[0]->serve([](std::unique_ptr<transports::async_stream_transport> t) {
                    t->send_all(t->recv(1024));
                });
            });
            auto client = backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]));
            client->send_all("ping");
            BOOST_TEST(client->recv(1024) == "ping");
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_CASE(connects_to_ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("::1", 0);
        auto client = backend::create_tcp_connection("::1", port_of(listeners[0]));
        BOOST_TEST(client->extra(socket_attribute::family) == AF_INET6);
        BOOST_TEST(client->extra(socket_attribute::remote_address).to_string() ==
                   "[::1]:" + std::to_string(port_of(listeners[0])));
    });
}

BOOST_AUTO_TEST_CASE(e1_a_host_name_is_resolved)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto client = backend::create_tcp_connection("localhost", port_of(listeners[0]));
        BOOST_TEST(client->extra(socket_attribute::remote_address).as_inet().address().to_string() == "127.0.0.1");
    });
}

BOOST_AUTO_TEST_CASE(the_connection_gets_tcp_nodelay_and_keepalive)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto client = backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]));
        auto proxy = client->extra(socket_attribute::socket);
        BOOST_TEST(proxy.get_option(IPPROTO_TCP, TCP_NODELAY) != 0);
        BOOST_TEST(proxy.get_option(SOL_SOCKET, SO_KEEPALIVE) != 0);
    });
}

BOOST_AUTO_TEST_CASE(e4_every_attempt_failing_raises_a_create_connection_group)
{
    easynet_test::run([] {
        const auto port = closed_port();
        try {
            (void)backend::create_tcp_connection("127.0.0.1", port);
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.message() == "create_connection() failed");
            auto errors = members(group);
            BOOST_REQUIRE_EQUAL(errors.size(), 1u);
            BOOST_TEST(errors[0].code == ECONNREFUSED);
            BOOST_TEST(errors[0].what.find("127.0.0.1:" + std::to_string(port)) != std::string::npos, errors[0].what);
        }
    });
}

BOOST_AUTO_TEST_CASE(e3_the_local_address_is_bound)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        const auto local_port = closed_port("127.0.0.2");
        backend::tcp_connection_options options;
        options.local_address = backend::host_and_port{"127.0.0.2", local_port};
        auto client = backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]), options);
        BOOST_TEST(client->extra(socket_attribute::local_address).to_string() ==
                   "127.0.0.2:" + std::to_string(local_port));
    });
}

BOOST_AUTO_TEST_CASE(e3_no_local_address_of_the_same_family_is_an_error)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        backend::tcp_connection_options options;
        options.local_address = backend::host_and_port{"::1", 0};
        try {
            (void)backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]), options);
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            auto errors = members(group);
            BOOST_REQUIRE_EQUAL(errors.size(), 1u);
            BOOST_TEST(errors[0].what.rfind("no matching local address with family=AF_INET found", 0) == 0u,
                       errors[0].what);
        }
    });
}

BOOST_AUTO_TEST_CASE(e3_a_failed_bind_is_reported_in_the_group)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        const auto port = port_of(listeners[0]);
        backend::tcp_connection_options options;
        options.local_address = backend::host_and_port{"127.0.0.1", port}; // in use by the listener
        try {
            (void)backend::create_tcp_connection("127.0.0.1", port, options);
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            auto errors = members(group);
            BOOST_REQUIRE_EQUAL(errors.size(), 1u);
            BOOST_TEST(errors[0].code == EADDRINUSE);
            BOOST_TEST(errors[0].what.rfind("error while attempting to bind on address 127.0.0.1:" +
                                                std::to_string(port),
                                            0) == 0u,
                       errors[0].what);
        }
    });
}

BOOST_AUTO_TEST_CASE(an_invalid_happy_eyeballs_delay_is_rejected)
{
    easynet_test::run([] {
        backend::tcp_connection_options options;
        options.happy_eyeballs_delay = backend::seconds{-1};
        BOOST_CHECK_THROW(backend::create_tcp_connection("127.0.0.1", 1, options), std::invalid_argument);
        options.happy_eyeballs_delay = backend::seconds{std::nan("")};
        BOOST_CHECK_THROW(backend::create_tcp_connection("127.0.0.1", 1, options), std::invalid_argument);
        // Infinity means "one attempt after the other".
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        options.happy_eyeballs_delay = backend::seconds{std::numeric_limits<double>::infinity()};
        auto client = backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]), options);
        BOOST_TEST(!client->is_closing());
    });
}

BOOST_AUTO_TEST_CASE(a_cancelled_connection_attempt_propagates_to_its_scope)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto scope = backend::open_cancel_scope();
        scope.cancel();
        scope.run([&] { (void)backend::create_tcp_connection("127.0.0.1", port_of(listeners[0])); });
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(wrap_stream_socket_adopts_a_connected_socket)
{
    easynet_test::run([] {
        int fds[2];
        BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
        auto a = backend::wrap_stream_socket(fds[0]);
        auto b = backend::wrap_stream_socket(fds[1]);
        a->send_all("wrapped");
        BOOST_TEST(b->recv(64) == "wrapped");
        int dgram = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        BOOST_CHECK_THROW(backend::wrap_stream_socket(dgram), std::invalid_argument);
        ::close(dgram);
    });
}

BOOST_AUTO_TEST_SUITE_END()
