#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace endpoints = easynet::lowlevel::api_async::endpoints;
namespace transports = easynet::lowlevel::api_async::transports;
namespace protocol = easynet::protocol;
namespace serializers = easynet::serializers;
using namespace std::chrono_literals;

namespace {

/// Two connected stream transports (a socketpair), for tests run inside a task.
struct pair {
    std::unique_ptr<transports::async_stream_transport> a, b;
};

pair make_pair()
{
    std::array<int, 2> fds{};
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds.data()) == 0);
    return {backend::wrap_stream_socket(fds[0]), backend::wrap_stream_socket(fds[1])};
}

protocol::stream_protocol<std::string> line_protocol()
{
    return protocol::stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

protocol::buffered_stream_protocol<std::string> buffered_line_protocol()
{
    return protocol::buffered_stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

int error_of(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const boost::system::system_error& e) {
        return e.code().value();
    }
    return 0;
}

} // namespace

BOOST_AUTO_TEST_SUITE(stream_endpoint)

BOOST_AUTO_TEST_CASE(packets_round_trip_with_plain_and_buffered_protocols)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> plain(std::move(a), line_protocol());
        endpoints::async_stream_endpoint<std::string> buffered(std::move(b), buffered_line_protocol(), 64);
        plain.send_packet("hello");
        BOOST_TEST(buffered.recv_packet() == "hello");
        buffered.send_packet("world");
        BOOST_TEST(plain.recv_packet() == "world");
        plain.aclose();
        buffered.aclose();
        BOOST_TEST(plain.is_closing());
    });
}

BOOST_AUTO_TEST_CASE(several_packets_in_one_read_and_one_packet_over_several_reads_P2)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), line_protocol());
        a->send_all("one\ntwo\nthr");
        BOOST_TEST(ep.recv_packet() == "one");
        BOOST_TEST(ep.try_recv_buffered_packet().value() == "two");
        BOOST_TEST(!ep.try_recv_buffered_packet());
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { a->send_all("ee\n"); });
            BOOST_TEST(backend::timeout(10s, [&] { return ep.recv_packet(); }) == "three");
        });
    });
}

BOOST_AUTO_TEST_CASE(end_of_stream_is_sticky_after_buffered_packets_C7)
{
    for (bool buffered : {false, true}) {
        easynet_test::run([buffered] {
            auto pr = make_pair();
            auto& a = pr.a;
            auto& b = pr.b;
            std::optional<endpoints::async_stream_endpoint<std::string>> ep;
            if (buffered)
                ep.emplace(std::move(b), buffered_line_protocol());
            else
                ep.emplace(std::move(b), line_protocol());
            a->send_all("A\nB\nC");
            a->send_eof();
            BOOST_TEST(ep->recv_packet() == "A");
            BOOST_TEST(ep->recv_packet() == "B");
            BOOST_TEST(error_of([&] { ep->recv_packet(); }) == ECONNABORTED); // "C" is dropped
            BOOST_TEST(ep->eof_received());
            BOOST_TEST(error_of([&] { ep->recv_packet(); }) == ECONNABORTED);
            // Sending still works after the peer's SHUT_WR.
            ep->send_packet("still here");
            BOOST_TEST(a->recv(100) == "still here\n");
        });
    }
}

BOOST_AUTO_TEST_CASE(a_parse_error_keeps_the_stream_usable_C8)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), line_protocol());
        a->send_all("\xe9\nvalid\n");
        BOOST_CHECK_THROW(ep.recv_packet(), easynet::stream_protocol_parse_error);
        BOOST_TEST(ep.recv_packet() == "valid");
    });
}

BOOST_AUTO_TEST_CASE(send_eof_is_idempotent_and_forbids_sending_C9)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), line_protocol());
        ep.send_packet("last");
        ep.send_eof();
        ep.send_eof();
        BOOST_TEST(ep.eof_sent());
        BOOST_CHECK_EXCEPTION(ep.send_packet("more"), std::runtime_error, [](const std::runtime_error& e) {
            return std::string(e.what()) == "send_eof() has been called earlier";
        });
        BOOST_TEST(a->recv(100) == "last\n");
        BOOST_TEST(a->recv(100).empty()); // EOF
        a->send_all("reply\n");
        BOOST_TEST(ep.recv_packet() == "reply"); // receiving goes on
        ep.aclose();
        ep.send_eof(); // no-op once closed
    });
}

BOOST_AUTO_TEST_CASE(a_second_concurrent_receiver_is_refused_W1)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), line_protocol());
        bool refused = false;
        backend::with_task_group([&](backend::task_group& tg) {
            auto first = tg.start([&] { return ep.recv_packet(); });
            try {
                ep.recv_packet();
            } catch (const easynet::busy_resource_error& e) {
                refused = std::string(e.what()) == "another task is currently receiving data on this endpoint";
            }
            a->send_all("x\n");
            BOOST_TEST(backend::timeout(10s, [&] { return first.join(); }) == "x");
        });
        BOOST_TEST(refused);
    });
}

BOOST_AUTO_TEST_CASE(a_cancelled_receive_loses_nothing)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), buffered_line_protocol());
        a->send_all("par");
        BOOST_TEST(!backend::move_on_after(0.05s).run([&] { return ep.recv_packet(); }));
        a->send_all("tial\n");
        BOOST_TEST(backend::timeout(10s, [&] { return ep.recv_packet(); }) == "partial");
    });
}

BOOST_AUTO_TEST_CASE(a_crashing_serializer_writes_nothing_P5)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        auto scripted = std::make_shared<easynet_test::scripted_serializer>();
        endpoints::async_stream_endpoint<std::string> ep(std::move(b), protocol::stream_protocol<std::string>(scripted));
        // "crash" makes the serializer throw after a first chunk was produced.
        BOOST_CHECK_EXCEPTION(ep.send_packet("crash"), easynet::protocol_crash_error, [](const auto& e) {
            return std::string(e.what()) == "protocol.generate_chunks() crashed";
        });
        ep.send_eof();
        BOOST_TEST(a->recv(100).empty()); // only the EOF arrived
    });
}

BOOST_AUTO_TEST_CASE(receiver_and_sender_halves)
{
    easynet_test::run([] {
        auto pr = make_pair();
        auto& a = pr.a;
        auto& b = pr.b;
        endpoints::async_stream_sender_endpoint<std::string> tx(std::move(a), line_protocol());
        endpoints::async_stream_receiver_endpoint<std::string> rx(std::move(b), buffered_line_protocol());
        tx.send_packet("half");
        BOOST_TEST(rx.recv_packet() == "half");
        BOOST_CHECK_THROW(endpoints::async_stream_endpoint<std::string>(nullptr, line_protocol()), std::invalid_argument);
        BOOST_CHECK_THROW(endpoints::async_stream_endpoint<std::string>(make_pair().a, line_protocol(), 0),
                          std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(packets_with_file_descriptors_A1)
{
    for (bool buffered : {false, true}) {
        easynet_test::run([buffered] {
            auto pr = make_pair();
            auto& a = pr.a;
            auto& b = pr.b;
            endpoints::async_stream_endpoint<std::string> tx(std::move(a), line_protocol());
            std::optional<endpoints::async_stream_endpoint<std::string>> rx;
            if (buffered)
                rx.emplace(std::move(b), buffered_line_protocol());
            else
                rx.emplace(std::move(b), line_protocol());

            std::array<int, 2> p{};
            BOOST_REQUIRE(::pipe2(p.data(), O_CLOEXEC) == 0);
            easynet::lowlevel::socket_ancillary sent;
            sent.add_fds(p);
            tx.send_packet_with_ancillary("fds", sent.as_raw());
            ::close(p[0]);
            ::close(p[1]);

            easynet::lowlevel::socket_ancillary received;
            std::string packet = rx->recv_packet_with_ancillary(
                easynet::defaults::unix_ancillary_bufsize,
                [&](std::vector<easynet::lowlevel::raw_ancillary_message> raw) { received.update_from_raw(raw); });
            BOOST_TEST(packet == "fds");
            auto fds = received.take_fds();
            BOOST_TEST(fds.size() == 2u);
            // The two descriptors are the two ends of the pipe.
            BOOST_TEST(::write(fds[1], "z", 1) == 1);
            char c = 0;
            BOOST_TEST(::read(fds[0], &c, 1) == 1);
            BOOST_TEST(c == 'z');
            for (int fd : fds)
                ::close(fd);

            // A packet already buffered comes back without a read: the callback is not called.
            tx.transport().send_all("a\nb\n");
            BOOST_TEST(rx->recv_packet() == "a");
            bool called = false;
            BOOST_TEST(rx->recv_packet_with_ancillary(64, [&](auto) { called = true; }) == "b");
            BOOST_TEST(!called);
            // One read that does not complete a packet: eof_error, the bytes are kept.
            tx.transport().send_all("par");
            BOOST_CHECK_THROW(rx->recv_packet_with_ancillary(64, [&](auto) { called = true; }), easynet::eof_error);
            BOOST_TEST(called);
            tx.transport().send_all("tial\n");
            BOOST_TEST(rx->recv_packet() == "partial");
            BOOST_CHECK_THROW(rx->recv_packet_with_ancillary(0, [](auto) {}), std::invalid_argument);
        });
    }
}

BOOST_AUTO_TEST_CASE(ancillary_data_is_unsupported_over_tcp)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        const auto port = listeners[0]->extra(easynet::lowlevel::socket_attribute::local_address).as_inet().port();
        endpoints::async_stream_endpoint<std::string> ep(backend::create_tcp_connection("127.0.0.1", port),
                                                         line_protocol());
        BOOST_CHECK_THROW(ep.send_packet_with_ancillary("x", {}), easynet::unsupported_operation);
        BOOST_CHECK_THROW(ep.recv_packet_with_ancillary(64, [](auto) {}), easynet::unsupported_operation);
    });
}

BOOST_AUTO_TEST_SUITE_END()
