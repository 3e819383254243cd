//
// easynet — writing a byte stream (EasyNetwork's `AsyncStreamWriteTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_WRITE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STREAM_WRITE_TRANSPORT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <span>
#include <string>
#include <string_view>

namespace easynet::lowlevel::api_async::transports {

/** An asynchronous writer of a continuous byte stream.

    @par Thread safety
    As `async_base_transport`: one task at a time per direction.
*/
class async_stream_write_transport : public virtual async_base_transport {
public:
    /** Sends all of `data`, suspending the task while the peer does not keep up.
        @throws boost::system::system_error on an OS error (EBADF once closed, EPIPE,
        ECONNRESET...).
        @throws cancelled if the task is cancelled; how much was sent is then unknown.
    */
    virtual void send_all(std::string_view data) = 0;

    /** Sends every buffer of `buffers`, in order, as one stream of bytes.

        The default implementation concatenates them and calls `send_all`; socket
        transports send them with scatter/gather I/O (`sendmsg`) instead. On error there
        is no way to know how much was sent.
        @throws as `send_all`.
    */
    virtual void send_all_from_iterable(std::span<const std::string_view> buffers)
    {
        std::string data;
        std::size_t total = 0;
        for (auto b : buffers)
            total += b.size();
        data.reserve(total);
        for (auto b : buffers)
            data.append(b);
        send_all(data);
    }

    /** Sends `buffers` and the control messages `ancillary` with ONE `sendmsg` (Unix
        sockets; SEMANTICS W5, A1), suspending the task until the socket accepts data.
        @throws easynet::unsupported_operation "This transport does not have ancillary
        data support." (the default); boost::system::system_error EMSGSIZE when the call
        could not send everything at once; otherwise as `send_all`.
    */
    virtual void send_all_with_ancillary(std::span<const std::string_view> buffers,
                                         std::span<const raw_ancillary_message> ancillary)
    {
        (void)buffers;
        (void)ancillary;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
