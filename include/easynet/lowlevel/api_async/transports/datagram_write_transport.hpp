//
// easynet — sending datagrams (EasyNetwork's `AsyncDatagramWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <span>
#include <string_view>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous writer of unreliable packets of data (datagrams).

    @par Thread safety
    As `async_base_transport`: one task at a time per direction.
*/
class async_datagram_write_transport : public virtual async_base_transport {
public:
    /** Sends `data` as one datagram to the connected peer.
        @throws boost::system::system_error on an OS error (EMSGSIZE if too big, EBADF
        once closed...).
    */
    virtual void send(std::string_view data) = 0;

    /** Sends `data` as one datagram with the control messages `ancillary` in ONE
        `sendmsg` (Unix datagram sockets; SEMANTICS A1, W5). The descriptors of an
        SCM_RIGHTS message stay owned by the caller.
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); boost::system::system_error EMSGSIZE when not
        everything could be sent at once; otherwise as `send`.
    */
    virtual void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary)
    {
        (void)data;
        (void)ancillary;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
