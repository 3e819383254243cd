//
// easynet — blocking stream transport over a connected TCP or Unix stream socket
// (EasyNetwork's `api_sync.transports.socket.SocketStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SOCKET_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SOCKET_STREAM_TRANSPORT_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <memory>

namespace easynet::lowlevel::api_sync::transports {

namespace detail {
class sync_socket;
}

/** A blocking `stream_transport` over a connected stream socket (TCP or Unix stream).

    The socket is switched to non-blocking mode; blocking calls poll it in slices of at
    most `retry_interval` (SEMANTICS Y3). `send_all_from_iterable` uses `sendmsg` with at
    most IOV_MAX buffers per call, looping over partial writes (W5). On AF_UNIX sockets,
    `recv_with_ancillary_into` / `send_all_with_ancillary` exchange control messages
    (SCM_RIGHTS, SCM_CREDENTIALS; received descriptors are close-on-exec); other families
    throw `easynet::unsupported_operation`.

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`,
    `remote_address`.

    @par Thread safety
    One thread may receive while another sends; `close()` may come from any thread: the
    descriptor is released once no call uses it any more, and a call blocked in another
    thread fails with EBADF within about `retry_interval`. Two concurrent receivers (or
    senders) do not corrupt anything but interleave their data: clients add locks.
*/
class socket_stream_transport final : public selector_stream_transport {
public:
    /** Adopts `fd`, a connected stream socket; the transport then owns it.
        @param retry_interval the longest single wait (> 0, +inf allowed).
        @throws std::invalid_argument if `fd` is not a stream socket (it is then left
        untouched) or `retry_interval` is not > 0; boost::system::system_error on an OS error.
    */
    explicit socket_stream_transport(native_socket_handle fd,
                                     seconds retry_interval = seconds{defaults::sync_retry_interval});

    /// Closes the socket if still open.
    ~socket_stream_transport() override;

    void close() override;
    bool is_closed() const noexcept override;
    /// Shuts down the write side (ENOTCONN is ignored). @throws boost::system::system_error.
    void send_eof() override;

    noblock_result<std::size_t> recv_noblock_into(std::span<char> buffer) override;
    noblock_result<recv_ancillary_result> recv_with_ancillary_noblock_into(std::span<char> buffer,
                                                                           std::size_t ancillary_bufsize) override;
    noblock_result<std::size_t> send_noblock(std::string_view data) override;
    noblock_result<std::size_t> send_noblock_from_iterable(std::span<const std::string_view> buffers) override;
    noblock_result<std::size_t> send_with_ancillary_noblock(std::span<const std::string_view> buffers,
                                                            std::span<const raw_ancillary_message> ancillary) override;

    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<detail::sync_socket> socket_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
