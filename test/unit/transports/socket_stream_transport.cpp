#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_attribute;
using socket_transport = transports::socket_stream_transport;
using namespace std::chrono_literals;

namespace {

struct transport_pair {
    std::unique_ptr<socket_transport> a;
    std::unique_ptr<socket_transport> b;
};

/// Two connected stream transports over a Unix socketpair (call in a task).
transport_pair make_pair()
{
    int fds[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    return {std::make_unique<socket_transport>(fds[0]), std::make_unique<socket_transport>(fds[1])};
}

/// Reads until `size` bytes arrived or EOF.
std::string recv_exactly(transports::async_stream_transport& t, std::size_t size)
{
    std::string data;
    while (data.size() < size) {
        std::string chunk = t.recv(64 * 1024);
        if (chunk.empty())
            break;
        data += chunk;
    }
    return data;
}

bool is_errno(const boost::system::system_error& e, int value) { return e.code().value() == value; }

std::string pattern(std::size_t size, unsigned seed)
{
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 31 + seed) % 251);
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_stream_transport)

BOOST_AUTO_TEST_CASE(recv_returns_what_the_peer_sent)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->send_all("hello");
        BOOST_TEST(b->recv(1024) == "hello");
    });
}

BOOST_AUTO_TEST_CASE(recv_into_fills_the_buffer_and_returns_the_count)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->send_all("abcdef");
        char buffer[4];
        std::size_t n = b->recv_into(buffer);
        BOOST_TEST(n == 4u);
        BOOST_TEST(std::string(buffer, n) == "abcd");
        BOOST_TEST(b->recv(16) == "ef");
    });
}

BOOST_AUTO_TEST_CASE(recv_zero_bytes_returns_empty_without_waiting)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& b = pair.b;
        BOOST_TEST(b->recv(0).empty());
        BOOST_TEST(b->recv_into(std::span<char>()) == 0u);
    });
}

BOOST_AUTO_TEST_CASE(send_eof_makes_the_peer_read_eof_and_keeps_the_other_direction_open)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->send_all("last");
        a->send_eof();
        BOOST_TEST(b->recv(1024) == "last");
        BOOST_TEST(b->recv(1024).empty());
        char buffer[8];
        BOOST_TEST(b->recv_into(buffer) == 0u);
        b->send_all("answer");
        BOOST_TEST(a->recv(1024) == "answer");
    });
}

BOOST_AUTO_TEST_CASE(recv_returns_eof_when_the_peer_closes)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->aclose();
        BOOST_TEST(b->recv(1024).empty());
    });
}

BOOST_AUTO_TEST_CASE(send_all_sends_everything_while_the_peer_reads_slowly)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        const std::string data = pattern(8 * 1024 * 1024, 7);
        std::string received;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { received = recv_exactly(*b, data.size()); });
            a->send_all(data);
        });
        BOOST_TEST(received.size() == data.size());
        BOOST_TEST((received == data));
    });
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_sends_more_than_iov_max_buffers_in_order)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        std::vector<std::string> chunks;
        std::string expected;
        const long iov_max = ::sysconf(_SC_IOV_MAX);
        const std::size_t count = static_cast<std::size_t>(iov_max > 0 ? iov_max : 1024) * 3 + 17;
        for (std::size_t i = 0; i < count; ++i) {
            chunks.push_back(i % 10 == 0 ? std::string() : pattern(1 + (i * 97) % 4000, static_cast<unsigned>(i)));
            expected += chunks.back();
        }
        std::vector<std::string_view> views(chunks.begin(), chunks.end());
        std::string received;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { received = recv_exactly(*b, expected.size()); });
            a->send_all_from_iterable(views);
        });
        BOOST_TEST(received.size() == expected.size());
        BOOST_TEST((received == expected));
    });
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_of_nothing_sends_nothing)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        a->send_all_from_iterable({});
        std::vector<std::string_view> empties{"", ""};
        a->send_all_from_iterable(empties);
        a->send_all("end");
        BOOST_TEST(b->recv(1024) == "end");
    });
}

BOOST_AUTO_TEST_CASE(every_operation_after_aclose_throws_ebadf)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        BOOST_TEST(!a->is_closing());
        a->aclose();
        BOOST_TEST(a->is_closing());
        a->aclose(); // idempotent
        char buffer[4];
        auto ebadf = [](const boost::system::system_error& e) { return is_errno(e, EBADF); };
        BOOST_CHECK_EXCEPTION(a->recv(4), boost::system::system_error, ebadf);
        BOOST_CHECK_EXCEPTION(a->recv_into(buffer), boost::system::system_error, ebadf);
        BOOST_CHECK_EXCEPTION(a->send_all("x"), boost::system::system_error, ebadf);
        std::vector<std::string_view> views{"x"};
        BOOST_CHECK_EXCEPTION(a->send_all_from_iterable(views), boost::system::system_error, ebadf);
        BOOST_CHECK_EXCEPTION(a->send_eof(), boost::system::system_error, ebadf);
    });
}

BOOST_AUTO_TEST_CASE(aclose_wakes_a_task_blocked_in_recv_with_ebadf)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& b = pair.b;
        bool got_ebadf = false;
        backend::with_task_group([&](backend::task_group& tg) {
            auto reader = tg.start([&] {
                try {
                    (void)b->recv(16);
                } catch (const boost::system::system_error& e) {
                    got_ebadf = is_errno(e, EBADF);
                }
            });
            backend::coro_yield(); // let the reader block in recv
            b->aclose();
        });
        BOOST_TEST(got_ebadf);
    });
}

BOOST_AUTO_TEST_CASE(aclose_forcefully_closes_at_once_and_swallows_its_own_cancellation)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        transports::aclose_forcefully(*a);
        BOOST_TEST(a->is_closing());
        BOOST_TEST(b->recv(16).empty()); // the peer sees EOF
    });
}

BOOST_AUTO_TEST_CASE(aclose_in_a_cancelled_scope_still_closes)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto scope = backend::open_cancel_scope();
        scope.cancel();
        scope.run([&] { a->aclose(); });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(a->is_closing());
    });
}

BOOST_AUTO_TEST_CASE(a_cancelled_recv_loses_no_data)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        auto scope = backend::open_cancel_scope();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { scope.run([&] { (void)b->recv(16); }); });
            backend::coro_yield();
            scope.cancel();
        });
        BOOST_TEST(scope.cancelled_caught());
        a->send_all("kept");
        BOOST_TEST(b->recv(16) == "kept");
    });
}

BOOST_AUTO_TEST_CASE(send_all_to_a_closed_peer_throws_a_system_error)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        auto& b = pair.b;
        b->aclose();
        const std::string data(1024 * 1024, 'x');
        BOOST_CHECK_EXCEPTION(a->send_all(data), boost::system::system_error, [](const auto& e) {
            return is_errno(e, EPIPE) || is_errno(e, ECONNRESET);
        });
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_a_tcp_connection)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        auto server_address = listeners[0]->extra(socket_attribute::local_address);
        auto client = backend::create_tcp_connection("127.0.0.1", server_address.as_inet().port());
        BOOST_TEST(client->extra(socket_attribute::family) == AF_INET);
        BOOST_TEST((client->extra(socket_attribute::remote_address) == server_address));
        auto local = client->extra(socket_attribute::local_address);
        BOOST_TEST(local.as_inet().address().to_string() == "127.0.0.1");
        BOOST_TEST(local.as_inet().port() != 0);
        auto proxy = client->extra(socket_attribute::socket);
        BOOST_TEST(proxy.get_option(IPPROTO_TCP, TCP_NODELAY) != 0);
        BOOST_TEST(proxy.get_option(SOL_SOCKET, SO_KEEPALIVE) != 0);
        BOOST_TEST(proxy.type() == SOCK_STREAM);
        BOOST_TEST(proxy.family() == AF_INET);
        client->aclose();
        BOOST_TEST(proxy.fileno() == -1);
        BOOST_CHECK_EXCEPTION(proxy.get_option(IPPROTO_TCP, TCP_NODELAY), boost::system::system_error,
                              [](const auto& e) { return is_errno(e, EBADF); });
        BOOST_CHECK_THROW(client->extra(socket_attribute::remote_address), easynet::typed_attribute_lookup_error);
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_of_a_unix_socketpair)
{
    easynet_test::run([] {
        auto pair = make_pair();
        auto& a = pair.a;
        BOOST_TEST(a->extra(socket_attribute::family) == AF_UNIX);
        BOOST_TEST(a->extra(socket_attribute::local_address).as_unix().is_unnamed());
        BOOST_TEST(a->extra(socket_attribute::remote_address).to_string() == "<unnamed>");
        BOOST_TEST(a->extra_attributes().size() == 4u);
    });
}

BOOST_AUTO_TEST_CASE(adopting_a_datagram_socket_throws_invalid_argument_and_leaves_it_open)
{
    easynet_test::run([] {
        int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        BOOST_REQUIRE(fd >= 0);
        BOOST_CHECK_THROW(socket_transport{fd}, std::invalid_argument);
        BOOST_TEST(::close(fd) == 0);
    });
}

BOOST_AUTO_TEST_CASE(adopting_a_socket_outside_a_task_throws_not_in_task_error)
{
    int fds[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    BOOST_CHECK_THROW(socket_transport{fds[0]}, easynet::not_in_task_error);
    ::close(fds[0]);
    ::close(fds[1]);
}

BOOST_AUTO_TEST_SUITE_END()
