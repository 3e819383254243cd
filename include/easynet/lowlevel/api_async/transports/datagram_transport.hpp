//
// easynet — a bidirectional datagram transport (EasyNetwork's `AsyncDatagramTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/datagram_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_write_transport.hpp>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous transport of datagrams with one peer (a connected UDP or Unix
    datagram socket).

    @par Thread safety
    One task may receive while another sends (not in parallel threads).
*/
class async_datagram_transport : public async_datagram_write_transport, public async_datagram_read_transport {
};

} // namespace easynet::lowlevel::api_async::transports

#endif
