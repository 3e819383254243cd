//
// easynet — sending datagrams, blocking (EasyNetwork's `DatagramWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <span>
#include <string_view>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking writer of unreliable packets of data (datagrams).

    @par Thread safety
    One thread at a time may write; see `base_transport` for `close()`.
*/
class datagram_write_transport : public virtual base_transport {
public:
    /** Sends `data` as one datagram to the connected peer, waiting at most `timeout`
        until the socket can take it (an empty datagram is sent too).
        @throws easynet::timeout_error when `timeout` expires (nothing was sent);
        std::invalid_argument for a negative or NaN `timeout`;
        boost::system::system_error on an OS error (EMSGSIZE if too big, EBADF once
        closed, ECONNREFUSED reported by an earlier ICMP error...).
    */
    virtual void send(std::string_view data, seconds timeout) = 0;

    /** Sends `data` as one datagram with the control messages `ancillary` in ONE
        `sendmsg` (Unix datagram sockets; SEMANTICS A1, W5). The descriptors of an
        SCM_RIGHTS message stay owned by the caller.
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); boost::system::system_error EMSGSIZE when not
        everything could be sent at once; otherwise as `send`.
    */
    virtual void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary,
                                     seconds timeout)
    {
        (void)data;
        (void)ancillary;
        (void)timeout;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
