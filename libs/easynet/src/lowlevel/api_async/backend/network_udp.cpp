#include <easynet/lowlevel/api_async/backend/network.hpp>

#include "network_common.hpp"

#include <easynet/lowlevel/api_async/transports/socket_datagram_transport.hpp>

#include <boost/system/system_error.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <stdexcept>

namespace easynet::lowlevel::api_async::backend {

namespace td = transports::detail;

namespace detail {
namespace {

/// One attempt of create_udp_endpoint: a socket bound (if asked) and connected to `target`.
unique_fd udp_attempt(const address_info& target, const std::optional<std::vector<address_info>>& local,
                      std::vector<std::exception_ptr>& errors)
{
    unique_fd fd = open_socket(target.family, SOCK_DGRAM, IPPROTO_UDP);
    bind_to_local_address(fd.get(), target.family, local, errors);
    const socket_address remote = to_socket_address(target);
    sockaddr_storage storage{};
    const std::size_t length = remote.to_native(&storage, sizeof(storage));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
        td::throw_errno(errno, "connect call failed " + remote.to_string());
    return fd;
}

} // namespace
} // namespace detail

datagram_transport_ptr create_udp_endpoint(const std::string& remote_host, std::uint16_t remote_port,
                                           const udp_endpoint_options& options)
{
    constexpr const char* function = "create_udp_endpoint";
    detail::require_task(function);
    const int family = options.family;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        throw std::invalid_argument("create_udp_endpoint(): family must be AF_UNSPEC, AF_INET or AF_INET6");
    const auto remote = detail::resolve_address(remote_host, remote_port, family, SOCK_DGRAM, IPPROTO_UDP, 0);
    const auto local = detail::resolve_local_address(options.local_address, family, SOCK_DGRAM, IPPROTO_UDP);
    std::vector<std::exception_ptr> errors;
    for (const auto& target : remote) {
        detail::require_task(function).checkpoint();
        try {
            detail::unique_fd fd = detail::udp_attempt(target, local, errors);
            auto socket = td::adopt_datagram_socket(fd.get(), function);
            fd.release();
            return std::make_unique<transports::socket_datagram_transport>(
                std::make_unique<td::datagram_socket_state>(std::move(socket)));
        } catch (const boost::system::system_error&) {
            errors.push_back(std::current_exception());
        }
    }
    throw exception_group("create_connection() failed", std::move(errors));
}

datagram_transport_ptr wrap_connected_datagram_socket(native_socket_handle socket)
{
    return std::make_unique<transports::socket_datagram_transport>(socket);
}

} // namespace easynet::lowlevel::api_async::backend
