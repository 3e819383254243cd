//
// easynet — one blocking datagram transport made of a sending and a receiving transport
// (EasyNetwork's `api_sync.transports.composite.StapledDatagramTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_DATAGRAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_DATAGRAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/datagram_transport.hpp>

#include <memory>

namespace easynet::lowlevel::api_sync::transports {

/** A `datagram_transport` that writes to `send_transport()` and reads from
    `receive_transport()` (SEMANTICS W6).

    Extra attributes come from both, the receiving side winning on conflicts (they are
    merged at construction). `close()` closes both (the receiving side even if closing
    the sending side failed); `is_closed()` is true when both are closed.

    @par Thread safety
    As the two transports: one thread may read while another writes.
*/
class stapled_datagram_transport final : public datagram_transport {
public:
    /** Takes ownership of both transports.
        @throws std::invalid_argument if either is null.
    */
    stapled_datagram_transport(std::unique_ptr<datagram_write_transport> send_transport,
                               std::unique_ptr<datagram_read_transport> receive_transport);
    /// Closes both halves if still open (one "unclosed" report for the pair).
    ~stapled_datagram_transport() override;

    datagram_write_transport& send_transport() noexcept { return *send_; }
    datagram_read_transport& receive_transport() noexcept { return *receive_; }

    void close() override;
    bool is_closed() const noexcept override;

    std::string recv(seconds timeout) override;
    recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize, seconds timeout) override;
    void send(std::string_view data, seconds timeout) override;
    void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary,
                             seconds timeout) override;

    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<datagram_write_transport> send_;
    std::unique_ptr<datagram_read_transport> receive_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
