//
// easynet — reading a byte stream (EasyNetwork's `AsyncStreamReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_READ_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <span>
#include <string>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous reader of a continuous byte stream.

    @par Thread safety
    As `async_base_transport`: one task at a time per direction.
*/
class async_stream_read_transport : public virtual async_base_transport {
public:
    /** Reads up to `bufsize` bytes, suspending the task until some are available.
        @return the bytes read; empty for a non-zero `bufsize` means end of stream (EOF).
        @throws boost::system::system_error on an OS error (EBADF once closed).
        @throws cancelled if the task is cancelled; no data is lost then.
    */
    std::string recv(std::size_t bufsize)
    {
        std::string data;
        if (bufsize == 0)
            return data;
        data.resize(bufsize);
        data.resize(recv_into(std::span<char>(data)));
        return data;
    }

    /** Reads into `buffer`, suspending the task until some bytes are available.
        @return the number of bytes written; 0 for a non-empty buffer means EOF.
        @throws boost::system::system_error on an OS error (EBADF once closed).
        @throws cancelled if the task is cancelled; no data is lost then.
    */
    virtual std::size_t recv_into(std::span<char> buffer) = 0;

    /** As `recv_into`, also receiving the control messages sent with the bytes (Unix
        sockets: SCM_RIGHTS, SCM_CREDENTIALS), in ONE read.
        @param ancillary_bufsize room for the control messages, in bytes (`CMSG_SPACE`
        units); what does not fit is truncated by the kernel.
        @return bytes written into `buffer` (0 = end of stream) and the raw messages; the
        caller owns any received file descriptor (see `socket_ancillary`).
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); std::invalid_argument if `ancillary_bufsize` is 0;
        otherwise as `recv_into`.
    */
    virtual recv_ancillary_result recv_with_ancillary_into(std::span<char> buffer, std::size_t ancillary_bufsize)
    {
        (void)buffer;
        (void)ancillary_bufsize;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
