//
// easynet — per-connection receive state of a `buffered_stream_protocol`
// (EasyNetwork `BufferedStreamDataConsumer`).
//
#ifndef EASYNET_PROTOCOL_BUFFERED_STREAM_CONSUMER_HPP
#define EASYNET_PROTOCOL_BUFFERED_STREAM_CONSUMER_HPP

#include <easynet/protocol/detail/protocol_core.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>

namespace easynet::protocol {

/** Turns the bytes received on one stream into packets, receiving straight into a buffer
    whose size the serializer chose: no copy on the receive path (SEMANTICS P4). Made by
    `buffered_stream_protocol::make_consumer()`; one per connection.

    Transport loop:
    @code
    std::optional<Packet> p;
    while (!(p = consumer.next_packet())) {          // remainders are parsed first
        std::span<char> buf = consumer.get_write_buffer();
        std::size_t n = transport.recv_into(buf);
        if (n == 0) throw end_of_stream;
        consumer.buffer_updated(n);
    }
    return std::move(*p);
    @endcode

    The buffer is allocated on the first `get_write_buffer()` with the serializer's
    `create_deserializer_buffer(sizehint)` size (`sizehint` = the endpoint's
    `max_recv_size`); it grows up to the serializer's maximum only while one packet does
    not fit. Bytes following a packet stay in the buffer (moved to its front when room is
    needed) and are parsed before the socket is read again.

    Errors of `next_packet()`: as `stream_consumer`, with the crash message
    "protocol.build_packet_from_buffer() crashed"; after a crash the buffered bytes are
    dropped. `get_write_buffer()` throws `protocol_crash_error("The start position is set to
    the end of the buffer")` if the serializer let its buffer fill up without progress (the
    bytes are dropped so the connection can go on).

    Thread safety: not safe for concurrent use (one receiving task per connection).
*/
template <class ReceivedPacket>
class buffered_stream_consumer {
public:
    using received_packet_type = ReceivedPacket;

    /// @throws std::invalid_argument if `sizehint` is 0.
    buffered_stream_consumer(std::shared_ptr<const detail::receiver_core<ReceivedPacket>> core, std::size_t sizehint)
        : parser_(std::move(core), "protocol.build_packet_from_buffer() crashed"), sizehint_(sizehint)
    {
        if (sizehint_ == 0) {
            throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
        }
    }

    buffered_stream_consumer(buffered_stream_consumer&&) noexcept = default;
    buffered_stream_consumer& operator=(buffered_stream_consumer&&) noexcept = default;

    /** The writable free part of the receive buffer, for one `recv_into()`. Calling it again
        before `buffer_updated()` returns the same span. Never empty.
        @throws protocol_crash_error (see the class comment); `std::invalid_argument` if the
        serializer asks for a null buffer. */
    std::span<char> get_write_buffer()
    {
        if (exported_ != 0) {
            return {buffer_.get() + end_, exported_};
        }
        if (!buffer_) {
            allocate();
        }
        if (begin_ == end_) {
            begin_ = end_ = 0;
        }
        const std::size_t free_tail = capacity_ - end_;
        if (free_tail == 0 || (begin_ != 0 && free_tail < capacity_ / 4)) {
            if (begin_ != 0) {
                std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
                end_ -= begin_;
                begin_ = 0;
            } else if (capacity_ < maximum_) {
                grow();
            } else {
                begin_ = end_ = 0;
                dirty_ = false;
                parser_.reset();
                throw protocol_crash_error("The start position is set to the end of the buffer");
            }
        }
        exported_ = capacity_ - end_;
        return {buffer_.get() + end_, exported_};
    }

    /** Commits `nbytes` bytes written at the start of the last `get_write_buffer()` span.
        @throws std::logic_error if no write buffer is outstanding;
        std::invalid_argument if `nbytes` exceeds its size. */
    void buffer_updated(std::size_t nbytes)
    {
        if (exported_ == 0) {
            throw std::logic_error("buffer_updated() has been called whilst get_write_buffer() was never called");
        }
        if (nbytes > exported_) {
            throw std::invalid_argument("Invalid value given");
        }
        exported_ = 0;
        end_ += nbytes;
        if (nbytes != 0) {
            dirty_ = true;
        }
    }

    /** Builds the next packet from the buffered bytes, in place.
        @return the packet, or `std::nullopt` if more bytes are needed.
        @throws stream_protocol_parse_error, protocol_crash_error. */
    std::optional<ReceivedPacket> next_packet()
    {
        if (!dirty_ || begin_ == end_) {
            dirty_ = false;
            return std::nullopt;
        }
        exported_ = 0;
        ops ops{*this};
        std::size_t consumed = 0;
        std::optional<ReceivedPacket> packet =
            parser_.parse(std::string_view(buffer_.get() + begin_, end_ - begin_), consumed, ops);
        begin_ += consumed;
        if (begin_ == end_) {
            begin_ = end_ = 0;
        }
        if (!packet) {
            dirty_ = false;
        }
        return packet;
    }

    /// The bytes received and not yet consumed (Python `get_value()`).
    std::string_view buffered_data() const noexcept
    {
        return buffer_ ? std::string_view(buffer_.get() + begin_, end_ - begin_) : std::string_view{};
    }

    /// Current size of the receive buffer (0 before the first `get_write_buffer()`).
    std::size_t buffer_size() const noexcept { return capacity_; }

    /// Drops buffered bytes, the buffer and the parse state.
    void clear() noexcept
    {
        buffer_.reset();
        capacity_ = maximum_ = begin_ = end_ = exported_ = 0;
        dirty_ = false;
        parser_.reset();
    }

private:
    struct ops final : detail::parser_buffer_ops {
        explicit ops(buffered_stream_consumer& c) : self(c) {}
        void advance(std::size_t n) override
        {
            self.begin_ += n;
            self.dirty_ = true;
        }
        void replace(std::string_view data) override
        {
            // `data` may point into our own buffer: move, do not copy over it blindly.
            if (data.size() >= self.capacity_) {
                std::unique_ptr<char[]> fresh(new char[data.size() + 1]);
                std::memcpy(fresh.get(), data.data(), data.size());
                self.buffer_ = std::move(fresh);
                self.capacity_ = data.size() + 1;
                self.maximum_ = std::max(self.maximum_, self.capacity_);
            } else if (!data.empty()) {
                std::memmove(self.buffer_.get(), data.data(), data.size());
            }
            self.begin_ = 0;
            self.end_ = data.size();
            self.dirty_ = true;
        }
        void drop() noexcept override
        {
            self.begin_ = self.end_ = 0;
            self.dirty_ = false;
        }
        buffered_stream_consumer& self;
    };

    void allocate()
    {
        const serializers::deserializer_buffer_size size = parser_.core().create_buffer(sizehint_);
        if (size.initial == 0) {
            throw std::invalid_argument("protocol.create_buffer() returned a null buffer");
        }
        buffer_.reset(new char[size.initial]);
        capacity_ = size.initial;
        maximum_ = std::max(size.initial, size.maximum);
        begin_ = end_ = 0;
    }

    void grow()
    {
        const std::size_t new_capacity = std::min(maximum_, std::max(capacity_ * 2, capacity_ + 1));
        std::unique_ptr<char[]> fresh(new char[new_capacity]);
        std::memcpy(fresh.get(), buffer_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
        buffer_ = std::move(fresh);
        capacity_ = new_capacity;
    }

    detail::packet_parser<ReceivedPacket> parser_;
    std::size_t sizehint_;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t maximum_ = 0;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::size_t exported_ = 0;
    bool dirty_ = false;
};

} // namespace easynet::protocol

#endif
