//
// easynet — datagram listener over an unconnected UDP or Unix datagram socket.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_DATAGRAM_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_DATAGRAM_LISTENER_HPP

#include <easynet/lowlevel/api_async/transports/datagram_listener.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

namespace detail {
struct datagram_socket_state;
}

/** An `async_datagram_listener` over an unconnected (bound) UDP or Unix datagram socket.

    Obtained from `create_udp_listeners` and `create_unix_datagram_listener`. `serve`
    receives with `recvfrom` (64 KiB buffer) and starts one task per datagram, in arrival
    order. A reception error other than a closed socket is logged at WARNING level
    ("Unrelated error occurred on datagram reception: ...") and serving goes on. Peer
    addresses are `socket_address` values (a Unix peer that did not bind is the unnamed
    address).

    On AF_UNIX sockets, `serve_with_ancillary`, `recv_with_ancillary_from` and
    `send_with_ancillary_to` exchange control messages (SCM_RIGHTS, SCM_CREDENTIALS).

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`.

    @par Thread safety
    `send_to` may be called from several tasks; one `serve` at a time (a second
    concurrent one throws easynet::busy_resource_error).
*/
class socket_datagram_listener final : public async_datagram_listener<socket_address> {
public:
    /// Internal: used by the factories.
    explicit socket_datagram_listener(std::unique_ptr<detail::datagram_socket_state> state);
    ~socket_datagram_listener() override;

    using async_datagram_listener::serve;
    void serve(handler_type handler, backend::task_group& task_group) override;
    void serve_with_ancillary(ancillary_handler_type handler, std::size_t ancillary_bufsize,
                              backend::task_group& task_group) override;
    received_datagram recv_from() override;
    received_datagram recv_with_ancillary_from(std::size_t ancillary_bufsize) override;
    void send_to(std::string_view data, const socket_address& address) override;
    void send_with_ancillary_to(std::string_view data, std::span<const raw_ancillary_message> ancillary,
                                const socket_address& address) override;
    void aclose() override;
    bool is_closing() const noexcept override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    class receiving;
    /// Receives the next datagram, logging and skipping unrelated errors.
    received_datagram receive(const char* function, std::size_t ancillary_bufsize);

    std::unique_ptr<detail::datagram_socket_state> state_;
    std::unique_ptr<char[]> buffer_;
    bool serving_ = false;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
