//
// easynet — one stream transport made of a send half and a receive half (EasyNetwork's
// `AsyncStapledStreamTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_STREAM_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_STAPLED_STREAM_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_write_transport.hpp>

#include <memory>

namespace easynet::lowlevel::api_async::transports {

/** An `async_stream_transport` that sends through one transport and receives from
    another (two pipes, a pair of half-duplex channels...), W6.

    `recv_into` calls the receive transport; `send_all` and `send_all_from_iterable` the
    send transport. Extra attributes are those of both, the receive transport's winning
    when both provide one (gathered at construction).

    @par Thread safety
    As `async_stream_transport`.
*/
class async_stapled_stream_transport final : public async_stream_transport {
public:
    /** Takes ownership of both halves.
        @throws std::invalid_argument if either is null.
    */
    async_stapled_stream_transport(std::unique_ptr<async_stream_write_transport> send_transport,
                                   std::unique_ptr<async_stream_read_transport> receive_transport);
    ~async_stapled_stream_transport() override;

    /** Closes the send transport, then the receive transport (even if the first close
        failed). Cancelled meanwhile: both are closed abruptly, then the cancellation
        propagates.
    */
    void aclose() override;
    /// True when both halves are closing.
    bool is_closing() const noexcept override;
    std::size_t recv_into(std::span<char> buffer) override;
    void send_all(std::string_view data) override;
    void send_all_from_iterable(std::span<const std::string_view> buffers) override;
    /** Calls the send transport's `send_eof()` when it is a full `async_stream_transport`
        that supports it; otherwise (a write-only transport, or easynet::unsupported_operation)
        closes the send transport.
    */
    void send_eof() override;
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    /// The write half.
    async_stream_write_transport& send_transport() const noexcept { return *send_; }
    /// The read half.
    async_stream_read_transport& receive_transport() const noexcept { return *receive_; }

private:
    std::unique_ptr<async_stream_write_transport> send_;
    std::unique_ptr<async_stream_read_transport> receive_;
    extra_attribute_map attributes_;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
