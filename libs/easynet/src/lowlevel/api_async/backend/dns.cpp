#include <easynet/lowlevel/api_async/backend/dns.hpp>
#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>

namespace easynet::lowlevel::api_async::backend {

namespace {

boost::system::error_code netdb_error(int code)
{
    if (code == EAI_SYSTEM)
        return {errno, boost::system::system_category()};
    return {code, boost::asio::error::get_netdb_category()};
}

std::vector<address_info> blocking_getaddrinfo(const std::string& host, const std::string& port, int family,
                                               int socktype, int protocol, int flags)
{
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    addrinfo* raw = nullptr;
    int rc = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), port.empty() ? "0" : port.c_str(), &hints, &raw);
    if (rc != 0) {
        auto ec = netdb_error(rc);
        throw boost::system::system_error(ec, "getaddrinfo('" + host + "')");
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(raw, &::freeaddrinfo);
    std::vector<address_info> result;
    for (addrinfo* ai = raw; ai != nullptr; ai = ai->ai_next) {
        address_info info;
        info.family = ai->ai_family;
        info.socktype = ai->ai_socktype;
        info.protocol = ai->ai_protocol;
        if (ai->ai_canonname)
            info.canonical_name = ai->ai_canonname;
        if (ai->ai_family == AF_INET) {
            sockaddr_in sin;
            std::memcpy(&sin, ai->ai_addr, sizeof sin);
            boost::asio::ip::address_v4::bytes_type bytes;
            std::memcpy(bytes.data(), &sin.sin_addr, 4);
            info.address = boost::asio::ip::address_v4(bytes);
            info.port = ntohs(sin.sin_port);
        } else if (ai->ai_family == AF_INET6) {
            sockaddr_in6 sin6;
            std::memcpy(&sin6, ai->ai_addr, sizeof sin6);
            boost::asio::ip::address_v6::bytes_type bytes;
            std::memcpy(bytes.data(), &sin6.sin6_addr, 16);
            info.address = boost::asio::ip::address_v6(bytes, sin6.sin6_scope_id);
            info.port = ntohs(sin6.sin6_port);
        } else {
            continue;
        }
        result.push_back(std::move(info));
    }
    return result;
}

} // namespace

std::vector<address_info> getaddrinfo(const std::string& host, const std::string& port, int family, int socktype,
                                      int protocol, int flags)
{
    return run_in_thread([=] { return blocking_getaddrinfo(host, port, family, socktype, protocol, flags); }, true);
}

std::vector<address_info> getaddrinfo_numeric(const std::string& host, const std::string& port, int family,
                                              int socktype, int protocol, int flags)
{
    return blocking_getaddrinfo(host, port, family, socktype, protocol, flags | AI_NUMERICHOST);
}

std::pair<std::string, std::string> getnameinfo(const boost::asio::ip::address& address, std::uint16_t port, int flags)
{
    return run_in_thread(
        [=] {
            sockaddr_storage storage{};
            socklen_t length = 0;
            if (address.is_v4()) {
                sockaddr_in sin{};
                sin.sin_family = AF_INET;
                sin.sin_port = htons(port);
                auto bytes = address.to_v4().to_bytes();
                std::memcpy(&sin.sin_addr, bytes.data(), 4);
                std::memcpy(&storage, &sin, sizeof sin);
                length = sizeof sin;
            } else {
                sockaddr_in6 sin6{};
                sin6.sin6_family = AF_INET6;
                sin6.sin6_port = htons(port);
                auto v6 = address.to_v6();
                auto bytes = v6.to_bytes();
                std::memcpy(&sin6.sin6_addr, bytes.data(), 16);
                sin6.sin6_scope_id = static_cast<std::uint32_t>(v6.scope_id());
                std::memcpy(&storage, &sin6, sizeof sin6);
                length = sizeof sin6;
            }
            char host[NI_MAXHOST];
            char service[NI_MAXSERV];
            int rc = ::getnameinfo(reinterpret_cast<const sockaddr*>(&storage), length, host, sizeof host, service,
                                   sizeof service, flags);
            if (rc != 0)
                throw boost::system::system_error(netdb_error(rc), "getnameinfo");
            return std::pair<std::string, std::string>(host, service);
        },
        true);
}

} // namespace easynet::lowlevel::api_async::backend
