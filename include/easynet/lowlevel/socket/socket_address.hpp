//
// easynet — socket addresses: IPv4/IPv6 (host, port) and Unix addresses.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_SOCKET_ADDRESS_HPP
#define EASYNET_LOWLEVEL_SOCKET_SOCKET_ADDRESS_HPP

#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <boost/asio/ip/address.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <variant>

namespace easynet::lowlevel {

/** An IPv4 or IPv6 socket address (EasyNetwork's `IPv4SocketAddress` / `IPv6SocketAddress`).

    The IPv6 scope id travels inside `address()` (`boost::asio::ip::address_v6::scope_id`).
    `to_string()` gives `"127.0.0.1:8080"` or `"[::1]:8080"`.
*/
class inet_socket_address {
public:
    inet_socket_address() = default;
    inet_socket_address(boost::asio::ip::address address, std::uint16_t port) : address_(address), port_(port) {}

    const boost::asio::ip::address& address() const noexcept { return address_; }
    std::uint16_t port() const noexcept { return port_; }
    /// AF_INET or AF_INET6.
    int family() const noexcept;

    std::string to_string() const;

    /// Writes the native `sockaddr_in`/`sockaddr_in6`; returns its length.
    std::size_t to_native(void* storage, std::size_t capacity) const;

    friend bool operator==(const inet_socket_address&, const inet_socket_address&) = default;

private:
    boost::asio::ip::address address_;
    std::uint16_t port_ = 0;
};

/** Any address a socket of easynet may have: an IPv4/IPv6 address or a Unix address.

    @par Example
    @code
    socket_address peer = transport.extra(socket_attribute::remote_address);
    if (peer.is_inet()) std::cout << peer.as_inet().port();
    std::cout << peer.to_string();   // "127.0.0.1:51234", "/run/app.sock", "@name", "<unnamed>"
    @endcode

    @par Thread safety
    A value type (comparable, hashable): distinct objects are independent; const access
    is thread-safe.
*/
class socket_address {
public:
    /// The unnamed Unix address.
    socket_address() : value_(unix_socket_address()) {}
    socket_address(inet_socket_address address) : value_(std::move(address)) {}
    socket_address(unix_socket_address address) : value_(std::move(address)) {}

    /// AF_INET, AF_INET6 or AF_UNIX.
    int family() const noexcept;
    bool is_inet() const noexcept { return value_.index() == 0; }
    bool is_unix() const noexcept { return value_.index() == 1; }

    /// @throws std::bad_variant_access if this is not an IPv4/IPv6 address.
    const inet_socket_address& as_inet() const { return std::get<inet_socket_address>(value_); }
    /// @throws std::bad_variant_access if this is not a Unix address.
    const unix_socket_address& as_unix() const { return std::get<unix_socket_address>(value_); }

    std::string to_string() const;

    /** Writes the native `sockaddr` into `storage` (a `sockaddr_storage` is always big
        enough). @return the address length.
    */
    std::size_t to_native(void* storage, std::size_t capacity) const;

    /** Reads a native address of `length` bytes.
        @throws std::invalid_argument for a family other than AF_INET, AF_INET6, AF_UNIX.
    */
    static socket_address from_native(const void* address, std::size_t length);

    friend bool operator==(const socket_address&, const socket_address&) = default;

private:
    std::variant<inet_socket_address, unix_socket_address> value_;
};

} // namespace easynet::lowlevel

template <>
struct std::hash<easynet::lowlevel::inet_socket_address> {
    std::size_t operator()(const easynet::lowlevel::inet_socket_address& a) const noexcept
    {
        std::size_t h = std::hash<boost::asio::ip::address>{}(a.address());
        return h ^ (std::hash<std::uint16_t>{}(a.port()) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
    }
};

template <>
struct std::hash<easynet::lowlevel::socket_address> {
    std::size_t operator()(const easynet::lowlevel::socket_address& a) const noexcept
    {
        return a.is_inet() ? std::hash<easynet::lowlevel::inet_socket_address>{}(a.as_inet())
                           : std::hash<easynet::lowlevel::unix_socket_address>{}(a.as_unix());
    }
};

#endif
