//
// easynet — name resolution (getaddrinfo / getnameinfo) that suspends only the task.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DNS_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_BACKEND_DNS_HPP

#include <boost/asio/ip/address.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace easynet::lowlevel::api_async::backend {

/// One result of `getaddrinfo` (an IPv4 or IPv6 socket address and how to use it).
struct address_info {
    int family = 0;   ///< AF_INET or AF_INET6
    int socktype = 0; ///< SOCK_STREAM, SOCK_DGRAM, ...
    int protocol = 0; ///< IPPROTO_TCP, IPPROTO_UDP, ...
    std::string canonical_name;
    boost::asio::ip::address address; ///< includes the IPv6 scope id
    std::uint16_t port = 0;

    friend bool operator==(const address_info&, const address_info&) = default;
};

/** Resolves `host` and `port` like POSIX `getaddrinfo` (AF_INET/AF_INET6 results only), in
    a worker thread (abandoned if the task is cancelled).
    @param host a name or numeric address; empty for the wildcard/loopback address.
    @param port a port number or service name; empty for 0.
    @param family AF_UNSPEC (0), AF_INET or AF_INET6.
    @param flags AI_* flags (AI_PASSIVE, AI_NUMERICHOST, AI_ADDRCONFIG, ...).
    @throws boost::system::system_error with the resolver's error (category netdb).
*/
std::vector<address_info> getaddrinfo(const std::string& host, const std::string& port, int family = 0,
                                      int socktype = 0, int protocol = 0, int flags = 0);

/** Same as `getaddrinfo`, run in the calling thread: for numeric hosts only
    (AI_NUMERICHOST is added), which never block.
*/
std::vector<address_info> getaddrinfo_numeric(const std::string& host, const std::string& port, int family = 0,
                                              int socktype = 0, int protocol = 0, int flags = 0);

/** The host and service names of a socket address, like POSIX `getnameinfo`, in a worker
    thread. @param flags NI_* flags (NI_NUMERICHOST, NI_NUMERICSERV, ...).
    @return {host, service}.
*/
std::pair<std::string, std::string> getnameinfo(const boost::asio::ip::address& address, std::uint16_t port,
                                                int flags = 0);

} // namespace easynet::lowlevel::api_async::backend

#endif
