//
// easynet — one blocking stream transport made of a sending and a receiving transport
// (EasyNetwork's `api_sync.transports.composite.StapledStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_STAPLED_STREAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/stream_transport.hpp>

#include <memory>

namespace easynet::lowlevel::api_sync::transports {

/** A `stream_transport` that writes to `send_transport()` and reads from
    `receive_transport()`.

    Extra attributes come from both, the receiving side winning on conflicts (they are
    merged at construction). `send_eof()` calls the sending side's `send_eof()` when it is
    a `stream_transport` that supports it, else closes the sending side (SEMANTICS W6).
    `close()` closes both; `is_closed()` is true when both are closed.

    @par Thread safety
    As the two transports: one thread may read while another writes.
*/
class stapled_stream_transport final : public stream_transport {
public:
    /** Takes ownership of both transports.
        @throws std::invalid_argument if either is null.
    */
    stapled_stream_transport(std::unique_ptr<stream_write_transport> send_transport,
                             std::unique_ptr<stream_read_transport> receive_transport);
    /// Closes both halves if still open (one "unclosed" report for the pair).
    ~stapled_stream_transport() override;

    stream_write_transport& send_transport() noexcept { return *send_; }
    stream_read_transport& receive_transport() noexcept { return *receive_; }

    void close() override;
    bool is_closed() const noexcept override;
    void send_eof() override;

    std::size_t recv_into(std::span<char> buffer, seconds timeout) override;
    recv_ancillary_result recv_with_ancillary_into(std::span<char> buffer, std::size_t ancillary_bufsize,
                                                   seconds timeout) override;
    std::size_t send(std::string_view data, seconds timeout) override;
    void send_all(std::string_view data, seconds timeout) override;
    void send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout) override;
    void send_all_with_ancillary(std::span<const std::string_view> buffers,
                                 std::span<const raw_ancillary_message> ancillary, seconds timeout) override;

    const extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    std::unique_ptr<stream_write_transport> send_;
    std::unique_ptr<stream_read_transport> receive_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
