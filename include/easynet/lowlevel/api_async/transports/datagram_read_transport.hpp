//
// easynet — receiving datagrams (EasyNetwork's `AsyncDatagramReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <string>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous reader of unreliable packets of data (datagrams).

    @par Thread safety
    As `async_base_transport`: one task at a time per direction.
*/
class async_datagram_read_transport : public virtual async_base_transport {
public:
    /** Suspends the task until the next datagram arrives, and returns it (possibly empty).
        @throws boost::system::system_error on an OS error (EBADF once closed;
        ECONNREFUSED on a connected UDP socket whose peer is not listening).
        @throws cancelled if the task is cancelled; no datagram is lost then.
    */
    virtual std::string recv() = 0;

    /** As `recv`, also receiving the control messages sent with the datagram (Unix
        datagram sockets: SCM_RIGHTS, SCM_CREDENTIALS), in ONE `recvmsg` (SEMANTICS A1).
        @param ancillary_bufsize room for the control messages, in bytes (`CMSG_SPACE`
        units); what does not fit is truncated by the kernel.
        @return the datagram and the raw messages; the caller owns any received file
        descriptor (see `socket_ancillary`, A4).
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); std::invalid_argument if `ancillary_bufsize` is 0;
        otherwise as `recv`.
    */
    virtual recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize)
    {
        (void)ancillary_bufsize;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
