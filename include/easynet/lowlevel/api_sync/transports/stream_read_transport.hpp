//
// easynet — reading a byte stream, blocking (EasyNetwork's `StreamReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_READ_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <span>
#include <string>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking reader of a continuous byte stream.

    @par Thread safety
    One thread at a time may read; see `base_transport` for `close()`.
*/
class stream_read_transport : public virtual base_transport {
public:
    /** Reads up to `bufsize` bytes, waiting at most `timeout` for some to arrive.
        @return the bytes read; empty for a non-zero `bufsize` means end of stream.
        @throws as `recv_into`.
    */
    std::string recv(std::size_t bufsize, seconds timeout)
    {
        std::string data(bufsize, '\0');
        if (bufsize != 0)
            data.resize(recv_into(std::span<char>(data), timeout));
        return data;
    }

    /** Reads into `buffer`, waiting at most `timeout` for some bytes to arrive.
        @return the number of bytes written; 0 for a non-empty buffer means end of stream.
        @throws easynet::timeout_error when `timeout` expires (nothing was read);
        std::invalid_argument for a negative or NaN `timeout`;
        boost::system::system_error on an OS error (EBADF once closed).
    */
    virtual std::size_t recv_into(std::span<char> buffer, seconds timeout) = 0;

    /** As `recv_into`, also receiving the control messages sent with the bytes (Unix
        sockets: SCM_RIGHTS, SCM_CREDENTIALS), in ONE read.
        @param ancillary_bufsize room for the control messages, in bytes (`CMSG_SPACE`
        units); messages that do not fit are truncated by the kernel.
        @return bytes written into `buffer` (0 = end of stream) and the raw messages; the
        caller owns any received file descriptor (see `socket_ancillary`).
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); std::invalid_argument if `ancillary_bufsize` is 0;
        otherwise as `recv_into`.
    */
    virtual recv_ancillary_result recv_with_ancillary_into(std::span<char> buffer, std::size_t ancillary_bufsize,
                                                           seconds timeout)
    {
        (void)buffer;
        (void)ancillary_bufsize;
        (void)timeout;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
