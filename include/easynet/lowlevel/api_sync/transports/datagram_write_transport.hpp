//
// easynet — sending datagrams, blocking (EasyNetwork's `DatagramWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>

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
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
