//
// easynet — ancillary data (control messages) as the kernel exchanges them.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_SOCKET_RAW_ANCILLARY_MESSAGE_HPP
#define EASYNET_LOWLEVEL_SOCKET_RAW_ANCILLARY_MESSAGE_HPP

#include <cstddef>
#include <string>
#include <vector>

namespace easynet::lowlevel {

/** One control message (`cmsghdr`) of `sendmsg`/`recvmsg`: Python's `(level, type, data)`.

    `data` holds the payload only (no header, no padding). For SCM_RIGHTS it is an array of
    `int` file descriptors: whoever holds the message owns them (see `socket_ancillary`).
*/
struct raw_ancillary_message {
    int level = 0;
    int type = 0;
    std::string data;

    friend bool operator==(const raw_ancillary_message&, const raw_ancillary_message&) = default;
};

/** What a read with ancillary data returns: the number of bytes written into the
    caller's buffer (0 = end of stream) and the control messages received with them.
*/
struct recv_ancillary_result {
    std::size_t size = 0;
    std::vector<raw_ancillary_message> messages;
};

/** What a datagram read with ancillary data returns: the datagram and the control
    messages received with it (whoever holds them owns the descriptors they carry).
*/
struct recv_datagram_ancillary_result {
    std::string data;
    std::vector<raw_ancillary_message> messages;
};

} // namespace easynet::lowlevel

#endif
