//
// easynet — the packets a client receives, one after the other, as a range (what
// `iter_received_packets()` returns; EasyNetwork's `ClientRecvIterator`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ABC_RECEIVED_PACKETS_HPP
#define EASYNET_CLIENTS_ABC_RECEIVED_PACKETS_HPP

#include <cstddef>
#include <functional>
#include <iterator>
#include <optional>
#include <utility>

namespace easynet::clients::abc {

/** A single-pass sequence of received packets, ended by the first error that means
    "nothing more to read" (timeout, end of stream, closed client; SEMANTICS C10).
    Parse errors are not swallowed: they propagate from `next()` (or the iterator).

    @par Example
    @code
    for (const Response& response : client.iter_received_packets(5s))
        handle(response);
    // or, step by step:
    auto packets = client.iter_received_packets(5s);
    while (std::optional<Response> response = packets.next())
        handle(*response);
    @endcode
    @par Thread safety
    One user at a time (it calls the client's `recv_packet`).
*/
template <class Packet>
class received_packets {
public:
    /// `next_packet` returns the next packet, or nothing once the sequence ended.
    explicit received_packets(std::function<std::optional<Packet>()> next_packet) : next_(std::move(next_packet)) {}

    /** The next packet, or `std::nullopt` once the sequence ended (then always).
        @throws what the client's `recv_packet` throws except the errors that end the
        sequence (e.g. stream_protocol_parse_error). */
    std::optional<Packet> next()
    {
        if (done_)
            return std::nullopt;
        std::optional<Packet> packet = next_();
        if (!packet)
            done_ = true;
        return packet;
    }

    /// Reaching the end of the sequence.
    struct sentinel {};

    /// A single-pass input iterator; dereferencing gives the current packet.
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Packet;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        explicit iterator(received_packets* owner) : owner_(owner) { current_ = owner_->next(); }
        Packet& operator*() const { return *current_; }
        Packet* operator->() const { return &*current_; }
        iterator& operator++()
        {
            current_ = owner_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, sentinel) noexcept { return !it.current_; }

    private:
        received_packets* owner_ = nullptr;
        mutable std::optional<Packet> current_;
    };

    /// Receives the first packet (may throw, as `next()`).
    iterator begin() { return iterator(this); }
    sentinel end() const noexcept { return {}; }

private:
    std::function<std::optional<Packet>()> next_;
    bool done_ = false;
};

} // namespace easynet::clients::abc

#endif
