//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/stream_pipeline.hpp>

#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/socket/unix_credentials.hpp>

#include "../lowlevel/connection_error.hpp"

#include <boost/asio/ssl/error.hpp>
#include <boost/system/system_error.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>

namespace easynet::servers::detail {

std::optional<lowlevel::socket_address> peer_address(const lowlevel::typed_attribute_provider& transport)
{
    try {
        return transport.extra(lowlevel::socket_attribute::remote_address);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void set_tcp_client_options(const lowlevel::typed_attribute_provider& transport) noexcept
{
    try {
        auto socket = transport.extra(lowlevel::socket_attribute::socket);
        socket.set_option(IPPROTO_TCP, TCP_NODELAY, 1);
        socket.set_option(SOL_SOCKET, SO_KEEPALIVE, 1);
    } catch (const std::exception&) {
    }
}

void set_linger_zero(const lowlevel::typed_attribute_provider& transport) noexcept
{
    try {
        auto socket = transport.extra(lowlevel::socket_attribute::socket);
        if (socket.fileno() < 0)
            return;
        const ::linger value{1, 0};
        socket.set_option(SOL_SOCKET, SO_LINGER, &value, sizeof value);
    } catch (const std::exception&) {
    }
}

void report_on_disconnection_connection_error(const logger& log)
{
    log.warning("ConnectionError raised in request_handler.on_disconnection()");
}

lowlevel::extra_attribute_map make_client_attributes(const lowlevel::extra_attribute_map& transport_attributes)
{
    lowlevel::extra_attribute_map map;
    map.merge(transport_attributes);
    if (map.contains(lowlevel::socket_attribute::socket)) {
        auto socket = map.get(lowlevel::socket_attribute::socket);
        int family = 0;
        try {
            family = socket.family();
        } catch (const std::exception&) {
        }
        if (family == AF_UNIX) {
            map.set(unix_client_attribute::peer_credentials, [socket] {
                try {
                    return lowlevel::get_peer_credentials(socket.fileno());
                } catch (const std::exception& e) {
                    throw typed_attribute_lookup_error(std::string("peer credentials not available: ") + e.what());
                }
            });
        }
    }
    return map;
}

} // namespace easynet::servers::detail
