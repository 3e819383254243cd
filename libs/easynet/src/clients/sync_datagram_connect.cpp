//
// easynet — blocking creation of the sockets of the sync datagram clients (SEMANTICS Y1).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/clients/udp_network_client.hpp>
#include <easynet/clients/unix_datagram_client.hpp>
#include <easynet/exceptions/core.hpp>

#include "blocking_resolve.hpp"

#include <boost/system/system_error.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <string>
#include <vector>

namespace easynet::clients::detail {

namespace {

boost::system::system_error os_error(int error, const std::string& what = {})
{
    return {error, boost::system::system_category(), what};
}

/// One attempt of connect_udp_blocking: a socket bound (if asked) and connected to `target`.
socket_owner udp_attempt(const addrinfo& target, const addrinfo* local)
{
    socket_owner fd(::socket(target.ai_family, target.ai_socktype | SOCK_CLOEXEC, target.ai_protocol));
    if (fd.get() < 0)
        throw os_error(errno, "socket");
    if (local != nullptr)
        bind_matching_local(fd.get(), local, target.ai_family);
    if (::connect(fd.get(), target.ai_addr, target.ai_addrlen) != 0)
        throw os_error(errno, "connect");
    return fd;
}

std::uint16_t local_port_of(lowlevel::native_socket_handle fd)
{
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        throw os_error(errno, "getsockname");
    return lowlevel::socket_address::from_native(&storage, length).as_inet().port();
}

} // namespace

lowlevel::native_socket_handle connect_udp_blocking(const std::string& host, std::uint16_t port,
                                                    const std::optional<lowlevel::api_async::backend::host_and_port>& local_address,
                                                    int family)
{
    addrinfo_list remote;
    resolve_blocking(host, port, family, SOCK_DGRAM, IPPROTO_UDP, 0, remote);
    addrinfo_list local;
    if (local_address)
        resolve_blocking(local_address->host, local_address->port, family, SOCK_DGRAM, IPPROTO_UDP, AI_PASSIVE, local);
    std::vector<std::exception_ptr> errors;
    for (const addrinfo* target = remote.head; target != nullptr; target = target->ai_next) {
        try {
            socket_owner fd = udp_attempt(*target, local_address ? local.head : nullptr);
            if (local_port_of(fd.get()) == 0)
                throw os_error(EADDRNOTAVAIL, "the UDP socket is not bound to a local port");
            return fd.release();
        } catch (const boost::system::system_error&) {
            errors.push_back(std::current_exception());
        }
    }
    throw exception_group("Could not create the UDP socket", std::move(errors));
}

lowlevel::native_socket_handle connect_unix_datagram_blocking(const lowlevel::unix_socket_address& path,
                                                              const lowlevel::unix_socket_address& local_path)
{
    socket_owner fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    if (fd.get() < 0)
        throw os_error(errno, "socket");
    sockaddr_storage storage{};
    std::size_t length = local_path.to_native(&storage, sizeof(storage));
    if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
        throw os_error(errno, "error while attempting to bind on address " + local_path.to_string());
    length = path.to_native(&storage, sizeof(storage));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
        throw os_error(errno, "connect call failed " + path.to_string());
    return fd.release();
}

} // namespace easynet::clients::detail
