//
// easynet — private: control-message buffers of sendmsg/recvmsg (not installed).
//
#ifndef EASYNET_SRC_LOWLEVEL_SOCKET_ANCILLARY_IO_HPP
#define EASYNET_SRC_LOWLEVEL_SOCKET_ANCILLARY_IO_HPP

#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <sys/socket.h>

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

/** Closes every descriptor carried by SCM_RIGHTS messages of `messages` (never throws). */
void close_received_fds(std::span<const raw_ancillary_message> messages) noexcept;

} // namespace easynet::lowlevel::detail

#endif
