//
// easynet — blocking datagram transport over a connected UDP or Unix datagram socket
// (EasyNetwork's `api_sync.transports.socket.SocketDatagramTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SOCKET_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SOCKET_DATAGRAM_TRANSPORT_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <cstddef>
#include <memory>
#include <mutex>

namespace easynet::lowlevel::api_sync::transports {

namespace detail {
class sync_socket;
}

/** A blocking `datagram_transport` over a connected datagram socket (UDP or Unix
    datagram).

    The socket is switched to non-blocking mode; blocking calls poll it in slices of at
    most `retry_interval` (SEMANTICS Y3). `recv` reads datagrams of up to
    `max_datagram_size` bytes; a longer one is dropped and reported as EMSGSIZE rather
    than returned cut. On AF_UNIX sockets, `recv_with_ancillary` / `send_with_ancillary`
    exchange control messages (SCM_RIGHTS, SCM_CREDENTIALS; received descriptors are
    close-on-exec, and closed when the datagram carrying them is dropped); other families
    throw `easynet::unsupported_operation`.

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`,
    `remote_address`.

    @par Thread safety
    One thread may receive while another sends; `close()` may come from any thread: the
    descriptor is released once no call uses it any more, and a call blocked in another
    thread fails with EBADF within about `retry_interval`. Concurrent receivers (or
    senders) are safe, each datagram going to one of them.
*/
class socket_datagram_transport final : public selector_datagram_transport {
public:
    /** Adopts `fd`, a connected datagram socket; the transport then owns it.
        @param retry_interval the longest single wait (> 0, +inf allowed).
        @param max_datagram_size the receive buffer size (> 0).
        @throws std::invalid_argument if `fd` is not a datagram socket (it is then left
        untouched), or `retry_interval` or `max_datagram_size` is not > 0;
        boost::system::system_error on an OS error.
    */
    explicit socket_datagram_transport(native_socket_handle fd,
                                       seconds retry_interval = seconds{defaults::sync_retry_interval},
                                       std::size_t max_datagram_size = defaults::max_datagram_bufsize);

    /// Closes the socket if still open.
    ~socket_datagram_transport() override;

    void close() override;
    bool is_closed() const noexcept override;

    /// @throws boost::system::system_error EMSGSIZE for a datagram longer than `max_datagram_size()`.
    noblock_result<std::string> recv_noblock() override;
    noblock_result<std::size_t> send_noblock(std::string_view data) override;
    noblock_result<recv_datagram_ancillary_result> recv_with_ancillary_noblock(std::size_t ancillary_bufsize) override;
    noblock_result<std::size_t> send_with_ancillary_noblock(std::string_view data,
                                                            std::span<const raw_ancillary_message> ancillary) override;

    /// The receive buffer size.
    std::size_t max_datagram_size() const noexcept { return max_datagram_size_; }

    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::size_t max_datagram_size_; // before socket_: checked before the descriptor is adopted
    std::unique_ptr<detail::sync_socket> socket_;
    std::mutex receive_mutex_; // guards buffer_ during one non-blocking read, never across a wait
    std::unique_ptr<char[]> buffer_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
