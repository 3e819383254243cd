//
// easynet — a bidirectional byte stream (EasyNetwork's `AsyncStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_write_transport.hpp>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous continuous stream data transport (a TCP or Unix stream connection).

    @par Thread safety
    One task may read while another writes (they must not run in parallel threads).
*/
class async_stream_transport : public async_stream_write_transport, public async_stream_read_transport {
public:
    /** Closes the write end of the stream (the peer reads EOF); reading stays possible.
        @throws boost::system::system_error on an OS error;
        easynet::unsupported_operation if the transport cannot do it (TLS).
    */
    virtual void send_eof() = 0;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
