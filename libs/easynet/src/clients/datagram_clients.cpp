//
// easynet — non-template helpers of the datagram clients (UDP, Unix datagram).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/clients/async_udp_network_client.hpp>
#include <easynet/clients/async_unix_datagram_client.hpp>
#include <easynet/clients/detail/client_support.hpp>

#include <boost/system/system_error.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <stdexcept>

namespace easynet::clients::detail {

namespace {

boost::system::system_error os_error(int error, const std::string& what = {})
{
    return {error, boost::system::system_category(), what};
}

lowlevel::socket_address local_address_of(lowlevel::native_socket_handle fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        throw os_error(errno, "getsockname");
    return lowlevel::socket_address::from_native(&storage, length);
}

} // namespace

async_datagram_transport_ptr adopt_async_datagram(socket_owner& socket)
{
    if (socket.get() < 0)
        throw os_error(EBADF);
    auto transport = lowlevel::api_async::backend::wrap_connected_datagram_socket(socket.get());
    socket.release();
    return transport;
}

void check_udp_options(int family)
{
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        throw std::invalid_argument("family must be AF_UNSPEC, AF_INET or AF_INET6");
}

void check_udp_socket_bound(const lowlevel::typed_attribute_provider& transport)
{
    const auto local = transport.extra(lowlevel::socket_attribute::local_address);
    if (!local.is_inet() || local.as_inet().port() == 0)
        throw os_error(EADDRNOTAVAIL, "the UDP socket is not bound to a local port");
}

async_datagram_transport_ptr connect_async_udp(const std::string& host, std::uint16_t port,
                                               const async_udp_client_options& options)
{
    auto transport = lowlevel::api_async::backend::create_udp_endpoint(
        host, port, lowlevel::api_async::backend::udp_endpoint_options{options.local_address, options.family});
    check_udp_socket_bound(*transport);
    return transport;
}

void check_adopted_udp_socket(lowlevel::native_socket_handle socket)
{
    check_adopted_socket(socket, true, SOCK_DGRAM);
}

lowlevel::unix_socket_address unix_datagram_local_path(const std::optional<lowlevel::unix_socket_address>& local_path)
{
    if (local_path)
        return *local_path;
#if defined(__linux__)
    return {}; // binding the unnamed address autobinds to an abstract name
#else
    throw std::invalid_argument("local_path parameter is required on this platform and cannot be an empty string");
#endif
}

async_datagram_transport_ptr connect_async_unix_datagram(const lowlevel::unix_socket_address& path,
                                                         const lowlevel::unix_socket_address& local_path)
{
    return lowlevel::api_async::backend::create_unix_datagram_endpoint(path, local_path);
}

void check_adopted_unix_datagram_socket(lowlevel::native_socket_handle socket)
{
    check_adopted_socket(socket, false, SOCK_DGRAM);
    if (local_address_of(socket).as_unix().is_unnamed())
        throw std::invalid_argument("the socket is not bound to a local address (it must be named)");
}

} // namespace easynet::clients::detail
