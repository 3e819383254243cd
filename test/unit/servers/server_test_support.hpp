// Helpers shared by the server tests: the line protocol, serving a server for the length
// of a test body, loopback endpoints and probes of what the server did to a connection.
#ifndef EASYNET_TEST_UNIT_SERVERS_SERVER_TEST_SUPPORT_HPP
#define EASYNET_TEST_UNIT_SERVERS_SERVER_TEST_SUPPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/servers/abc.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet/servers/stream_request_handler.hpp>
#include <easynet_test/tls_files.hpp>

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <type_traits>

namespace servers_test {

namespace backend = easynet::lowlevel::api_async::backend;
namespace endpoints = easynet::lowlevel::api_async::endpoints;
using namespace std::chrono_literals;

namespace servers = easynet::servers;
using easynet::log_level;

using endpoint_type = endpoints::async_stream_endpoint<std::string>;
/// The TCP server most tests use: line requests and responses.
using tcp_server_type = servers::async_tcp_network_server<std::string, std::string>;

inline easynet::protocol::stream_protocol<std::string> line_protocol()
{
    return easynet::protocol::stream_protocol<std::string>(
        std::make_shared<easynet::serializers::string_line_serializer>());
}

/// A handler echoing each request line.
inline auto echo()
{
    return easynet::servers::make_stream_request_handler<std::string, std::string>(
        [](auto& client) { client.send_packet(client.recv_request()); });
}

/// The port of a TCP server's first listener.
inline std::uint16_t port_of(const easynet::servers::async_base_server& server)
{
    return server.get_addresses().front().as_inet().port();
}

/** Starts `server.serve_forever` in `tg` and returns once the server is up (5 s bound).
    @return an event set when serve_forever returns. */
inline backend::event start_serving(backend::task_group& tg, easynet::servers::async_base_server& server)
{
    auto up = backend::create_event();
    auto done = backend::create_event();
    tg.start_soon([&server, up, done]() mutable {
        server.serve_forever(up);
        done.set();
    });
    backend::timeout(5s, [&] { up.wait(); });
    return done;
}

/** Serves `server` in a task, runs `body` once it is up (`body(port)` for a TCP server,
    `body()` otherwise), then shuts it down (5 s bound) and closes it. */
template <class Server, class Body>
void with_server(Server& server, Body body)
{
    backend::with_task_group([&](backend::task_group& tg) {
        start_serving(tg, server);
        if constexpr (std::is_invocable_v<Body, std::uint16_t>)
            body(port_of(server));
        else
            body();
        backend::timeout(5s, [&] { server.shutdown(); });
    });
    server.server_close();
}

/// A line endpoint connected to 127.0.0.1:`port`.
inline endpoint_type connect(std::uint16_t port)
{
    return endpoint_type(backend::create_tcp_connection("127.0.0.1", port), line_protocol());
}

/// A line endpoint connected to the Unix socket at `path`.
inline endpoint_type connect(const std::filesystem::path& path)
{
    return endpoint_type(
        backend::create_unix_stream_connection(easynet::lowlevel::unix_socket_address(path.string())),
        line_protocol());
}

/// Waits until the peer closes (EOF or reset); true if it did within 5 s.
inline bool closed_by_server(endpoint_type& ep)
{
    try {
        backend::timeout(5s, [&] {
            for (;;)
                ep.recv_packet();
        });
    } catch (const easynet::timeout_error&) {
        return false;
    } catch (const boost::system::system_error&) {
        return true;
    }
    return true;
}

/// Closes `ep` with a reset (SO_LINGER 0).
inline void reset(endpoint_type& ep)
{
    const ::linger value{1, 0};
    ep.extra(easynet::lowlevel::socket_attribute::socket).set_option(SOL_SOCKET, SO_LINGER, &value, sizeof value);
    ep.aclose();
}

/// A second client checks that the (echoing) server on `port` still serves.
inline void check_still_serving(std::uint16_t port)
{
    auto other = connect(port);
    other.send_packet("still there?");
    BOOST_TEST(other.recv_packet() == "still there?");
    other.aclose();
}

using easynet_test::tls_client_context;
using easynet_test::tls_server_context;

} // namespace servers_test

#endif
