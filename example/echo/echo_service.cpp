//
// easynet echo tools — the echo service (see echo_service.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_service.hpp"

#include "echo_format.hpp"

#include <easynet/exceptions/protocol.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet/servers/async_udp_network_server.hpp>
#include <easynet/servers/async_unix_datagram_server.hpp>
#include <easynet/servers/async_unix_stream_server.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <variant>

namespace easynet_echo {

namespace servers = easynet::servers;

namespace {

/// The stream echo server of `protocol` (its packets are both the requests and the responses).
template <class Protocol>
std::unique_ptr<servers::async_base_server> make_stream_server(const echo_options& options, const Protocol& protocol)
{
    using packet_type = typename Protocol::received_packet_type;
    // One request per call: a packet that cannot be decoded gets no echo, and the next
    // call goes on parsing after it. At the client's end of stream the handler closes the
    // connection itself, so it ends with FIN after the last echo (a connection the handler
    // leaves open is reset by the TCP server, SEMANTICS H14b, which may drop echoes still
    // in flight to a client that half-closed after pipelining its requests).
    auto echo = [](auto& client) {
        std::optional<packet_type> request;
        try {
            request.emplace(client.recv_request());
        } catch (const easynet::stream_protocol_parse_error&) {
            return;
        } catch (const servers::client_disconnected&) {
        }
        if (!request) {
            client.aclose();
            throw servers::client_disconnected{}; // never swallowed (lowlevel/request_handler.hpp)
        }
        client.send_packet(*request);
    };
    switch (options.transport) {
    case transport::tcp: {
        servers::tcp_server_options tcp;
        tcp.log_client_connection = false;
        if (options.tls)
            tcp.ssl = easynet::lowlevel::ssl::create_server_context(options.cert, options.key);
        return std::make_unique<servers::async_tcp_network_server<packet_type, packet_type>>(
            options.host, options.port.value_or(0), protocol, echo, std::move(tcp));
    }
    case transport::unix_stream: {
        servers::unix_stream_server_options unix_stream;
        unix_stream.log_client_connection = false;
        return std::make_unique<servers::async_unix_stream_server<packet_type, packet_type>>(options.path, protocol,
                                                                                             echo, unix_stream);
    }
    default:
        throw std::invalid_argument("make_stream_server: not a stream transport");
    }
}

/// The datagram echo server of `protocol`: each datagram that decodes is sent back to its
/// sender; one that does not gets no echo (the handler call ends, the next datagram starts
/// a new one).
template <class Protocol>
std::unique_ptr<servers::async_base_server> make_datagram_server(const echo_options& options, const Protocol& protocol)
{
    using packet_type = typename Protocol::received_packet_type;
    auto echo = [](auto& client) {
        std::optional<packet_type> request;
        try {
            request.emplace(client.recv_request());
        } catch (const easynet::datagram_protocol_parse_error&) {
            return;
        }
        client.send_packet(*request);
    };
    if (options.transport == transport::udp) {
        return std::make_unique<servers::async_udp_network_server<packet_type, packet_type>>(
            options.host, options.port.value_or(0), protocol, echo);
    }
    return std::make_unique<servers::async_unix_datagram_server<packet_type, packet_type>>(options.path, protocol, echo);
}

std::unique_ptr<servers::async_base_server> make_server(const echo_options& options)
{
    if (options.transport == transport::udp || options.transport == transport::unix_dgram) {
        const echo_datagram_protocol protocol = make_echo_datagram_protocol(options.format, options.wrap);
        return std::visit([&](const auto& p) { return make_datagram_server(options, p); }, protocol);
    }
    const echo_protocol protocol = make_echo_protocol(options.format, options.wrap);
    return std::visit([&](const auto& p) { return make_stream_server(options, p); }, protocol);
}

} // namespace

void serve_echo(const echo_options& options, const std::function<void(const std::string& addresses)>& on_listening)
{
    auto server = make_server(options);
    server->server_activate();
    std::string addresses;
    for (const auto& address : server->get_addresses())
        addresses += (addresses.empty() ? "" : ", ") + address.to_string();
    on_listening(addresses);
    std::exception_ptr stopped; // cancelled (stopping) or an error
    try {
        server->serve_forever();
    } catch (...) {
        stopped = std::current_exception();
    }
    // Outside the catch block: closing may suspend. Removes the Unix socket file.
    easynet::lowlevel::api_async::backend::ignore_cancellation([&] { server->server_close(); });
    if (stopped)
        std::rethrow_exception(stopped);
}

} // namespace easynet_echo
