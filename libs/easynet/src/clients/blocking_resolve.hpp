//
// easynet — private: blocking name resolution and local binding shared by the sync
// clients' connections (TCP and UDP, SEMANTICS Y1).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SRC_CLIENTS_BLOCKING_RESOLVE_HPP
#define EASYNET_SRC_CLIENTS_BLOCKING_RESOLVE_HPP

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

#include <netdb.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <string>

namespace easynet::clients::detail {

/// The result list of `getaddrinfo`, freed on destruction.
struct addrinfo_list {
    addrinfo* head = nullptr;
    addrinfo_list() = default;
    addrinfo_list(const addrinfo_list&) = delete;
    addrinfo_list& operator=(const addrinfo_list&) = delete;
    ~addrinfo_list()
    {
        if (head != nullptr)
            ::freeaddrinfo(head);
    }
};

/** Blocking `getaddrinfo` of `host`:`port` ("" = any address with AI_PASSIVE).
    @throws boost::system::system_error on failure, or when nothing was found
    ("getaddrinfo('<host>') returned empty list"). */
inline void resolve_blocking(const std::string& host, std::uint16_t port, int family, int socktype, int protocol,
                             int flags, addrinfo_list& result)
{
    addrinfo hints{};
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    const std::string service = std::to_string(port);
    const int status = ::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &result.head);
    if (status == EAI_SYSTEM)
        throw boost::system::system_error(errno, boost::system::system_category(), "getaddrinfo('" + host + "')");
    if (status != 0)
        throw boost::system::system_error(boost::system::error_code(status, boost::asio::error::get_netdb_category()),
                                          "getaddrinfo('" + host + "')");
    if (result.head == nullptr)
        throw boost::system::system_error(EADDRNOTAVAIL, boost::system::system_category(),
                                          "getaddrinfo('" + host + "') returned empty list");
}

/** Binds `fd` to the first entry of `local` whose family is `family`.
    @throws boost::system::system_error: the last bind error, or EADDRNOTAVAIL "no
    matching local address with family=<family> found". */
inline void bind_matching_local(int fd, const addrinfo* local, int family)
{
    int bind_errno = 0;
    for (const addrinfo* source = local; source != nullptr; source = source->ai_next) {
        if (source->ai_family != family)
            continue;
        if (::bind(fd, source->ai_addr, source->ai_addrlen) == 0)
            return;
        bind_errno = errno;
    }
    if (bind_errno != 0)
        throw boost::system::system_error(bind_errno, boost::system::system_category(), "bind");
    throw boost::system::system_error(EADDRNOTAVAIL, boost::system::system_category(),
                                      "no matching local address with family=" + std::to_string(family) + " found");
}

} // namespace easynet::clients::detail

#endif
