//
// easynet — typed packets over a byte stream: a stream transport plus a protocol
// (EasyNetwork's `AsyncStreamEndpoint`, `AsyncStreamReceiverEndpoint`,
// `AsyncStreamSenderEndpoint`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_STREAM_ENDPOINT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_STREAM_ENDPOINT_HPP

#include <easynet/lowlevel/api_async/endpoints/detail/stream_receiver.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>

#include <memory>
#include <stdexcept>
#include <utility>

namespace easynet::lowlevel::api_async::endpoints {

/** The receiving half: packets read from an `async_stream_read_transport`.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Thread safety
    One receiving task at a time (a second concurrent `recv_packet` throws
    `busy_resource_error`, SEMANTICS W1); use from the tasks of one loop.
*/
template <class ReceivedPacket>
class async_stream_receiver_endpoint : public typed_attribute_provider {
public:
    using received_packet_type = ReceivedPacket;

    /** Takes ownership of `transport`.
        @param protocol a `stream_protocol` or `buffered_stream_protocol`.
        @param max_recv_size bytes asked per read (plain protocols) or the receive-buffer
        size hint (buffered ones); SEMANTICS P8.
        @throws std::invalid_argument if `transport` is null or `max_recv_size` is 0. */
    template <class Protocol>
    async_stream_receiver_endpoint(std::unique_ptr<transports::async_stream_read_transport> transport,
                                   const Protocol& protocol, std::size_t max_recv_size = defaults::stream_bufsize)
        : transport_(require(std::move(transport))), receiver_(protocol, max_recv_size)
    {
    }

    /** The next packet; already-buffered packets are returned without reading.
        @throws stream_protocol_parse_error (the stream stays usable, the bytes after the
        bad frame are kept), protocol_crash_error, boost::system::system_error
        ECONNABORTED "end-of-stream" once the peer closed (every later call too), the
        transport's errors, busy_resource_error, cancelled (nothing is lost). */
    ReceivedPacket recv_packet()
    {
        auto busy = recv_busy_.enter("receiving");
        return receiver_.receive(*transport_);
    }

    /// Closes the transport (see `async_base_transport::aclose`).
    void aclose() { transport_->aclose(); }
    bool is_closing() const noexcept { return transport_->is_closing(); }
    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::async_stream_read_transport& transport() noexcept { return *transport_; }

private:
    static std::unique_ptr<transports::async_stream_read_transport>
    require(std::unique_ptr<transports::async_stream_read_transport> t)
    {
        if (!t)
            throw std::invalid_argument("async_stream_receiver_endpoint: null transport");
        return t;
    }

    std::unique_ptr<transports::async_stream_read_transport> transport_;
    detail::stream_receiver<ReceivedPacket> receiver_;
    detail::busy_flag recv_busy_;
};

/** The sending half: packets written to an `async_stream_write_transport`.
    @tparam SentPacket what `send_packet()` takes.
    @par Thread safety
    One sending task at a time (W1).
*/
template <class SentPacket>
class async_stream_sender_endpoint : public typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;

    /** Takes ownership of `transport`.
        @throws std::invalid_argument if `transport` is null. */
    template <class Protocol>
    async_stream_sender_endpoint(std::unique_ptr<transports::async_stream_write_transport> transport,
                                 const Protocol& protocol)
        : transport_(std::move(transport)), sender_(protocol)
    {
        if (!transport_)
            throw std::invalid_argument("async_stream_sender_endpoint: null transport");
    }

    /** Serializes `packet` and writes it whole (SEMANTICS P5).
        @throws protocol_crash_error "protocol.generate_chunks() crashed" (nothing written),
        the transport's errors, busy_resource_error, cancelled. */
    void send_packet(const SentPacket& packet)
    {
        auto busy = send_busy_.enter("sending");
        sender_.send(*transport_, packet);
    }

    void aclose() { transport_->aclose(); }
    bool is_closing() const noexcept { return transport_->is_closing(); }
    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::async_stream_write_transport& transport() noexcept { return *transport_; }

private:
    std::unique_ptr<transports::async_stream_write_transport> transport_;
    detail::stream_sender<SentPacket> sender_;
    detail::busy_flag send_busy_;
};

/** Both halves over one `async_stream_transport`: what clients and servers use.
    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    endpoints::async_stream_endpoint<std::string> ep(std::move(transport), protocol);
    ep.send_packet("hello");
    std::string answer = ep.recv_packet();
    ep.aclose();
    @endcode
    @par Thread safety
    One task may receive while another sends; a second concurrent receiver (or sender)
    gets `busy_resource_error` (SEMANTICS W1). Clients add locks on top.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_stream_endpoint : public typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;

    /** Takes ownership of `transport`.
        @param protocol a `stream_protocol<SentPacket, ReceivedPacket>` or a
        `buffered_stream_protocol<SentPacket, ReceivedPacket>`.
        @param max_recv_size see `async_stream_receiver_endpoint`.
        @throws std::invalid_argument if `transport` is null or `max_recv_size` is 0. */
    template <class Protocol>
    async_stream_endpoint(std::unique_ptr<transports::async_stream_transport> transport, const Protocol& protocol,
                          std::size_t max_recv_size = defaults::stream_bufsize)
        : transport_(require(std::move(transport))), receiver_(protocol, max_recv_size), sender_(protocol)
    {
    }

    /** Serializes `packet` and writes it whole (SEMANTICS P5).
        @throws std::runtime_error "send_eof() has been called earlier";
        protocol_crash_error "protocol.generate_chunks() crashed" (nothing written);
        the transport's errors; busy_resource_error; cancelled. */
    void send_packet(const SentPacket& packet)
    {
        auto busy = send_busy_.enter("sending");
        if (eof_sent_)
            throw std::runtime_error("send_eof() has been called earlier");
        sender_.send(*transport_, packet);
    }

    /** The next packet; already-buffered packets are returned without reading.
        @throws as `async_stream_receiver_endpoint::recv_packet`. */
    ReceivedPacket recv_packet()
    {
        auto busy = recv_busy_.enter("receiving");
        return receiver_.receive(*transport_);
    }

    /** The next packet from exactly ONE read that also receives ancillary data (Unix
        sockets: file descriptors, credentials), handed to `data_received` as raw control
        messages (see `socket_ancillary::update_from_raw`). A whole packet already buffered
        is returned without reading, and `data_received` is not called (SEMANTICS A1).
        @param ancillary_bufsize room for control messages (defaults::unix_ancillary_bufsize).
        @throws eof_error "Received partial packet data" if that read did not complete a
        packet (the bytes stay buffered for the next call); easynet::unsupported_operation
        if the transport has no ancillary data support (TCP, TLS); std::invalid_argument if
        `ancillary_bufsize` is 0; else as `recv_packet` and `data_received`. */
    ReceivedPacket recv_packet_with_ancillary(std::size_t ancillary_bufsize,
                                              const std::function<void(std::vector<raw_ancillary_message>)>& data_received)
    {
        auto busy = recv_busy_.enter("receiving");
        return receiver_.receive_with_ancillary(*transport_, ancillary_bufsize, data_received);
    }

    /** Serializes `packet` and sends it with `ancillary` (raw control messages, see
        `socket_ancillary::as_raw`) in ONE sendmsg (SEMANTICS A1, W5).
        @throws system_error EMSGSIZE if it did not fit in one call;
        easynet::unsupported_operation without ancillary data support; else as `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, std::span<const raw_ancillary_message> ancillary)
    {
        auto busy = send_busy_.enter("sending");
        if (eof_sent_)
            throw std::runtime_error("send_eof() has been called earlier");
        sender_.send_with_ancillary(*transport_, packet, ancillary);
    }

    /** Closes the write side (the peer reads end of stream); receiving goes on.
        Idempotent; a no-op once closed.
        @throws easynet::unsupported_operation on TLS; busy_resource_error while a send runs. */
    void send_eof()
    {
        auto busy = send_busy_.enter("sending");
        if (eof_sent_ || transport_->is_closing())
            return;
        transport_->send_eof();
        eof_sent_ = true;
    }

    /// Closes the transport (see `async_base_transport::aclose`). Idempotent.
    void aclose() { transport_->aclose(); }
    bool is_closing() const noexcept { return transport_->is_closing(); }
    /// True once the peer's end of stream was read.
    bool eof_received() const noexcept { return receiver_.eof(); }
    /// True after `send_eof()`.
    bool eof_sent() const noexcept { return eof_sent_; }
    /// The bytes received and not yet consumed.
    std::string_view buffered_data() const noexcept { return receiver_.buffered_data(); }
    /// The next packet if a whole one is already buffered (no I/O, never suspends).
    std::optional<ReceivedPacket> try_recv_buffered_packet() { return receiver_.try_buffered(); }

    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::async_stream_transport& transport() noexcept { return *transport_; }

private:
    static std::unique_ptr<transports::async_stream_transport> require(std::unique_ptr<transports::async_stream_transport> t)
    {
        if (!t)
            throw std::invalid_argument("async_stream_endpoint: null transport");
        return t;
    }

    std::unique_ptr<transports::async_stream_transport> transport_;
    detail::stream_receiver<ReceivedPacket> receiver_;
    detail::stream_sender<SentPacket> sender_;
    detail::busy_flag recv_busy_;
    detail::busy_flag send_busy_;
    bool eof_sent_ = false;
};

} // namespace easynet::lowlevel::api_async::endpoints

#endif
