//
// easynet — the receive and send halves of the sync stream endpoint: a blocking read loop
// with a time budget feeding a protocol consumer (plain or buffered).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_write_transport.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace easynet::lowlevel::api_sync::endpoints::detail {

using transports::seconds;

/// The error every receive raises once the peer has closed its write side (SEMANTICS C7).
[[noreturn]] inline void throw_end_of_stream()
{
    throw boost::system::system_error(ECONNABORTED, boost::system::system_category(), "end-of-stream");
}

/// Validates `timeout` (std::invalid_argument for negative or NaN) and returns it in seconds.
inline double checked_timeout(seconds timeout)
{
    const double t = timeout.count();
    if (std::isnan(t) || t < 0)
        throw std::invalid_argument("Invalid timeout: " + std::to_string(t));
    return t;
}

/// Receive state of one stream: the protocol's consumer plus the end-of-stream flag.
template <class ReceivedPacket>
class stream_receiver {
public:
    template <class Sent>
    stream_receiver(const protocol::stream_protocol<Sent, ReceivedPacket>& protocol, std::size_t max_recv_size)
        : state_(std::in_place_index<0>, protocol.make_consumer(), max_recv_size)
    {
        if (max_recv_size == 0)
            throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
    }

    template <class Sent>
    stream_receiver(const protocol::buffered_stream_protocol<Sent, ReceivedPacket>& protocol,
                    std::size_t max_recv_size)
        : state_(std::in_place_index<1>, protocol.make_consumer(max_recv_size))
    {
    }

    /** The next packet, reading within `timeout` (SEMANTICS W4, Y2): with a budget, reads
        until it is spent; with 0, reads while each read fills the whole buffer, and gives up
        after a short read that did not complete a packet. Partial data stays buffered.
        @throws timeout_error; the consumer's parse errors; system_error ECONNABORTED at end
        of stream; the transport's errors. */
    ReceivedPacket receive(transports::stream_read_transport& transport, seconds timeout)
    {
        const double budget = checked_timeout(timeout);
        const double deadline = std::isinf(budget) ? budget : api_async::backend::current_time() + budget;
        for (;;) {
            if (auto packet = try_buffered())
                return std::move(*packet);
            if (eof_)
                throw_end_of_stream();
            double left = budget;
            if (budget > 0 && !std::isinf(budget))
                left = std::max(0.0, deadline - api_async::backend::current_time());
            const std::span<char> area = write_area();
            const std::size_t n = transport.recv_into(area, seconds{left});
            commit(n);
            if (n == 0) {
                eof_ = true;
                throw_end_of_stream();
            }
            if (budget == 0 && n < area.size()) {
                if (auto packet = try_buffered())
                    return std::move(*packet);
                throw timeout_error();
            }
        }
    }

    /** The next packet from ONE read with ancillary data (SEMANTICS A1); a packet already
        buffered is returned without reading (the callback is not called then).
        @throws eof_error "Received partial packet data" when the read did not complete a
        packet (the bytes stay buffered); else as `receive` and the callback. */
    ReceivedPacket receive_with_ancillary(transports::stream_read_transport& transport, std::size_t ancillary_bufsize,
                                          const std::function<void(std::vector<raw_ancillary_message>)>& received,
                                          seconds timeout)
    {
        checked_timeout(timeout);
        if (ancillary_bufsize == 0)
            throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
        if (auto packet = try_buffered())
            return std::move(*packet);
        if (eof_)
            throw_end_of_stream();
        const std::span<char> area = write_area();
        recv_ancillary_result result = transport.recv_with_ancillary_into(area, ancillary_bufsize, timeout);
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

    /// The next packet if one is complete in what is already buffered (no I/O).
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

    /// True once the peer's end of stream was read.
    bool eof() const noexcept { return eof_; }

private:
    std::span<char> write_area()
    {
        if (state_.index() == 0) {
            auto& plain = std::get<0>(state_);
            return {plain.buffer.get(), plain.size};
        }
        return std::get<1>(state_).get_write_buffer();
    }

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

/// Send state of one stream: the protocol (for `generate_chunks`) and reusable chunk storage.
template <class SentPacket>
class stream_sender {
public:
    template <class Protocol>
    explicit stream_sender(const Protocol& protocol)
        : generate_([protocol](const SentPacket& p, std::vector<std::string>& chunks) {
              protocol.generate_chunks(p, chunks);
          })
    {
    }

    /** Serializes `packet` whole (nothing is written if that fails: protocol_crash_error),
        then returns the chunks to write. */
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

    /// Serializes `packet`, then writes it with one gathered write within `timeout`.
    void send(transports::stream_write_transport& transport, const SentPacket& packet, seconds timeout)
    {
        checked_timeout(timeout);
        const auto views = serialize(packet);
        if (views.size() == 1)
            transport.send_all(views.front(), timeout);
        else if (!views.empty())
            transport.send_all_from_iterable(views, timeout);
    }

private:
    std::function<void(const SentPacket&, std::vector<std::string>&)> generate_;
    std::vector<std::string> chunks_;
    std::vector<std::string_view> views_;
};

} // namespace easynet::lowlevel::api_sync::endpoints::detail

#endif
