//
// easynet — receiving datagrams (EasyNetwork's `AsyncDatagramReadTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_READ_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/base_transport.hpp>

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
};

} // namespace easynet::lowlevel::api_async::transports

#endif
