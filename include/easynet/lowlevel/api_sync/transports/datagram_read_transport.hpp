//
// easynet — receiving datagrams, blocking (EasyNetwork's `DatagramReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>

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
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
