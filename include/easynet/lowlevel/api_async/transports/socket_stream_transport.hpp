//
// easynet — stream transport over a connected TCP or Unix stream socket.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_STREAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

namespace detail {
struct stream_socket_state;
}

/** An `async_stream_transport` over a connected stream socket (TCP or Unix stream).

    Obtained from the backend factories (`create_tcp_connection`, listeners,
    `wrap_stream_socket`...). `recv_into` returns 0 at end of stream; `send_all` and
    `send_all_from_iterable` write with `sendmsg` (scatter/gather, at most IOV_MAX
    buffers per call, looping over partial writes); `send_eof` shuts down the write side. On AF_UNIX sockets, `recv_with_ancillary_into` /
    `send_all_with_ancillary` exchange control messages (SCM_RIGHTS, SCM_CREDENTIALS).
    Errors are `boost::system::system_error` carrying the OS error; any call after
    `aclose()` fails with EBADF (a task blocked in the transport when another task closes
    it gets EBADF too).

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`,
    `remote_address`.

    @par Thread safety
    One task may receive while another sends; the tasks must not run in parallel
    (single-threaded loop, or the same strand).
*/
class socket_stream_transport final : public async_stream_transport {
public:
    /** Adopts `handle`, a connected stream socket; the transport then owns it (and sets
        it non-blocking). Must be called in a task (the socket joins the task's loop).
        @throws std::invalid_argument if `handle` is not a stream socket (it is then left
        untouched); boost::system::system_error on an OS error.
    */
    explicit socket_stream_transport(native_socket_handle handle);

    /// Internal: used by the factories and listeners.
    explicit socket_stream_transport(std::unique_ptr<detail::stream_socket_state> state);

    /// Closes the socket if still open.
    ~socket_stream_transport() override;

    void aclose() override;
    bool is_closing() const noexcept override;
    std::size_t recv_into(std::span<char> buffer) override;
    void send_all(std::string_view data) override;
    void send_all_from_iterable(std::span<const std::string_view> buffers) override;
    void send_eof() override;
    /// AF_UNIX only (else easynet::unsupported_operation); received fds are close-on-exec.
    recv_ancillary_result recv_with_ancillary_into(std::span<char> buffer, std::size_t ancillary_bufsize) override;
    /// AF_UNIX only (else easynet::unsupported_operation).
    void send_all_with_ancillary(std::span<const std::string_view> buffers,
                                 std::span<const raw_ancillary_message> ancillary) override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<detail::stream_socket_state> state_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
