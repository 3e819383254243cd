//
// easynet — sending datagrams (EasyNetwork's `AsyncDatagramWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_WRITE_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/base_transport.hpp>

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
};

} // namespace easynet::lowlevel::api_async::transports

#endif
