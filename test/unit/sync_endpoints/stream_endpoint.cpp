#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>

#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <cmath>
#include <functional>
#include <string>

namespace endpoints = easynet::lowlevel::api_sync::endpoints;
namespace transports = easynet::lowlevel::api_sync::transports;
namespace protocol = easynet::protocol;
namespace serializers = easynet::serializers;
using easynet::lowlevel::raw_ancillary_message;
using transports::seconds;
using namespace std::chrono_literals;

namespace {

using endpoint = endpoints::stream_endpoint<std::string>;

protocol::stream_protocol<std::string> line_protocol()
{
    return protocol::stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

protocol::buffered_stream_protocol<std::string> buffered_line_protocol()
{
    return protocol::buffered_stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

/// An endpoint on one end of `fds` (taken), with the plain or the buffered line protocol.
endpoint make_endpoint(easynet_test::fd_pair& fds, bool buffered, std::size_t max_recv_size = 16384)
{
    auto t = std::make_unique<transports::socket_stream_transport>(fds.release_first(), 50ms);
    if (buffered)
        return endpoint(std::move(t), buffered_line_protocol(), max_recv_size);
    return endpoint(std::move(t), line_protocol(), max_recv_size);
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

double now() { return easynet::lowlevel::api_async::backend::current_time(); }

} // namespace

BOOST_AUTO_TEST_SUITE(stream_endpoint)

BOOST_AUTO_TEST_CASE(partial_packet_is_kept_after_a_zero_timeout_Y2_item_39)
{
    for (bool buffered : {false, true}) {
        BOOST_TEST_CONTEXT("buffered=" << buffered)
        {
            auto fds = easynet_test::tcp_loopback_pair();
            auto ep = make_endpoint(fds, buffered);
            easynet_test::write_all(fds.second, "E\nF\nG\nH\nI");
            for (const char* expected : {"E", "F", "G", "H"})
                BOOST_CHECK_EQUAL(ep.recv_packet(5s), expected);
            BOOST_CHECK_THROW(ep.recv_packet(seconds{0}), easynet::timeout_error);
            easynet_test::write_all(fds.second, "J\n");
            BOOST_CHECK_EQUAL(ep.recv_packet(5s), "IJ");
        }
    }
}

BOOST_AUTO_TEST_CASE(data_arriving_later_completes_the_packet_item_40)
{
    for (bool buffered : {false, true}) {
        BOOST_TEST_CONTEXT("buffered=" << buffered)
        {
            auto fds = easynet_test::tcp_loopback_pair();
            auto ep = make_endpoint(fds, buffered);
            easynet_test::write_all(fds.second, "ABC");
            BOOST_CHECK_THROW(ep.recv_packet(seconds{0}), easynet::timeout_error);
            easynet_test::write_all(fds.second, "DEF\n");
            BOOST_CHECK_EQUAL(ep.recv_packet(), "ABCDEF");
        }
    }
}

BOOST_AUTO_TEST_CASE(zero_timeout_keeps_reading_while_reads_fill_the_buffer_W4)
{
    auto fds = easynet_test::unix_stream_pair();
    auto ep = make_endpoint(fds, false, 4);
    easynet_test::write_all(fds.second, "0123456789AB\n");
    BOOST_CHECK_EQUAL(ep.recv_packet(seconds{0}), "0123456789AB"); // reads of 4, 4, 4, 1
    easynet_test::write_all(fds.second, "0123456789");               // 4, 4, then a short read of 2
    BOOST_CHECK_THROW(ep.recv_packet(seconds{0}), easynet::timeout_error);
    BOOST_CHECK_EQUAL(ep.buffered_data(), "0123456789");
    easynet_test::write_all(fds.second, "\n");
    BOOST_CHECK_EQUAL(ep.recv_packet(seconds{0}), "0123456789");
}

BOOST_AUTO_TEST_CASE(finite_budget_expires_with_timeout_error_W4)
{
    for (bool buffered : {false, true}) {
        auto fds = easynet_test::tcp_loopback_pair();
        auto ep = make_endpoint(fds, buffered);
        easynet_test::write_all(fds.second, "no newline");
        const double start = now();
        BOOST_CHECK_THROW(ep.recv_packet(200ms), easynet::timeout_error);
        BOOST_CHECK_GE(now() - start, 0.19);
        BOOST_CHECK_LT(now() - start, 2.0);
        BOOST_CHECK_EQUAL(ep.buffered_data(), "no newline");
    }
}

BOOST_AUTO_TEST_CASE(end_of_stream_is_sticky_after_buffered_packets_C7)
{
    for (bool buffered : {false, true}) {
        BOOST_TEST_CONTEXT("buffered=" << buffered)
        {
            auto fds = easynet_test::tcp_loopback_pair();
            auto ep = make_endpoint(fds, buffered);
            easynet_test::write_all(fds.second, "A\nB\npartial");
            BOOST_REQUIRE(::shutdown(fds.second, SHUT_WR) == 0);
            BOOST_CHECK_EQUAL(ep.recv_packet(5s), "A");
            BOOST_CHECK_EQUAL(ep.recv_packet(5s), "B");
            for (int i = 0; i < 2; ++i) {
                try {
                    ep.recv_packet(5s);
                    BOOST_FAIL("no end of stream");
                } catch (const boost::system::system_error& e) {
                    BOOST_CHECK_EQUAL(e.code().value(), ECONNABORTED);
                    BOOST_CHECK(std::string(e.what()).find("end-of-stream") != std::string::npos);
                }
            }
            BOOST_CHECK(ep.eof_received());
            ep.send_packet("still sending", 5s); // the peer only shut down its write side
            char buf[32];
            BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 14);
        }
    }
}

BOOST_AUTO_TEST_CASE(send_eof_then_send_packet_is_refused)
{
    auto fds = easynet_test::tcp_loopback_pair();
    auto ep = make_endpoint(fds, false);
    ep.send_packet("hello", 5s);
    ep.send_eof();
    ep.send_eof();
    BOOST_CHECK(ep.eof_sent());
    BOOST_CHECK_THROW(ep.send_packet("again", 5s), std::runtime_error);
    char buf[16];
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 6);
    BOOST_CHECK_EQUAL(::recv(fds.second, buf, sizeof(buf), 0), 0);
    easynet_test::write_all(fds.second, "reply\n"); // receiving goes on
    BOOST_CHECK_EQUAL(ep.recv_packet(5s), "reply");
}

BOOST_AUTO_TEST_CASE(closed_endpoint_fails_with_ebadf_and_send_eof_is_a_no_op)
{
    auto fds = easynet_test::unix_stream_pair();
    auto ep = make_endpoint(fds, true);
    ep.close();
    ep.close();
    BOOST_CHECK(ep.is_closed());
    ep.send_eof();
    BOOST_CHECK_EQUAL(error_of([&] { ep.recv_packet(1s); }), EBADF);
    BOOST_CHECK_EQUAL(error_of([&] { ep.send_packet("x", 1s); }), EBADF);
}

BOOST_AUTO_TEST_CASE(negative_or_nan_timeout_is_invalid_argument)
{
    auto fds = easynet_test::unix_stream_pair();
    auto ep = make_endpoint(fds, false);
    BOOST_CHECK_THROW(ep.recv_packet(seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(ep.recv_packet(seconds{std::nan("")}), std::invalid_argument);
    BOOST_CHECK_THROW(ep.send_packet("x", seconds{-1}), std::invalid_argument);
    BOOST_CHECK_THROW(endpoint(nullptr, line_protocol()), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(partial_packet_with_ancillary_is_an_eof_error_and_kept_A1)
{
    for (bool buffered : {false, true}) {
        BOOST_TEST_CONTEXT("buffered=" << buffered)
        {
            auto fds = easynet_test::unix_stream_pair();
            auto ep = make_endpoint(fds, buffered);
            int calls = 0;
            auto on_ancillary = [&](std::vector<raw_ancillary_message>) { ++calls; };
            easynet_test::write_all(fds.second, "par");
            try {
                ep.recv_packet_with_ancillary(256, on_ancillary, 5s);
                BOOST_FAIL("no eof_error");
            } catch (const easynet::eof_error& e) {
                BOOST_CHECK_EQUAL(e.what(), "Received partial packet data");
            }
            BOOST_CHECK_EQUAL(calls, 1);
            easynet_test::write_all(fds.second, "tial\nnext\n");
            BOOST_CHECK_EQUAL(ep.recv_packet_with_ancillary(256, on_ancillary, 5s), "partial");
            BOOST_CHECK_EQUAL(calls, 2);
            // "next" is already buffered: returned without reading, callback not called.
            BOOST_CHECK_EQUAL(ep.recv_packet_with_ancillary(256, on_ancillary, seconds{0}), "next");
            BOOST_CHECK_EQUAL(calls, 2);
            BOOST_CHECK_THROW(ep.recv_packet_with_ancillary(0, on_ancillary, seconds{0}), std::invalid_argument);
        }
    }
}

BOOST_AUTO_TEST_CASE(ancillary_on_tcp_is_unsupported)
{
    auto fds = easynet_test::tcp_loopback_pair();
    auto ep = make_endpoint(fds, false);
    BOOST_CHECK_THROW(ep.recv_packet_with_ancillary(256, [](auto) {}, seconds{0}), easynet::unsupported_operation);
    BOOST_CHECK_THROW(ep.send_packet_with_ancillary("x", {}, seconds{0}), easynet::unsupported_operation);
}

BOOST_AUTO_TEST_SUITE_END()
