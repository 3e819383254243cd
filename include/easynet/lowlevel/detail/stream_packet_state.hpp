//
// easynet — the I/O-free half of a stream endpoint, shared by the async and sync
// endpoints and servers: the protocol consumer with its receive area, and the packet
// serializer with reusable chunk storage.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_DETAIL_STREAM_PACKET_STATE_HPP
#define EASYNET_LOWLEVEL_DETAIL_STREAM_PACKET_STATE_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace easynet::lowlevel::detail {

/// The error every receive raises once the peer has closed its write side (SEMANTICS C7).
[[noreturn]] inline void throw_end_of_stream()
{
    throw boost::system::system_error(ECONNABORTED, boost::system::system_category(), "end-of-stream");
}

/** Receive state of one stream: the protocol's consumer (plain or buffered), the area the
    next read goes into, and the end-of-stream flag. A read loop is:
    `while (!(p = try_buffered())) { n = read(write_area()); commit(n); if (n == 0) ... }`. */
template <class ReceivedPacket>
class stream_receive_state {
public:
    /// A plain protocol: reads of `max_recv_size` bytes go to a buffer of that size.
    template <class Sent>
    stream_receive_state(const protocol::stream_protocol<Sent, ReceivedPacket>& protocol, std::size_t max_recv_size)
        : state_(std::in_place_index<0>, protocol.make_consumer(), max_recv_size)
    {
        if (max_recv_size == 0)
            throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
    }

    /// A buffered protocol: reads go straight into the serializer's buffer.
    template <class Sent>
    stream_receive_state(const protocol::buffered_stream_protocol<Sent, ReceivedPacket>& protocol,
                         std::size_t max_recv_size)
        : state_(std::in_place_index<1>, protocol.make_consumer(max_recv_size))
    {
    }

    /// Where the next read writes (the same area until `commit`).
    std::span<char> write_area()
    {
        if (state_.index() == 0) {
            auto& plain = std::get<0>(state_);
            return {plain.buffer.get(), plain.size};
        }
        return std::get<1>(state_).get_write_buffer();
    }

    /// Commits `n` bytes written at the start of `write_area()` (0: nothing, e.g. EOF).
    void commit(std::size_t n)
    {
        if (state_.index() == 0) {
            auto& plain = std::get<0>(state_);
            if (n > 0)
                plain.consumer.feed(std::string_view(plain.buffer.get(), n));
            return;
        }
        std::get<1>(state_).buffer_updated(n);
    }

    /// Appends bytes obtained elsewhere.
    void feed(std::string_view data)
    {
        while (!data.empty()) {
            const std::span<char> area = write_area();
            const std::size_t n = std::min(area.size(), data.size());
            std::copy_n(data.data(), n, area.data());
            commit(n);
            data.remove_prefix(n);
        }
    }

    /** The next packet if a whole one is buffered (no I/O).
        @throws the consumer's parse errors (stream_protocol_parse_error, protocol_crash_error). */
    std::optional<ReceivedPacket> try_buffered()
    {
        if (state_.index() == 0)
            return std::get<0>(state_).consumer.next_packet();
        return std::get<1>(state_).next_packet();
    }

    /// The bytes received and not yet consumed.
    std::string_view buffered_data() const noexcept
    {
        if (state_.index() == 0)
            return std::get<0>(state_).consumer.buffered_data();
        return std::get<1>(state_).buffered_data();
    }

    /// Drops whatever is buffered.
    void clear() noexcept
    {
        if (state_.index() == 0)
            std::get<0>(state_).consumer.clear();
        else
            std::get<1>(state_).clear();
    }

    /// True once the peer's end of stream was read.
    bool eof() const noexcept { return eof_; }
    /// Records the peer's end of stream.
    void set_eof() noexcept { eof_ = true; }

    /** First half of a receive with ancillary data (SEMANTICS A1): a whole packet already
        buffered is returned (no read then); otherwise the caller does ONE read into
        `write_area()` and passes its result to `after_ancillary_read`.
        @throws std::invalid_argument if `ancillary_bufsize` is 0; system_error
        ECONNABORTED after the end of stream; the consumer's parse errors. */
    std::optional<ReceivedPacket> before_ancillary_read(std::size_t ancillary_bufsize)
    {
        if (ancillary_bufsize == 0)
            throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
        if (auto packet = try_buffered())
            return packet;
        if (eof_)
            throw_end_of_stream();
        return std::nullopt;
    }

    /** Second half: commits the read, hands its control messages to `received`, and
        returns the packet it completed.
        @throws eof_error "Received partial packet data" if it completed none (the bytes
        stay buffered); system_error ECONNABORTED if it read the end of stream. */
    ReceivedPacket after_ancillary_read(recv_ancillary_result result,
                                        const std::function<void(std::vector<raw_ancillary_message>)>& received)
    {
        commit(result.size);
        if (result.size == 0)
            eof_ = true;
        received(std::move(result.messages));
        if (eof_)
            throw_end_of_stream();
        if (auto packet = try_buffered())
            return std::move(*packet);
        throw eof_error("Received partial packet data");
    }

private:
    struct plain_state {
        plain_state(protocol::stream_consumer<ReceivedPacket> c, std::size_t n)
            : consumer(std::move(c)), buffer(new char[n]), size(n)
        {
        }
        protocol::stream_consumer<ReceivedPacket> consumer;
        std::unique_ptr<char[]> buffer;
        std::size_t size;
    };

    std::variant<plain_state, protocol::buffered_stream_consumer<ReceivedPacket>> state_;
    bool eof_ = false;
};

/// Serializes packets for one stream, reusing its chunk storage.
template <class SentPacket>
class stream_packet_serializer {
public:
    /// `protocol`: a stream_protocol or buffered_stream_protocol sending `SentPacket`.
    template <class Protocol>
    explicit stream_packet_serializer(const Protocol& protocol)
        : generate_([protocol](const SentPacket& p, std::vector<std::string>& chunks) {
              protocol.generate_chunks(p, chunks);
          })
    {
    }

    /** Serializes `packet` whole and returns its non-empty chunks, valid until the next call.
        @throws protocol_crash_error "protocol.generate_chunks() crashed" (SEMANTICS P5). */
    std::span<const std::string_view> serialize(const SentPacket& packet)
    {
        chunks_.clear();
        views_.clear();
        generate_(packet, chunks_);
        for (const auto& c : chunks_)
            if (!c.empty())
                views_.emplace_back(c);
        return views_;
    }

private:
    std::function<void(const SentPacket&, std::vector<std::string>&)> generate_;
    std::vector<std::string> chunks_;
    std::vector<std::string_view> views_;
};

} // namespace easynet::lowlevel::detail

#endif
