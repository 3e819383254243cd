#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_attribute;
using datagram_transport = transports::socket_datagram_transport;
using namespace std::chrono_literals;

namespace {

struct transport_pair {
    std::unique_ptr<datagram_transport> a;
    std::unique_ptr<datagram_transport> b;
};

transport_pair make_pair()
{
    int fds[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, fds) == 0);
    return {std::make_unique<datagram_transport>(fds[0]), std::make_unique<datagram_transport>(fds[1])};
}

bool is_errno(const boost::system::system_error& e, int value) { return e.code().value() == value; }

} // namespace

BOOST_AUTO_TEST_SUITE(socket_datagram_transport)

BOOST_AUTO_TEST_CASE(datagram_boundaries_are_kept)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->send("one");
        a->send("");
        a->send("three");
        BOOST_TEST(b->recv() == "one");
        BOOST_TEST(b->recv() == "");
        BOOST_TEST(b->recv() == "three");
    });
}

BOOST_AUTO_TEST_CASE(a_datagram_longer_than_64k_is_emsgsize_not_cut_and_the_next_one_arrives)
{
    easynet_test::run([] {
        auto pair = make_pair();
        pair.a->extra(socket_attribute::socket).set_option(SOL_SOCKET, SO_SNDBUF, 1024 * 1024);
        pair.a->send(std::string(65537, 'x')); // one byte over the 64 KiB receive buffer
        pair.a->send("next");
        try {
            pair.b->recv();
            BOOST_FAIL("no EMSGSIZE");
        } catch (const boost::system::system_error& e) {
            BOOST_TEST(is_errno(e, EMSGSIZE), e.what());
            BOOST_TEST(std::string(e.what()).find("longer than 65536 bytes") != std::string::npos, e.what());
        }
        BOOST_TEST(pair.b->recv() == "next");
    });
}

BOOST_AUTO_TEST_CASE(a_connected_udp_endpoint_exchanges_datagrams_up_to_64k)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        const auto server = listeners[0]->extra(socket_attribute::local_address);
        auto client = backend::create_udp_endpoint("127.0.0.1", server.as_inet().port());
        BOOST_TEST((client->extra(socket_attribute::remote_address) == server));
        BOOST_TEST(client->extra(socket_attribute::family) == AF_INET);
        const std::string big(65000, 'z');
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listeners[0]->serve([&](std::string datagram, easynet::lowlevel::socket_address from) {
                    listeners[0]->send_to(datagram, from);
                });
            });
            client->send("ping");
            BOOST_TEST(client->recv() == "ping");
            client->send(big);
            BOOST_TEST((client->recv() == big));
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_CASE(two_concurrent_receivers_get_busy_resource_error)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        bool busy = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { (void)b->recv(); });
            try {
                (void)b->recv();
            } catch (const easynet::busy_resource_error&) {
                busy = true;
            }
            a->send("unblock");
        });
        BOOST_TEST(busy);
    });
}

BOOST_AUTO_TEST_CASE(every_operation_after_aclose_throws_ebadf)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        a->aclose();
        BOOST_TEST(a->is_closing());
        auto ebadf = [](const boost::system::system_error& e) { return is_errno(e, EBADF); };
        BOOST_CHECK_EXCEPTION(a->recv(), boost::system::system_error, ebadf);
        BOOST_CHECK_EXCEPTION(a->send("x"), boost::system::system_error, ebadf);
    });
}

BOOST_AUTO_TEST_CASE(aclose_wakes_a_task_blocked_in_recv_with_ebadf)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& b = pair.b;
        bool got_ebadf = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    (void)b->recv();
                } catch (const boost::system::system_error& e) {
                    got_ebadf = is_errno(e, EBADF);
                }
            });
            backend::coro_yield();
            transports::aclose_forcefully(*b);
        });
        BOOST_TEST(got_ebadf);
    });
}

BOOST_AUTO_TEST_CASE(a_cancelled_recv_loses_no_datagram)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        auto scope = backend::move_on_after(10ms);
        scope.run([&] { (void)b->recv(); });
        BOOST_TEST(scope.cancelled_caught());
        a->send("kept");
        BOOST_TEST(b->recv() == "kept");
    });
}

BOOST_AUTO_TEST_CASE(adopting_a_stream_socket_throws_invalid_argument)
{
    easynet_test::run([] {
        int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        BOOST_REQUIRE(fd >= 0);
        BOOST_CHECK_THROW(datagram_transport{fd}, std::invalid_argument);
        BOOST_TEST(::close(fd) == 0);
    });
}

BOOST_AUTO_TEST_SUITE_END()
