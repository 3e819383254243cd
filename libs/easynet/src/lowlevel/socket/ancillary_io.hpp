//
// easynet — private: control-message buffers of sendmsg/recvmsg (not installed).
//
#ifndef EASYNET_SRC_LOWLEVEL_SOCKET_ANCILLARY_IO_HPP
#define EASYNET_SRC_LOWLEVEL_SOCKET_ANCILLARY_IO_HPP

#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <cstddef>
#include <span>
#include <vector>

namespace easynet::lowlevel::detail {

/// A control buffer aligned for `cmsghdr`.
class control_buffer {
public:
    explicit control_buffer(std::size_t size) : storage_((size + sizeof(cmsghdr) - 1) / sizeof(cmsghdr)), size_(size) {}
    void* data() noexcept { return storage_.data(); }
    std::size_t size() const noexcept { return size_; }

private:
    std::vector<cmsghdr> storage_;
    std::size_t size_;
};

/// The control buffer encoding `messages` (empty when there is none).
control_buffer encode_control_messages(std::span<const raw_ancillary_message> messages);

/** The messages of a control buffer filled by `recvmsg` (`msg.msg_controllen` bytes). */
std::vector<raw_ancillary_message> decode_control_messages(const msghdr& msg);

/** One non-blocking `recvmsg` (MSG_DONTWAIT | MSG_CMSG_CLOEXEC) into `buffer`, with room
    for control messages when `control` is not null (their decoded list then goes to
    `*messages`). `msg_flags` receives the message flags (MSG_TRUNC: a datagram longer
    than `buffer` was cut; MSG_CTRUNC). When `sender` is not null, it receives the
    sender's address and `*sender_length` its length (unconnected sockets).
    @return the byte count, or -1 with errno set.
*/
ssize_t recvmsg_noblock(int fd, std::span<char> buffer, control_buffer* control, int& msg_flags,
                        std::vector<raw_ancillary_message>* messages, sockaddr_storage* sender = nullptr,
                        socklen_t* sender_length = nullptr);

/** One non-blocking `sendmsg` (MSG_DONTWAIT | MSG_NOSIGNAL) of `iov` with the encoded
    control messages `control` (none when empty), to `address` when not null
    (unconnected sockets).
    @return the byte count, or -1 with errno set.
*/
ssize_t sendmsg_noblock(int fd, std::span<const iovec> iov, control_buffer& control, const void* address = nullptr,
                        std::size_t address_length = 0);

/** Closes every descriptor carried by SCM_RIGHTS messages of `messages` (never throws). */
void close_received_fds(std::span<const raw_ancillary_message> messages) noexcept;

} // namespace easynet::lowlevel::detail

#endif
