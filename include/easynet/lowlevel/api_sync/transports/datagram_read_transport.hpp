//
// easynet — receiving datagrams, blocking (EasyNetwork's `DatagramReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <string>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking reader of unreliable packets of data (datagrams).

    @par Thread safety
    One thread at a time may read; see `base_transport` for `close()`.
*/
class datagram_read_transport : public virtual base_transport {
public:
    /** Waits at most `timeout` for the next datagram, and returns it (possibly empty).
        @throws easynet::timeout_error when `timeout` expires (nothing was read);
        std::invalid_argument for a negative or NaN `timeout`;
        boost::system::system_error on an OS error (EBADF once closed; ECONNREFUSED on a
        connected UDP socket whose peer is not listening; EMSGSIZE for a datagram longer
        than the transport's buffer, which is then dropped).
    */
    virtual std::string recv(seconds timeout) = 0;

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
    virtual recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize, seconds timeout)
    {
        (void)ancillary_bufsize;
        (void)timeout;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
