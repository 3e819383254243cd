#include "network_common.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/system/system_error.hpp>

#include <netdb.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace easynet::lowlevel::api_async::backend::detail {

std::vector<address_info> resolve_address(const std::string& host, std::uint16_t port, int family, int socktype,
                                          int protocol, int flags)
{
    boost::system::error_code ec;
    bool numeric = false;
    if (!host.empty()) {
        (void)boost::asio::ip::make_address(host, ec);
        numeric = !ec;
    }
    const std::string service = std::to_string(port);
    auto infos = numeric ? getaddrinfo_numeric(host, service, family, socktype, protocol, flags)
                         : getaddrinfo(host, service, family, socktype, protocol, flags);
    if (infos.empty())
        throw boost::system::system_error(boost::asio::error::host_not_found,
                                          "getaddrinfo('" + host + "') returned empty list");
    return infos;
}

std::string family_name(int family)
{
    switch (family) {
    case AF_INET:
        return "AF_INET";
    case AF_INET6:
        return "AF_INET6";
    case AF_UNIX:
        return "AF_UNIX";
    default:
        return std::to_string(family);
    }
}

std::exception_ptr bind_error(int error, const std::string& address)
{
    if (error == 0)
        error = EINVAL;
    return std::make_exception_ptr(boost::system::system_error(
        error, boost::system::system_category(), "error while attempting to bind on address " + address));
}

std::optional<std::vector<address_info>> resolve_local_address(const std::optional<host_and_port>& local,
                                                               int family, int socktype, int protocol)
{
    if (!local)
        return std::nullopt;
    return resolve_address(local->host, local->port, family, socktype, protocol, 0);
}

void bind_to_local_address(int fd, int family, const std::optional<std::vector<address_info>>& local,
                           std::vector<std::exception_ptr>& errors)
{
    if (!local)
        return;
    for (const auto& l : *local) {
        if (l.family != family)
            continue;
        const socket_address address = to_socket_address(l);
        if (int error = bind_socket(fd, address); error != 0) {
            errors.push_back(bind_error(error, address.to_string()));
            continue;
        }
        return;
    }
    if (!errors.empty()) {
        auto last = errors.back();
        errors.pop_back();
        std::rethrow_exception(last);
    }
    throw boost::system::system_error(EADDRNOTAVAIL, boost::system::system_category(),
                                      "no matching local address with family=" + family_name(family) + " found");
}

unique_fd& unique_fd::operator=(unique_fd&& other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

unique_fd::~unique_fd()
{
    if (fd_ >= 0)
        ::close(fd_);
}

unique_fd open_socket(int family, int type, int protocol)
{
    int fd = ::socket(family, type | SOCK_CLOEXEC, protocol);
    if (fd < 0)
        transports::detail::throw_errno(errno, "socket");
    return unique_fd(fd);
}

int bind_socket(int fd, const socket_address& address) noexcept
{
    sockaddr_storage storage{};
    std::size_t length = 0;
    try {
        length = address.to_native(&storage, sizeof(storage));
    } catch (const boost::system::system_error& e) {
        return e.code().value();
    } catch (...) {
        return EINVAL;
    }
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&storage), static_cast<socklen_t>(length)) != 0)
        return errno;
    return 0;
}

void set_int_option(int fd, int level, int name, int value, const char* what)
{
    if (::setsockopt(fd, level, name, &value, sizeof(value)) != 0)
        transports::detail::throw_errno(errno, what);
}

} // namespace easynet::lowlevel::api_async::backend::detail
