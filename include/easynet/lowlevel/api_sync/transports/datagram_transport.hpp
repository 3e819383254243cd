//
// easynet — a bidirectional datagram transport, blocking (EasyNetwork's `DatagramTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_DATAGRAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/datagram_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/datagram_write_transport.hpp>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking transport of datagrams with one peer (a connected UDP or Unix datagram
    socket).

    @par Thread safety
    One thread may read while another writes; any thread may `close()`.
*/
class datagram_transport : public datagram_write_transport, public datagram_read_transport {
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
