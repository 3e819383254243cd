#include <easynet/lowlevel/socket/socket_address.hpp>

#include <easynet/exceptions/core.hpp>

#include <boost/system/system_error.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>
#include <stdexcept>

namespace easynet::lowlevel {

// ---------------------------------------------------------------------------------------
// unix_socket_address

unix_socket_address unix_socket_address::from_pathname(std::string_view path)
{
    if (path.find('\0') != std::string_view::npos)
        throw std::invalid_argument("unix_socket_address: embedded NUL byte in pathname");
    if (path.empty())
        return {};
    return unix_socket_address(kind::pathname, std::string(path));
}

unix_socket_address unix_socket_address::from_abstract_name(std::string_view name)
{
#ifdef __linux__
    return unix_socket_address(kind::abstract, std::string(name));
#else
    (void)name;
    throw unsupported_operation("abstract Unix socket addresses are a Linux feature");
#endif
}

unix_socket_address unix_socket_address::from_raw(std::string_view raw)
{
    if (raw.empty())
        return {};
    if (raw.front() == '\0')
        return from_abstract_name(raw.substr(1));
    return from_pathname(raw.substr(0, raw.find('\0')));
}

std::optional<std::filesystem::path> unix_socket_address::as_pathname() const
{
    if (kind_ != kind::pathname)
        return std::nullopt;
    return std::filesystem::path(value_);
}

std::optional<std::string> unix_socket_address::as_abstract_name() const
{
    if (kind_ != kind::abstract)
        return std::nullopt;
    return value_;
}

std::string unix_socket_address::as_raw() const
{
    switch (kind_) {
    case kind::unnamed:
        return {};
    case kind::pathname:
        return value_;
    case kind::abstract:
        return std::string(1, '\0') + value_;
    }
    return {};
}

std::string unix_socket_address::to_string() const
{
    switch (kind_) {
    case kind::unnamed:
        return "<unnamed>";
    case kind::pathname:
        return value_;
    case kind::abstract:
        return "@" + value_;
    }
    return {};
}

std::size_t unix_socket_address::to_native(void* storage, std::size_t capacity) const
{
    if (capacity < sizeof(sockaddr_un))
        throw std::invalid_argument("unix_socket_address::to_native: storage too small");
    auto* sun = static_cast<sockaddr_un*>(storage);
    std::memset(sun, 0, sizeof(sockaddr_un));
    sun->sun_family = AF_UNIX;
    const std::string raw = as_raw();
    if (raw.size() > sizeof(sun->sun_path))
        throw boost::system::system_error(ENAMETOOLONG, boost::system::system_category(),
                                          "AF_UNIX path too long: " + to_string());
    std::memcpy(sun->sun_path, raw.data(), raw.size());
    std::size_t length = offsetof(sockaddr_un, sun_path) + raw.size();
    if (kind_ == kind::pathname && raw.size() < sizeof(sun->sun_path))
        ++length; // the terminating NUL
    return length;
}

unix_socket_address unix_socket_address::from_native(const void* address, std::size_t length)
{
    const auto* sun = static_cast<const sockaddr_un*>(address);
    const std::size_t header = offsetof(sockaddr_un, sun_path);
    if (length <= header)
        return {};
    std::size_t path_length = std::min(length - header, sizeof(sun->sun_path));
    std::string_view raw(sun->sun_path, path_length);
    if (raw.front() != '\0') {
        // A pathname: cut at the first NUL (the length may include the terminator).
        raw = raw.substr(0, raw.find('\0'));
    }
    return from_raw(raw);
}

// ---------------------------------------------------------------------------------------
// inet_socket_address

int inet_socket_address::family() const noexcept { return address_.is_v6() ? AF_INET6 : AF_INET; }

std::string inet_socket_address::to_string() const
{
    if (address_.is_v6())
        return "[" + address_.to_string() + "]:" + std::to_string(port_);
    return address_.to_string() + ":" + std::to_string(port_);
}

std::size_t inet_socket_address::to_native(void* storage, std::size_t capacity) const
{
    if (address_.is_v6()) {
        if (capacity < sizeof(sockaddr_in6))
            throw std::invalid_argument("inet_socket_address::to_native: storage too small");
        auto* sin6 = static_cast<sockaddr_in6*>(storage);
        std::memset(sin6, 0, sizeof(sockaddr_in6));
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port_);
        const auto v6 = address_.to_v6();
        const auto bytes = v6.to_bytes();
        std::memcpy(&sin6->sin6_addr, bytes.data(), bytes.size());
        sin6->sin6_scope_id = static_cast<std::uint32_t>(v6.scope_id());
        return sizeof(sockaddr_in6);
    }
    if (capacity < sizeof(sockaddr_in))
        throw std::invalid_argument("inet_socket_address::to_native: storage too small");
    auto* sin = static_cast<sockaddr_in*>(storage);
    std::memset(sin, 0, sizeof(sockaddr_in));
    sin->sin_family = AF_INET;
    sin->sin_port = htons(port_);
    const auto bytes = address_.to_v4().to_bytes();
    std::memcpy(&sin->sin_addr, bytes.data(), bytes.size());
    return sizeof(sockaddr_in);
}

// ---------------------------------------------------------------------------------------
// socket_address

int socket_address::family() const noexcept { return is_inet() ? as_inet().family() : AF_UNIX; }

std::string socket_address::to_string() const { return is_inet() ? as_inet().to_string() : as_unix().to_string(); }

std::size_t socket_address::to_native(void* storage, std::size_t capacity) const
{
    return is_inet() ? as_inet().to_native(storage, capacity) : as_unix().to_native(storage, capacity);
}

socket_address socket_address::from_native(const void* address, std::size_t length)
{
    if (length < sizeof(sa_family_t))
        return unix_socket_address(); // e.g. recvfrom() from an unnamed Unix peer
    sa_family_t family;
    std::memcpy(&family, address, sizeof(family));
    switch (family) {
    case AF_INET: {
        if (length < sizeof(sockaddr_in))
            throw std::invalid_argument("socket_address::from_native: truncated sockaddr_in");
        sockaddr_in sin;
        std::memcpy(&sin, address, sizeof(sin));
        boost::asio::ip::address_v4::bytes_type bytes;
        std::memcpy(bytes.data(), &sin.sin_addr, bytes.size());
        return inet_socket_address(boost::asio::ip::address_v4(bytes), ntohs(sin.sin_port));
    }
    case AF_INET6: {
        if (length < sizeof(sockaddr_in6))
            throw std::invalid_argument("socket_address::from_native: truncated sockaddr_in6");
        sockaddr_in6 sin6;
        std::memcpy(&sin6, address, sizeof(sin6));
        boost::asio::ip::address_v6::bytes_type bytes;
        std::memcpy(bytes.data(), &sin6.sin6_addr, bytes.size());
        return inet_socket_address(boost::asio::ip::address_v6(bytes, sin6.sin6_scope_id), ntohs(sin6.sin6_port));
    }
    case AF_UNIX:
        return unix_socket_address::from_native(address, length);
    default:
        throw std::invalid_argument("socket_address::from_native: unsupported address family " +
                                    std::to_string(family));
    }
}

} // namespace easynet::lowlevel
