//
// easynet — Unix socket ancillary data: file descriptors and credentials (EasyNetwork's
// `SocketAncillary`, `SCMRights`, `SCMCredentials`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_SOCKET_ANCILLARY_HPP
#define EASYNET_LOWLEVEL_SOCKET_SOCKET_ANCILLARY_HPP

#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>
#include <easynet/lowlevel/socket/unix_credentials.hpp>

#include <span>
#include <variant>
#include <vector>

namespace easynet::lowlevel {

/// An SCM_RIGHTS message: file descriptors.
struct scm_rights {
    std::vector<native_socket_handle> fds;
    friend bool operator==(const scm_rights&, const scm_rights&) = default;
};

/// An SCM_CREDENTIALS message: process credentials (Linux).
struct scm_credentials {
    std::vector<unix_credentials> credentials;
    friend bool operator==(const scm_credentials&, const scm_credentials&) = default;
};

/// A parsed control message.
using socket_ancillary_message = std::variant<scm_rights, scm_credentials>;

/** The ancillary data of Unix sockets, to send or as received (SEMANTICS A1, A4).

    To send: `add_fds` and `add_creds`, then pass `as_raw()` to a transport. To receive:
    give the raw messages of a read to `update_from_raw`, then read `messages()` or
    `iter_fds()`.

    Ownership of descriptors (no fd leak): descriptors given to `add_fds` stay the
    caller's. Descriptors received through `update_from_raw` belong to this object until
    `take_fds()` hands them out: `clear()`, another `update_from_raw` and the destructor
    close those still held.

    @par Thread safety
    A value: not safe to modify from two threads.
*/
class socket_ancillary {
public:
    socket_ancillary() = default;
    socket_ancillary(socket_ancillary&& other) noexcept;
    socket_ancillary& operator=(socket_ancillary&& other) noexcept;
    socket_ancillary(const socket_ancillary&) = delete;
    socket_ancillary& operator=(const socket_ancillary&) = delete;
    /// Closes the received descriptors not taken out.
    ~socket_ancillary();

    /** Adds descriptors to send in an SCM_RIGHTS message (not owned).
        @throws std::invalid_argument for a negative descriptor.
    */
    void add_fds(std::span<const native_socket_handle> fds);

    /** Adds credentials to send in an SCM_CREDENTIALS message (Linux; a pid of 0 stands
        for the sending process, resolved by `as_raw()`).
        @throws easynet::unsupported_operation where SCM_CREDENTIALS does not exist.
    */
    void add_creds(std::span<const unix_credentials> credentials);

    /** Appends what `messages` carry (as returned by a read with ancillary data). Unknown
        (level, type) pairs are ignored and trailing partial items dropped (A4). The
        received descriptors become owned by this object.
    */
    void update_from_raw(std::span<const raw_ancillary_message> messages);

    /// The non-empty messages: SCM_RIGHTS first, then SCM_CREDENTIALS.
    std::vector<socket_ancillary_message> messages() const;

    /// Every descriptor held (added or received), in order.
    const std::vector<native_socket_handle>& iter_fds() const noexcept { return fds_; }

    /// Every credentials entry held, in order.
    const std::vector<unix_credentials>& iter_creds() const noexcept { return creds_; }

    /** Hands out every descriptor: the caller owns the received ones from now on (this
        object forgets all of them).
    */
    std::vector<native_socket_handle> take_fds() noexcept;

    /// The messages to give to `sendmsg` (through a transport's `*_with_ancillary`).
    std::vector<raw_ancillary_message> as_raw() const;

    /// Closes the received descriptors still held, and forgets everything.
    void clear() noexcept;

private:
    std::vector<native_socket_handle> fds_;
    std::vector<bool> owned_;
    std::vector<unix_credentials> creds_;
};

} // namespace easynet::lowlevel

#endif
