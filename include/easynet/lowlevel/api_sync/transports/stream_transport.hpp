//
// easynet — a bidirectional byte stream, blocking (EasyNetwork's `StreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_write_transport.hpp>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking continuous stream data transport (TCP, Unix stream, TLS).

    @par Thread safety
    One thread may read while another writes; any thread may `close()`.
*/
class stream_transport : public stream_write_transport, public stream_read_transport {
public:
    /** Closes the write end of the stream (the peer reads end of stream); reading stays
        possible. Never blocks.
        @throws boost::system::system_error on an OS error (EBADF once closed);
        easynet::unsupported_operation when the transport cannot (TLS).
    */
    virtual void send_eof() = 0;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
