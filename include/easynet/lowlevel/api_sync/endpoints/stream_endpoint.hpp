//
// easynet — typed packets over a blocking byte stream: a sync stream transport plus a
// protocol (EasyNetwork's `api_sync.endpoints.stream.StreamEndpoint`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_STREAM_ENDPOINT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_STREAM_ENDPOINT_HPP

#include <easynet/lowlevel/api_sync/endpoints/detail/stream_receiver.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_transport.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

namespace easynet::lowlevel::api_sync::endpoints {

using transports::no_timeout;
using transports::seconds;

/** Both directions of packets over one blocking `stream_transport`: what the sync
    clients use. Every call takes a timeout (`no_timeout` by default; 0 = do only what
    needs no waiting) and throws `easynet::timeout_error` when it expires; a negative or
    NaN timeout is refused with `std::invalid_argument`.

    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    endpoints::stream_endpoint<std::string> ep(std::move(transport), protocol);
    ep.send_packet("hello", 5s);
    std::string answer = ep.recv_packet(5s);
    ep.close();
    @endcode
    @par Thread safety
    One thread may receive while another sends; `close()` and `is_closed()` from any
    thread. Two concurrent receivers (or senders) are not allowed: clients add locks.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class stream_endpoint : public typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    /// Receives the control messages of a read with ancillary data (raw; the callee owns
    /// any file descriptor: give them to `socket_ancillary::update_from_raw`).
    using ancillary_callback = std::function<void(std::vector<raw_ancillary_message>)>;

    /** Takes ownership of `transport`.
        @param protocol a `stream_protocol<SentPacket, ReceivedPacket>` or a
        `buffered_stream_protocol<SentPacket, ReceivedPacket>`.
        @param max_recv_size bytes asked per read (plain protocols) or the receive-buffer
        size hint (buffered ones); SEMANTICS P8.
        @throws std::invalid_argument if `transport` is null or `max_recv_size` is 0. */
    template <class Protocol>
    stream_endpoint(std::unique_ptr<transports::stream_transport> transport, const Protocol& protocol,
                    std::size_t max_recv_size = defaults::stream_bufsize)
        : transport_(require(std::move(transport))), receiver_(protocol, max_recv_size), sender_(protocol)
    {
    }

    /** Serializes `packet` and writes it whole within `timeout` (SEMANTICS P5).
        @throws std::runtime_error "send_eof() has been called earlier";
        protocol_crash_error "protocol.generate_chunks() crashed" (nothing written);
        timeout_error (how much was written is unknown); the transport's errors. */
    void send_packet(const SentPacket& packet, seconds timeout = no_timeout)
    {
        if (eof_sent_)
            throw std::runtime_error("send_eof() has been called earlier");
        sender_.send(*transport_, packet, timeout);
    }

    /** As `send_packet`, with the control messages `ancillary` sent by the same single
        `sendmsg` (SEMANTICS A1, W5).
        @throws boost::system::system_error EMSGSIZE when the packet did not fit in one
        call; easynet::unsupported_operation when the transport has no ancillary data
        support; else as `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, std::span<const raw_ancillary_message> ancillary,
                                    seconds timeout = no_timeout)
    {
        if (eof_sent_)
            throw std::runtime_error("send_eof() has been called earlier");
        detail::checked_timeout(timeout);
        const auto views = sender_.serialize(packet);
        transport_->send_all_with_ancillary(views, ancillary, timeout);
    }

    /** The next packet (SEMANTICS Y2, W4): already-buffered packets are returned without
        reading; else reads until a packet is complete or `timeout` is spent. With 0, reads
        only what is already there. Partial data is kept for the next call.
        @throws timeout_error; stream_protocol_parse_error (the stream stays usable);
        protocol_crash_error; boost::system::system_error ECONNABORTED "end-of-stream" once
        the peer closed, after every buffered packet (sticky, C7); the transport's errors. */
    ReceivedPacket recv_packet(seconds timeout = no_timeout) { return receiver_.receive(*transport_, timeout); }

    /** The next packet from exactly ONE read with ancillary data (SEMANTICS A1). The
        control messages of that read go to `received` (also at end of stream). A packet
        already buffered is returned without reading, and `received` is not called.
        @param ancillary_bufsize room for the control messages (see
        `defaults::unix_ancillary_bufsize`).
        @throws eof_error "Received partial packet data" when the read did not complete a
        packet (its bytes stay buffered); std::invalid_argument if `ancillary_bufsize` is
        0; easynet::unsupported_operation without ancillary data support; what `received`
        throws (the bytes were buffered first); else as `recv_packet`. */
    ReceivedPacket recv_packet_with_ancillary(std::size_t ancillary_bufsize, const ancillary_callback& received,
                                              seconds timeout = no_timeout)
    {
        return receiver_.receive_with_ancillary(*transport_, ancillary_bufsize, received, timeout);
    }

    /** Closes the write side (the peer reads end of stream); receiving goes on.
        Idempotent; a no-op once closed.
        @throws easynet::unsupported_operation on TLS; the transport's errors. */
    void send_eof()
    {
        if (eof_sent_ || transport_->is_closed())
            return;
        transport_->send_eof();
        eof_sent_ = true;
    }

    /// Closes the transport. Idempotent, callable from any thread.
    void close() { transport_->close(); }
    bool is_closed() const noexcept { return transport_->is_closed(); }
    /// True once the peer's end of stream was read.
    bool eof_received() const noexcept { return receiver_.eof(); }
    /// True after `send_eof()`.
    bool eof_sent() const noexcept { return eof_sent_; }
    /// The bytes received and not yet consumed.
    std::string_view buffered_data() const noexcept { return receiver_.buffered_data(); }
    /// The next packet if a whole one is already buffered (no I/O).
    std::optional<ReceivedPacket> try_recv_buffered_packet() { return receiver_.try_buffered(); }

    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::stream_transport& transport() noexcept { return *transport_; }

private:
    static std::unique_ptr<transports::stream_transport> require(std::unique_ptr<transports::stream_transport> t)
    {
        if (!t)
            throw std::invalid_argument("stream_endpoint: null transport");
        return t;
    }

    std::unique_ptr<transports::stream_transport> transport_;
    detail::stream_receiver<ReceivedPacket> receiver_;
    detail::stream_sender<SentPacket> sender_;
    std::atomic<bool> eof_sent_{false};
};

} // namespace easynet::lowlevel::api_sync::endpoints

#endif
