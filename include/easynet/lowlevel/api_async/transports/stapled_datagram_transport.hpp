//
// easynet — one datagram transport made of a send half and a receive half (EasyNetwork's
// `AsyncStapledDatagramTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_DATAGRAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/datagram_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_transport.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_write_transport.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

/** An `async_datagram_transport` that sends through one transport and receives from
    another (SEMANTICS W6).

    `recv` and `recv_with_ancillary` call the receive transport; `send` and
    `send_with_ancillary` the send transport. Extra attributes are those of both, the
    receive transport's winning when both provide one (gathered at construction).

    @par Thread safety
    As `async_datagram_transport`.
*/
class async_stapled_datagram_transport final : public async_datagram_transport {
public:
    /** Takes ownership of both halves.
        @throws std::invalid_argument if either is null.
    */
    async_stapled_datagram_transport(std::unique_ptr<async_datagram_write_transport> send_transport,
                                     std::unique_ptr<async_datagram_read_transport> receive_transport);
    ~async_stapled_datagram_transport() override;

    /** Closes the send transport, then the receive transport (even if the first close
        failed). Cancelled meanwhile: both are closed abruptly, then the cancellation
        propagates.
    */
    void aclose() override;
    /// True when both halves are closing.
    bool is_closing() const noexcept override;
    std::string recv() override;
    recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize) override;
    void send(std::string_view data) override;
    void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary) override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    /// The write half.
    async_datagram_write_transport& send_transport() const noexcept { return *send_; }
    /// The read half.
    async_datagram_read_transport& receive_transport() const noexcept { return *receive_; }

private:
    std::unique_ptr<async_datagram_write_transport> send_;
    std::unique_ptr<async_datagram_read_transport> receive_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
