#include <easynet/lowlevel/api_async/backend/network.hpp>

#include "network_common.hpp"

#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_listener.hpp>

#include <boost/asio/generic/stream_protocol.hpp>

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace easynet::lowlevel::api_async::backend {

namespace td = transports::detail;

namespace {

/// B1: resolves every host (empty: all interfaces), de-duplicated and sorted.
std::vector<address_info> resolve_listener_hosts(const std::vector<std::string>& hosts, std::uint16_t port,
                                                 int socktype, int protocol)
{
    std::vector<address_info> infos;
    for (const auto& host : hosts) {
        const int flags = AI_PASSIVE | (host.empty() ? AI_ADDRCONFIG : 0);
        auto resolved = detail::resolve_address(host, port, AF_UNSPEC, socktype, protocol, flags);
        infos.insert(infos.end(), resolved.begin(), resolved.end());
    }
    auto key = [](const address_info& a) {
        return std::make_tuple(a.family, a.socktype, a.protocol, a.address.to_string(), a.port);
    };
    std::sort(infos.begin(), infos.end(), [&](const address_info& a, const address_info& b) { return key(a) < key(b); });
    infos.erase(std::unique(infos.begin(), infos.end(),
                            [&](const address_info& a, const address_info& b) { return key(a) == key(b); }),
                infos.end());
    return infos;
}

/// B2–B5: opens, configures and binds one socket per address; all or nothing.
std::vector<detail::unique_fd> open_listener_sockets(const std::vector<address_info>& infos, int socktype,
                                                     int backlog, bool reuse_port)
{
    std::vector<detail::unique_fd> sockets;
    std::vector<std::exception_ptr> errors;
    for (const auto& info : infos) {
        detail::unique_fd fd;
        try {
            fd = detail::open_socket(info.family, socktype, info.protocol);
        } catch (const boost::system::system_error&) {
            continue; // an unsupported family/type/protocol combination
        }
        if (socktype == SOCK_STREAM)
            detail::set_int_option(fd.get(), SOL_SOCKET, SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)");
        if (reuse_port)
            detail::set_int_option(fd.get(), SOL_SOCKET, SO_REUSEPORT, 1, "setsockopt(SO_REUSEPORT)");
        if (info.family == AF_INET6)
            detail::set_int_option(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, 1, "setsockopt(IPV6_V6ONLY)");
        const socket_address address = detail::to_socket_address(info);
        if (int error = detail::bind_socket(fd.get(), address); error != 0) {
            errors.push_back(detail::bind_error(error, address.to_string()));
            continue;
        }
        if (socktype == SOCK_STREAM && ::listen(fd.get(), backlog) != 0)
            td::throw_errno(errno, "listen");
        sockets.push_back(std::move(fd));
    }
    if (!errors.empty())
        throw exception_group("Error when trying to create listeners", std::move(errors));
    return sockets;
}

std::vector<stream_listener_ptr> tcp_listeners(const std::vector<std::string>& hosts, std::uint16_t port, int backlog,
                                               bool reuse_port)
{
    constexpr const char* function = "create_tcp_listeners";
    auto& context = td::current_context(function);
    if (backlog < 1)
        throw std::invalid_argument("backlog must be at least 1");
    const auto infos = resolve_listener_hosts(hosts, port, SOCK_STREAM, IPPROTO_TCP);
    auto sockets = open_listener_sockets(infos, SOCK_STREAM, backlog, reuse_port);
    std::vector<stream_listener_ptr> listeners;
    listeners.reserve(sockets.size());
    for (auto& fd : sockets) {
        int family = AF_INET;
        socklen_t length = sizeof(family);
        ::getsockopt(fd.get(), SOL_SOCKET, SO_DOMAIN, &family, &length);
        td::stream_acceptor acceptor(context);
        boost::system::error_code ec;
        acceptor.assign(boost::asio::generic::stream_protocol(family, IPPROTO_TCP), fd.get(), ec);
        if (ec)
            td::throw_error(ec, function);
        fd.release();
        listeners.push_back(std::make_unique<transports::socket_stream_listener>(
            std::make_unique<td::acceptor_state>(std::move(acceptor), backlog)));
    }
    return listeners;
}

std::vector<datagram_listener_ptr> udp_listeners(const std::vector<std::string>& hosts, std::uint16_t port,
                                                 bool reuse_port)
{
    constexpr const char* function = "create_udp_listeners";
    detail::require_task(function);
    const auto infos = resolve_listener_hosts(hosts, port, SOCK_DGRAM, IPPROTO_UDP);
    auto sockets = open_listener_sockets(infos, SOCK_DGRAM, 0, reuse_port);
    std::vector<datagram_listener_ptr> listeners;
    listeners.reserve(sockets.size());
    for (auto& fd : sockets) {
        auto socket = td::adopt_datagram_socket(fd.get(), function);
        fd.release();
        listeners.push_back(std::make_unique<transports::socket_datagram_listener>(
            std::make_unique<td::datagram_socket_state>(std::move(socket))));
    }
    return listeners;
}

std::vector<std::string> checked_hosts(const std::vector<std::string>& hosts, const char* function)
{
    if (hosts.empty())
        throw std::invalid_argument(std::string(function) + "(): empty host list");
    return hosts;
}

} // namespace

std::vector<stream_listener_ptr> create_tcp_listeners(std::string_view host, std::uint16_t port, int backlog,
                                                      bool reuse_port)
{
    return tcp_listeners({std::string(host)}, port, backlog, reuse_port);
}

std::vector<stream_listener_ptr> create_tcp_listeners(const std::vector<std::string>& hosts, std::uint16_t port,
                                                      int backlog, bool reuse_port)
{
    return tcp_listeners(checked_hosts(hosts, "create_tcp_listeners"), port, backlog, reuse_port);
}

std::vector<datagram_listener_ptr> create_udp_listeners(std::string_view host, std::uint16_t port, bool reuse_port)
{
    return udp_listeners({std::string(host)}, port, reuse_port);
}

std::vector<datagram_listener_ptr> create_udp_listeners(const std::vector<std::string>& hosts, std::uint16_t port,
                                                        bool reuse_port)
{
    return udp_listeners(checked_hosts(hosts, "create_udp_listeners"), port, reuse_port);
}

} // namespace easynet::lowlevel::api_async::backend
