//
// easynet — addresses of Unix sockets (EasyNetwork's `UnixSocketAddress`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_UNIX_SOCKET_ADDRESS_HPP
#define EASYNET_LOWLEVEL_SOCKET_UNIX_SOCKET_ADDRESS_HPP

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::lowlevel {

/** The address of a Unix socket: a filesystem path, a Linux abstract name, or unnamed.

    A plain string converts implicitly to a pathname address, so factories taking a
    `unix_socket_address` accept `"/run/app.sock"` directly; use `from_abstract_name`
    for the Linux abstract namespace.

    `to_string()` gives the path, `"@name"` for an abstract name, `"<unnamed>"`.

    @par Thread safety
    A value type: distinct objects are independent; const access is thread-safe.
*/
class unix_socket_address {
public:
    /// The unnamed address (an unbound socket, or a peer that did not bind).
    unix_socket_address() = default;

    /** A pathname address (same as `from_pathname`).
        @throws std::invalid_argument if `path` contains a NUL byte.
    */
    unix_socket_address(std::string_view path) : unix_socket_address(from_pathname(path)) {}
    unix_socket_address(const char* path) : unix_socket_address(from_pathname(path)) {}
    unix_socket_address(const std::string& path) : unix_socket_address(from_pathname(path)) {}
    unix_socket_address(const std::filesystem::path& path) : unix_socket_address(from_pathname(path.native())) {}

    /** A pathname address; an empty path gives the unnamed address.
        @throws std::invalid_argument if `path` contains a NUL byte.
    */
    static unix_socket_address from_pathname(std::string_view path);

    /** An address in the Linux abstract namespace (`name` may hold any byte, even NUL).
        @throws easynet::unsupported_operation on platforms without abstract sockets.
    */
    static unix_socket_address from_abstract_name(std::string_view name);

    /** From the raw `sun_path` bytes: empty → unnamed, a leading NUL → abstract name,
        otherwise a pathname (cut at the first NUL).
    */
    static unix_socket_address from_raw(std::string_view raw);

    bool is_unnamed() const noexcept { return kind_ == kind::unnamed; }
    bool is_pathname() const noexcept { return kind_ == kind::pathname; }
    bool is_abstract() const noexcept { return kind_ == kind::abstract; }

    /// The path, if this is a pathname address.
    std::optional<std::filesystem::path> as_pathname() const;
    /// The name (without the leading NUL), if this is an abstract address.
    std::optional<std::string> as_abstract_name() const;
    /// The raw `sun_path` bytes (see `from_raw`).
    std::string as_raw() const;

    /// The path, `"@name"` or `"<unnamed>"`.
    std::string to_string() const;

    /** Writes the native `sockaddr_un` into `storage` (at least `sizeof(sockaddr_un)`).
        @return the address length to pass to bind/connect.
        @throws boost::system::system_error (ENAMETOOLONG) if it does not fit.
    */
    std::size_t to_native(void* storage, std::size_t capacity) const;

    /** Reads a native `sockaddr_un` of `length` bytes (as returned by getsockname,
        getpeername, accept or recvfrom).
    */
    static unix_socket_address from_native(const void* address, std::size_t length);

    friend bool operator==(const unix_socket_address&, const unix_socket_address&) = default;

private:
    enum class kind { unnamed, pathname, abstract };
    unix_socket_address(kind k, std::string value) : kind_(k), value_(std::move(value)) {}

    kind kind_ = kind::unnamed;
    std::string value_; // the path, or the abstract name
};

} // namespace easynet::lowlevel

template <>
struct std::hash<easynet::lowlevel::unix_socket_address> {
    std::size_t operator()(const easynet::lowlevel::unix_socket_address& a) const noexcept
    {
        return std::hash<std::string>{}(a.as_raw());
    }
};

#endif
