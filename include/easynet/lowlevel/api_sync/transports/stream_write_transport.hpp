//
// easynet — writing a byte stream, blocking (EasyNetwork's `StreamWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STREAM_WRITE_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <span>
#include <string_view>

namespace easynet::lowlevel::api_sync::transports {

/** A blocking writer of a continuous byte stream.

    @par Thread safety
    One thread at a time may write; see `base_transport` for `close()`.
*/
class stream_write_transport : public virtual base_transport {
public:
    /** Sends some of `data`, waiting at most `timeout` until the peer can take some.
        @return the number of bytes sent (all of an empty `data`: 0).
        @throws easynet::timeout_error when `timeout` expires (nothing was sent);
        std::invalid_argument for a negative or NaN `timeout`;
        boost::system::system_error on an OS error (EBADF once closed, EPIPE...).
    */
    virtual std::size_t send(std::string_view data, seconds timeout) = 0;

    /** Sends all of `data`; `timeout` bounds the whole operation.
        @throws as `send`; after a timeout or an error, how much was sent is unknown.
    */
    virtual void send_all(std::string_view data, seconds timeout) = 0;

    /** Sends every buffer of `buffers`, in order, as one stream of bytes; `timeout`
        bounds the whole operation. The socket transport uses scatter/gather `sendmsg`
        (at most IOV_MAX buffers per call, looping over partial writes; SEMANTICS W5).
        @throws as `send_all`.
    */
    virtual void send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout) = 0;

    /** Sends `buffers` and the control messages `ancillary` with ONE `sendmsg` (Unix
        sockets; SEMANTICS W5, A1).
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); boost::system::system_error EMSGSIZE when the call
        could not send everything at once (the control messages went with the first
        part); otherwise as `send_all`.
    */
    virtual void send_all_with_ancillary(std::span<const std::string_view> buffers,
                                         std::span<const raw_ancillary_message> ancillary, seconds timeout)
    {
        (void)buffers;
        (void)ancillary;
        (void)timeout;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
