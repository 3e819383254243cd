//
// easynet echo tools — the echo service (see echo_service.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_service.hpp"

#include "echo_format.hpp"

#include <easynet/exceptions/protocol.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <filesystem>
#include <optional>
#include <variant>

namespace easynet_echo {

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
namespace endpoints = easynet::lowlevel::api_async::endpoints;

namespace {

/// Echoes packets on one connection until the peer leaves (or the server stops).
template <class Protocol>
void echo_connection(std::unique_ptr<transports::async_stream_transport> transport, const Protocol& protocol)
{
    using packet_type = typename Protocol::received_packet_type;
    endpoints::async_stream_endpoint<packet_type> endpoint(std::move(transport), protocol);
    try {
        for (;;) {
            std::optional<packet_type> packet;
            try {
                packet.emplace(endpoint.recv_packet());
            } catch (const easynet::stream_protocol_parse_error&) {
                continue; // no echo for a bad packet; parsing resumes after it
            }
            endpoint.send_packet(*packet);
        }
    } catch (const std::exception&) {
        // End of stream, reset, a protocol crash: this connection is over, the others go on.
    }
    endpoint.aclose();
}

std::vector<backend::stream_listener_ptr> open_listeners(const echo_options& options)
{
    std::vector<backend::stream_listener_ptr> listeners;
    if (options.transport == transport::tcp)
        listeners = backend::create_tcp_listeners(options.host, options.port.value_or(0));
    else if (options.transport == transport::unix_stream)
        listeners.push_back(backend::create_unix_stream_listener(options.path));
    else
        throw std::invalid_argument("datagram transports are not supported yet");
    if (options.tls) {
        auto context = easynet::lowlevel::ssl::create_server_context(options.cert, options.key);
        for (auto& listener : listeners)
            listener = std::make_unique<transports::async_tls_listener>(std::move(listener), context);
    }
    return listeners;
}

/// Removes the Unix socket file when serving ends (normally or not).
struct socket_file_remover {
    std::string path;
    ~socket_file_remover()
    {
        std::error_code ignored;
        if (!path.empty())
            std::filesystem::remove(path, ignored);
    }
};

} // namespace

void serve_echo(const echo_options& options, const std::function<void(const std::string& addresses)>& on_listening)
{
    const echo_protocol protocol = make_echo_protocol(options.format, options.wrap);
    auto listeners = open_listeners(options);
    socket_file_remover remover{options.transport == transport::unix_stream ? options.path : std::string()};

    std::string addresses;
    for (const auto& listener : listeners) {
        addresses += (addresses.empty() ? "" : ", ") +
                     listener->extra(easynet::lowlevel::socket_attribute::local_address).to_string();
    }
    on_listening(addresses);

    std::visit(
        [&](const auto& p) {
            backend::with_task_group([&](backend::task_group& group) {
                for (auto& listener : listeners) {
                    group.start_soon([&] {
                        listener->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                            echo_connection(std::move(t), p);
                        });
                    });
                }
            });
        },
        protocol);
}

} // namespace easynet_echo
