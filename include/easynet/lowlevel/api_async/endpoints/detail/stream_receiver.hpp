//
// easynet — the receive half shared by the async stream endpoints: a transport read loop
// feeding a protocol consumer (plain or buffered).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_write_transport.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/system/system_error.hpp>

#include <cerrno>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace easynet::lowlevel::api_async::endpoints::detail {

/// The error every receive raises once the peer has closed its write side (SEMANTICS C7).
[[noreturn]] inline void throw_end_of_stream()
{
    throw boost::system::system_error(ECONNABORTED, boost::system::system_category(), "end-of-stream");
}

/// Marks an operation as running for its duration; a second concurrent one is refused (W1).
class busy_flag {
public:
    class guard {
    public:
        explicit guard(bool& flag) : flag_(flag) { flag_ = true; }
        guard(const guard&) = delete;
        guard& operator=(const guard&) = delete;
        ~guard() { flag_ = false; }

    private:
        bool& flag_;
    };

    guard enter(const char* what)
    {
        if (busy_)
            throw busy_resource_error(std::string("another task is currently ") + what + " data on this endpoint");
        return guard(busy_);
    }

private:
    bool busy_ = false;
};

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

    /** Returns the next packet: from what is buffered, else reading `transport`.
        @throws the consumer's parse errors; system_error ECONNABORTED at end of stream. */
    ReceivedPacket receive(transports::async_stream_read_transport& transport)
    {
        if (state_.index() == 0) {
            auto& plain = std::get<0>(state_);
            for (;;) {
                if (auto packet = plain.consumer.next_packet())
                    return std::move(*packet);
                if (eof_)
                    throw_end_of_stream();
                const std::size_t n = transport.recv_into(std::span<char>(plain.buffer.get(), plain.size));
                if (n == 0) {
                    eof_ = true;
                    throw_end_of_stream();
                }
                plain.consumer.feed(std::string_view(plain.buffer.get(), n));
            }
        }
        auto& buffered = std::get<1>(state_);
        for (;;) {
            if (auto packet = buffered.next_packet())
                return std::move(*packet);
            if (eof_)
                throw_end_of_stream();
            const std::span<char> area = buffered.get_write_buffer();
            const std::size_t n = transport.recv_into(area);
            buffered.buffer_updated(n);
            if (n == 0) {
                eof_ = true;
                throw_end_of_stream();
            }
        }
    }

    /** The next packet if one is complete in what is already buffered (no I/O). */
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
    /// Records an end of stream seen by another reader (ancillary reads).
    void set_eof() noexcept { eof_ = true; }

    /** Feeds bytes obtained outside `receive` (e.g. by a read with ancillary data). */
    void feed(std::string_view data)
    {
        if (state_.index() == 0) {
            std::get<0>(state_).consumer.feed(data);
            return;
        }
        auto& buffered = std::get<1>(state_);
        while (!data.empty()) {
            const std::span<char> area = buffered.get_write_buffer();
            const std::size_t n = std::min(area.size(), data.size());
            std::copy_n(data.data(), n, area.data());
            buffered.buffer_updated(n);
            data.remove_prefix(n);
        }
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

/// Send state of one stream: the protocol (for `generate_chunks`) and reusable chunk storage.
template <class SentPacket>
class stream_sender {
public:
    template <class Received>
    explicit stream_sender(const protocol::stream_protocol<SentPacket, Received>& protocol)
        : generate_([protocol](const SentPacket& p, std::vector<std::string>& chunks) {
              protocol.generate_chunks(p, chunks);
          })
    {
    }

    template <class Received>
    explicit stream_sender(const protocol::buffered_stream_protocol<SentPacket, Received>& protocol)
        : generate_([protocol](const SentPacket& p, std::vector<std::string>& chunks) {
              protocol.generate_chunks(p, chunks);
          })
    {
    }

    /** Serializes `packet` whole, then writes it with one gathered write (SEMANTICS P5).
        @throws protocol_crash_error (nothing written); the transport's errors. */
    void send(transports::async_stream_write_transport& transport, const SentPacket& packet)
    {
        chunks_.clear();
        views_.clear();
        generate_(packet, chunks_);
        for (const auto& c : chunks_)
            if (!c.empty())
                views_.emplace_back(c);
        if (views_.size() == 1)
            transport.send_all(views_.front());
        else if (!views_.empty())
            transport.send_all_from_iterable(views_);
    }

private:
    std::function<void(const SentPacket&, std::vector<std::string>&)> generate_;
    std::vector<std::string> chunks_;
    std::vector<std::string_view> views_;
};

} // namespace easynet::lowlevel::api_async::endpoints::detail

#endif
