//
// easynet — datagram transport over a connected UDP or Unix datagram socket.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_SOCKET_DATAGRAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/datagram_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

namespace detail {
struct datagram_socket_state;
}

/** An `async_datagram_transport` over a connected datagram socket (UDP or Unix datagram).

    Obtained from `create_udp_endpoint`, `create_unix_datagram_endpoint` or
    `wrap_connected_datagram_socket`. `recv()` reads up to 64 KiB
    (`defaults::max_datagram_bufsize`; longer datagrams are truncated by the OS). On
    AF_UNIX sockets, `recv_with_ancillary` / `send_with_ancillary` exchange control
    messages (SCM_RIGHTS, SCM_CREDENTIALS; received descriptors are close-on-exec); a
    datagram longer than the buffer is then dropped and reported as EMSGSIZE, its
    descriptors closed. Other families throw `easynet::unsupported_operation`.
    Errors are `boost::system::system_error` carrying the OS error; any call after
    `aclose()` fails with EBADF.

    Extra attributes: `socket_attribute::socket`, `family`, `local_address`,
    `remote_address`.

    @par Thread safety
    One task may receive while another sends (not in parallel threads). Two concurrent
    receivers → easynet::busy_resource_error.
*/
class socket_datagram_transport final : public async_datagram_transport {
public:
    /** Adopts `handle`, a connected datagram socket (the transport then owns it).
        Must be called in a task.
        @throws std::invalid_argument if `handle` is not a datagram socket (left untouched).
    */
    explicit socket_datagram_transport(native_socket_handle handle);

    /// Internal: used by the factories.
    explicit socket_datagram_transport(std::unique_ptr<detail::datagram_socket_state> state);

    ~socket_datagram_transport() override;

    void aclose() override;
    bool is_closing() const noexcept override;
    std::string recv() override;
    void send(std::string_view data) override;
    recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize) override;
    void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary) override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<detail::datagram_socket_state> state_;
    std::unique_ptr<char[]> buffer_;
    bool receiving_ = false;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
