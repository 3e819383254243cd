//
// easynet fuzzing — the harness shared by every fuzz_<name>.cpp target.
//
// Each input is: one configuration byte (the target picks serializer options from it),
// one chunking byte (how the stream is cut: 0 = all at once, else pseudo-random chunks of
// 1..64 bytes), then the bytes received. The target builds a serializer and calls `run()`,
// which pushes the bytes through
//   - the stream protocol consumer (feed / next_packet), chunk by chunk;
//   - the buffered stream protocol consumer (get_write_buffer / buffer_updated), when the
//     serializer is buffered, with a small receive-size hint;
//   - the one-shot `deserialize()` (datagram form) of the whole input;
// and checks, for every packet obtained, that serialize -> deserialize -> serialize gives
// the same bytes. Parse errors are expected; anything else (a crash error, a stalled parser,
// another exception) aborts, and ASan/UBSan watch memory. The loop counters make a parser
// that stops making progress fail instead of hanging.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_FUZZING_FUZZ_COMMON_HPP
#define EASYNET_FUZZING_FUZZ_COMMON_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace fuzz {

/// The decoded parts of a fuzz input.
struct input {
    std::uint8_t config = 0;
    std::uint8_t chunking = 0;
    std::string_view bytes;

    static input parse(const std::uint8_t* data, std::size_t size)
    {
        input in;
        if (size > 0)
            in.config = data[0];
        if (size > 1)
            in.chunking = data[1];
        if (size > 2)
            in.bytes = std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2);
        return in;
    }
};

[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
    std::abort();
}

/// Chunk sizes drawn from the chunking byte (deterministic).
class chunker {
public:
    explicit chunker(std::uint8_t seed) : state_(seed * 2654435761u + 1u), whole_(seed == 0) {}
    std::size_t next(std::size_t left)
    {
        if (whole_)
            return left;
        state_ = state_ * 1103515245u + 12345u;
        return std::min<std::size_t>(left, 1 + (state_ >> 16) % 64);
    }

private:
    std::uint32_t state_;
    bool whole_;
};

/// What may go wrong when re-serializing a parsed packet without it being a bug.
enum class reserialize { must_succeed, may_throw };

/// serialize -> deserialize -> serialize is stable.
template <class Serializer, class Packet>
void check_round_trip(const Serializer& s, const Packet& packet, reserialize policy)
{
    std::string first;
    try {
        first = s.serialize(packet);
    }
    catch (const std::exception& exc) {
        if (policy == reserialize::must_succeed) {
            std::fprintf(stderr, "%s\n", exc.what());
            fail("a parsed packet cannot be serialized");
        }
        return;
    }
    Packet again;
    try {
        again = s.deserialize(first);
    }
    catch (const easynet::deserialize_error& exc) {
        std::fprintf(stderr, "%s\n", exc.what());
        fail("serialized packet does not deserialize");
    }
    if (s.serialize(again) != first)
        fail("serialize(deserialize(serialize(p))) != serialize(p)");
}

template <class Serializer>
void run(const std::shared_ptr<const Serializer>& s, const input& in, reserialize policy = reserialize::must_succeed)
{
    using packet_type = typename Serializer::received_packet_type;
    static_assert(std::is_same_v<packet_type, typename Serializer::sent_packet_type>);
    const std::string_view bytes = in.bytes;
    const std::size_t max_steps = bytes.size() * 4 + 64;

    // Every packet `consumer` has ready goes through the round trip (parse errors are
    // expected); more than `max_steps` calls over the whole input: `stalled`.
    const auto take_packets = [&](auto& consumer, std::size_t& steps, const char* stalled) {
        for (;;) {
            if (++steps > max_steps)
                fail(stalled);
            try {
                auto packet = consumer.next_packet();
                if (!packet)
                    return;
                check_round_trip(*s, *packet, policy);
            }
            catch (const easynet::stream_protocol_parse_error&) {
            }
        }
    };

    // Stream protocol.
    {
        const easynet::protocol::stream_protocol<packet_type> protocol(s);
        auto consumer = protocol.make_consumer();
        chunker chunks(in.chunking);
        std::size_t pos = 0, steps = 0;
        for (;;) {
            take_packets(consumer, steps, "stream consumer makes no progress");
            if (pos >= bytes.size())
                break;
            const std::size_t n = chunks.next(bytes.size() - pos);
            consumer.feed(bytes.substr(pos, n));
            pos += n;
        }
    }

    // Buffered stream protocol.
    if constexpr (std::is_base_of_v<easynet::serializers::buffered_incremental_packet_serializer<packet_type>,
                                    Serializer>) {
        const easynet::protocol::buffered_stream_protocol<packet_type> protocol(s);
        auto consumer = protocol.make_consumer(1 + in.config % 97);
        chunker chunks(in.chunking);
        std::size_t pos = 0, steps = 0;
        for (;;) {
            take_packets(consumer, steps, "buffered consumer makes no progress");
            if (pos >= bytes.size())
                break;
            const auto buffer = consumer.get_write_buffer(); // a crash here is a serializer bug
            const std::size_t n = std::min(buffer.size(), chunks.next(bytes.size() - pos));
            std::memcpy(buffer.data(), bytes.data() + pos, n);
            consumer.buffer_updated(n);
            pos += n;
        }
    }

    // Datagram (one-shot).
    try {
        const packet_type packet = s->deserialize(bytes);
        check_round_trip(*s, packet, policy);
    }
    catch (const easynet::deserialize_error&) {
    }
}

} // namespace fuzz

#endif
