#include <easynet/lowlevel/api_async/servers/stream.hpp>

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace endpoints = easynet::lowlevel::api_async::endpoints;
namespace servers = easynet::lowlevel::api_async::servers;
namespace protocol = easynet::protocol;
namespace serializers = easynet::serializers;
using easynet::lowlevel::recv_params;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

using server_type = servers::async_stream_server<std::string, std::string>;
using client_type = server_type::client_type;
using endpoint_type = endpoints::async_stream_endpoint<std::string>;

protocol::stream_protocol<std::string> line_protocol()
{
    return protocol::stream_protocol<std::string>(std::make_shared<serializers::string_line_serializer>());
}

bool is_connection_error(const std::exception& e)
{
    auto* s = dynamic_cast<const boost::system::system_error*>(&e);
    return s && (s->code().value() == ECONNABORTED || s->code().value() == ECONNRESET);
}

/// Runs `server` with `handler` on 127.0.0.1, calls `body(port)`, then stops serving.
template <class Body>
void with_server(server_type::client_handler handler, servers::stream_serve_options options, Body body)
{
    auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
    server_type server(std::move(listeners.front()), line_protocol());
    const auto port = server.extra(socket_attribute::local_address).as_inet().port();
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] { server.serve(handler, tg, options); });
        body(port);
        tg.cancel();
    });
    server.aclose();
}

endpoint_type connect(std::uint16_t port)
{
    return endpoint_type(backend::create_tcp_connection("127.0.0.1", port), line_protocol());
}

} // namespace

BOOST_AUTO_TEST_SUITE(stream)

BOOST_AUTO_TEST_CASE(echo_and_buffered_requests_served_in_order_H9)
{
    easynet_test::run([] {
        with_server(
            [](client_type& client) {
                for (;;)
                    client.send_packet("<" + client.recv_request() + ">");
            },
            {.disconnect_error_filter = is_connection_error},
            [](std::uint16_t port) {
                auto ep = connect(port);
                ep.transport().send_all("a\nb\nc\n");
                BOOST_TEST(ep.recv_packet() == "<a>");
                BOOST_TEST(ep.recv_packet() == "<b>");
                BOOST_TEST(ep.recv_packet() == "<c>");
                ep.aclose();
            });
    });
}

BOOST_AUTO_TEST_CASE(timeout_invalid_delay_and_parse_error_are_thrown_at_recv_request_H10_H17)
{
    easynet_test::run([] {
        with_server(
            [](client_type& client) {
                try {
                    client.recv_request({.timeout = backend::seconds(-1)});
                } catch (const std::invalid_argument& e) {
                    client.send_packet(e.what());
                }
                try {
                    client.recv_request({.timeout = 50ms});
                } catch (const easynet::timeout_error&) {
                    client.send_packet("timeout");
                }
                try {
                    client.recv_request();
                } catch (const easynet::stream_protocol_parse_error&) {
                    client.send_packet("parse error");
                }
                client.send_packet(client.recv_request());
            },
            {.disconnect_error_filter = is_connection_error},
            [](std::uint16_t port) {
                auto ep = connect(port);
                BOOST_TEST(ep.recv_packet().rfind("Invalid delay: -1", 0) == 0);
                BOOST_TEST(ep.recv_packet() == "timeout");
                ep.transport().send_all("\xe9\nvalid\n");
                BOOST_TEST(ep.recv_packet() == "parse error");
                BOOST_TEST(ep.recv_packet() == "valid");
                ep.aclose();
            });
    });
}

BOOST_AUTO_TEST_CASE(disconnect_unwinds_with_client_disconnected_not_std_exception_H11)
{
    easynet_test::run([] {
        std::atomic<int> caught_std{0}, unwound{0};
        auto done = backend::create_event();
        with_server(
            [&](client_type& client) {
                try {
                    try {
                        client.recv_request();
                    } catch (const std::exception&) {
                        ++caught_std;
                    }
                } catch (...) {
                    ++unwound;
                    done.set();
                    throw;
                }
            },
            {.disconnect_error_filter = is_connection_error},
            [&](std::uint16_t port) {
                auto ep = connect(port);
                ep.aclose();
                backend::timeout(5s, [&] { done.wait(); });
            });
        BOOST_TEST(caught_std.load() == 0);
        BOOST_TEST(unwound.load() == 1);
    });
}

BOOST_AUTO_TEST_CASE(without_filter_end_of_stream_is_raised_as_system_error_W2)
{
    easynet_test::run([] {
        std::atomic<int> code{0};
        auto done = backend::create_event();
        with_server(
            [&](client_type& client) {
                try {
                    client.recv_request();
                } catch (const boost::system::system_error& e) {
                    code = e.code().value();
                }
                done.set();
            },
            {}, [&](std::uint16_t port) {
                auto ep = connect(port);
                ep.aclose();
                backend::timeout(5s, [&] { done.wait(); });
            });
        BOOST_TEST(code.load() == ECONNABORTED);
    });
}

BOOST_AUTO_TEST_CASE(unhandled_exception_is_logged_and_server_keeps_serving_W3_H14a)
{
    easynet_test::log_capture logs;
    easynet_test::run([] {
        with_server(
            [](client_type& client) {
                auto request = client.recv_request();
                if (request == "boom")
                    throw std::runtime_error("boom!");
                client.send_packet(request);
            },
            {.disconnect_error_filter = is_connection_error},
            [](std::uint16_t port) {
                auto bad = connect(port);
                bad.send_packet("boom");
                BOOST_CHECK_THROW(bad.recv_packet(), boost::system::system_error); // aborted: EOF or reset
                auto good = connect(port);
                good.send_packet("fine");
                BOOST_TEST(good.recv_packet() == "fine");
                // handler returned: graceful close → end of stream
                BOOST_CHECK_THROW(good.recv_packet(), boost::system::system_error);
                bad.aclose();
                good.aclose();
            });
    });
    BOOST_TEST(logs.count(easynet::log_level::error, "Unhandled exception: boom!") == 1u);
}

BOOST_AUTO_TEST_CASE(second_concurrent_serve_is_refused_W1)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        server_type server(std::move(listeners.front()), line_protocol());
        bool refused = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                backend::coro_yield();
                server.serve([](client_type&) {}, tg);
            });
            backend::coro_yield();
            backend::coro_yield();
            try {
                server.serve([](client_type&) {}, tg);
            } catch (const easynet::busy_resource_error&) {
                refused = true;
            }
            tg.cancel();
        });
        server.aclose();
        BOOST_TEST(refused);
    });
}

BOOST_AUTO_TEST_CASE(ancillary_request_without_ancillary_bufsize_is_unsupported_A2)
{
    easynet_test::run([] {
        std::atomic<int> unsupported{0};
        with_server(
            [&](client_type& client) {
                try {
                    client.recv_request({.recv_with_ancillary = easynet::lowlevel::recv_ancillary_data_params{}});
                } catch (const easynet::unsupported_operation&) {
                    ++unsupported;
                }
                try {
                    client.send_packet_with_ancillary("x", {});
                } catch (const easynet::unsupported_operation&) {
                    ++unsupported;
                }
                client.send_packet("done");
            },
            {}, [](std::uint16_t port) {
                auto ep = connect(port);
                BOOST_TEST(ep.recv_packet() == "done");
                ep.aclose();
            });
        BOOST_TEST(unsupported.load() == 2);
    });
}

BOOST_AUTO_TEST_SUITE_END()
