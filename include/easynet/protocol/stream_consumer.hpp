//
// easynet — per-connection receive state of a `stream_protocol`
// (EasyNetwork `StreamDataConsumer`).
//
#ifndef EASYNET_PROTOCOL_STREAM_CONSUMER_HPP
#define EASYNET_PROTOCOL_STREAM_CONSUMER_HPP

#include <easynet/protocol/detail/protocol_core.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::protocol {

/** Turns the bytes received on one stream into packets. Made by
    `stream_protocol::make_consumer()`; one per connection.

    Transport loop (sans-I/O; `max_recv_size` bytes per read):
    @code
    std::optional<Packet> p;
    while (!(p = consumer.next_packet())) {          // parse what is buffered first
        std::string chunk = transport.recv(max_recv_size);
        if (chunk.empty()) throw end_of_stream;      // EOF inside a packet: give up
        consumer.feed(chunk);
    }
    return std::move(*p);
    @endcode

    Errors of `next_packet()` (SEMANTICS P3, M3, M5):
    - `stream_protocol_parse_error`: bad frame or rejected by the converter. The consumer
      already holds `remaining_data()` as its buffer; call `next_packet()` again to go on.
    - `protocol_crash_error("protocol.build_packet_from_chunks() crashed")` with the original
      exception nested: a serializer/converter bug. The buffered bytes are dropped (they are
      kept if the crash happened before anything was parsed). A `deserialize_error` raised
      by an incremental deserializer nests `protocol_crash_error("DeserializeError raised
      instead of IncrementalDeserializeError")`, which nests the error.

    Thread safety: not safe for concurrent use (one receiving task per connection).
*/
template <class ReceivedPacket>
class stream_consumer {
public:
    using received_packet_type = ReceivedPacket;

    explicit stream_consumer(std::shared_ptr<const detail::receiver_core<ReceivedPacket>> core)
        : parser_(std::move(core), "protocol.build_packet_from_chunks() crashed")
    {
    }

    stream_consumer(stream_consumer&&) noexcept = default;
    stream_consumer& operator=(stream_consumer&&) noexcept = default;

    /** Appends received bytes (an empty chunk is ignored). */
    void feed(std::string_view chunk)
    {
        if (chunk.empty()) {
            return;
        }
        if (pos_ != 0) {
            if (pos_ == buffer_.size()) {
                buffer_.clear();
                pos_ = 0;
            } else if (pos_ >= buffer_.size() / 2) {
                buffer_.erase(0, pos_);
                pos_ = 0;
            }
        }
        buffer_.append(chunk);
        dirty_ = true;
    }

    /** Builds the next packet from the buffered bytes.
        @return the packet, or `std::nullopt` if the buffered bytes do not hold a whole packet
        (feed more). Never blocks; does no work when nothing was fed since the last
        `std::nullopt`.
        @throws stream_protocol_parse_error, protocol_crash_error (see the class comment). */
    std::optional<ReceivedPacket> next_packet()
    {
        if (!dirty_ || pos_ == buffer_.size()) {
            dirty_ = false;
            return std::nullopt;
        }
        ops ops{*this};
        std::size_t consumed = 0;
        std::optional<ReceivedPacket> packet =
            parser_.parse(std::string_view(buffer_).substr(pos_), consumed, ops);
        pos_ += consumed;
        if (pos_ == buffer_.size()) {
            buffer_.clear();
            pos_ = 0;
        }
        if (!packet) {
            dirty_ = false;
        }
        return packet;
    }

    /// The bytes received and not yet consumed (Python `get_buffer()`).
    std::string_view buffered_data() const noexcept { return std::string_view(buffer_).substr(pos_); }

    /// Drops buffered bytes and parse state.
    void clear() noexcept
    {
        buffer_.clear();
        pos_ = 0;
        dirty_ = false;
        parser_.reset();
    }

private:
    struct ops final : detail::parser_buffer_ops {
        explicit ops(stream_consumer& c) : self(c) {}
        void advance(std::size_t n) override
        {
            self.pos_ += n;
            self.dirty_ = true;
        }
        void replace(std::string_view data) override
        {
            std::string copy(data);
            self.buffer_ = std::move(copy);
            self.pos_ = 0;
            self.dirty_ = true;
        }
        void drop() noexcept override
        {
            self.buffer_.clear();
            self.pos_ = 0;
            self.dirty_ = false;
        }
        stream_consumer& self;
    };

    detail::packet_parser<ReceivedPacket> parser_;
    std::string buffer_;
    std::size_t pos_ = 0;
    bool dirty_ = false;
};

} // namespace easynet::protocol

#endif
