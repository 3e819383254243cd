#include "ancillary_io.hpp"

#include <unistd.h>

#include <cstring>

namespace easynet::lowlevel::detail {

control_buffer encode_control_messages(std::span<const raw_ancillary_message> messages)
{
    std::size_t total = 0;
    for (const auto& m : messages)
        total += CMSG_SPACE(m.data.size());
    control_buffer buffer(total);
    if (total == 0)
        return buffer;
    std::memset(buffer.data(), 0, total);
    msghdr msg{};
    msg.msg_control = buffer.data();
    msg.msg_controllen = total;
    cmsghdr* header = CMSG_FIRSTHDR(&msg);
    for (const auto& m : messages) {
        header->cmsg_level = m.level;
        header->cmsg_type = m.type;
        header->cmsg_len = CMSG_LEN(m.data.size());
        if (!m.data.empty())
            std::memcpy(CMSG_DATA(header), m.data.data(), m.data.size());
        header = CMSG_NXTHDR(&msg, header);
    }
    return buffer;
}

std::vector<raw_ancillary_message> decode_control_messages(const msghdr& msg)
{
    std::vector<raw_ancillary_message> messages;
    if (msg.msg_control == nullptr || msg.msg_controllen == 0)
        return messages;
    for (cmsghdr* header = CMSG_FIRSTHDR(&msg); header != nullptr;
         header = CMSG_NXTHDR(const_cast<msghdr*>(&msg), header)) {
        const auto* begin = reinterpret_cast<const char*>(CMSG_DATA(header));
        const auto* control_end = static_cast<const char*>(msg.msg_control) + msg.msg_controllen;
        const auto* end = reinterpret_cast<const char*>(header) + header->cmsg_len;
        if (end > control_end) // truncated by the kernel (MSG_CTRUNC)
            end = control_end;
        messages.push_back({header->cmsg_level, header->cmsg_type, std::string(begin, end > begin ? end : begin)});
    }
    return messages;
}

ssize_t recvmsg_noblock(int fd, std::span<char> buffer, control_buffer* control, int& msg_flags,
                        std::vector<raw_ancillary_message>* messages, sockaddr_storage* sender,
                        socklen_t* sender_length)
{
    iovec iov{buffer.data(), buffer.size()};
    msghdr msg{};
    if (sender != nullptr) {
        msg.msg_name = sender;
        msg.msg_namelen = sizeof(sockaddr_storage);
    }
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (control != nullptr) {
        msg.msg_control = control->data();
        msg.msg_controllen = control->size();
    }
    const ssize_t n = ::recvmsg(fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
    if (n < 0)
        return n;
    msg_flags = msg.msg_flags;
    if (sender != nullptr && sender_length != nullptr)
        *sender_length = msg.msg_namelen;
    if (control != nullptr && messages != nullptr)
        *messages = decode_control_messages(msg);
    return n;
}

ssize_t sendmsg_noblock(int fd, std::span<const iovec> iov, control_buffer& control, const void* address,
                        std::size_t address_length)
{
    msghdr msg{};
    msg.msg_name = const_cast<void*>(address);
    msg.msg_namelen = static_cast<socklen_t>(address_length);
    msg.msg_iov = const_cast<iovec*>(iov.data());
    msg.msg_iovlen = iov.size();
    msg.msg_control = control.size() > 0 ? control.data() : nullptr;
    msg.msg_controllen = control.size();
    return ::sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
}

void close_received_fds(std::span<const raw_ancillary_message> messages) noexcept
{
    for (const auto& m : messages) {
        if (m.level != SOL_SOCKET || m.type != SCM_RIGHTS)
            continue;
        for (std::size_t i = 0; i + sizeof(int) <= m.data.size(); i += sizeof(int)) {
            int fd = -1;
            std::memcpy(&fd, m.data.data() + i, sizeof(int));
            if (fd >= 0)
                ::close(fd);
        }
    }
}

} // namespace easynet::lowlevel::detail
