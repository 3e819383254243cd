//
// easynet tests — drive an incremental deserializer as a stream consumer does
// (SEMANTICS P2/P3), without sockets, with any chunking of the input.
//
#ifndef EASYNET_TEST_INCREMENTAL_FEED_HPP
#define EASYNET_TEST_INCREMENTAL_FEED_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/incremental_packet_serializer.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace easynet_test {

/// What a feed produced, in order: packets, and errors (with their remaining data).
template <class Packet>
struct feed_result {
    struct event {
        std::optional<Packet> packet;
        std::exception_ptr error; ///< an incremental_deserialize_error (or subclass)
        std::string remaining;    ///< the error's remaining data
    };
    std::vector<event> events;
    std::string pending; ///< bytes left unconsumed at the end

    std::size_t packet_count() const
    {
        std::size_t n = 0;
        for (const auto& e : events)
            n += e.packet.has_value();
        return n;
    }
    std::size_t error_count() const { return events.size() - packet_count(); }
};

/// Splits `size` bytes into chunks: every chunk of `step` bytes (`step` > 0).
inline std::vector<std::size_t> fixed_chunks(std::size_t size, std::size_t step)
{
    std::vector<std::size_t> out;
    for (std::size_t done = 0; done < size; done += step)
        out.push_back(std::min(step, size - done));
    return out;
}

/// Splits `size` bytes into random chunks of 1..`max_chunk` bytes (deterministic for a seed).
inline std::vector<std::size_t> random_chunks(std::size_t size, std::uint32_t seed, std::size_t max_chunk = 64)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> dist(1, max_chunk);
    std::vector<std::size_t> out;
    for (std::size_t done = 0; done < size;) {
        const std::size_t n = std::min(dist(rng), size - done);
        out.push_back(n);
        done += n;
    }
    return out;
}

/** Feeds `input`, cut into `chunks`, to deserializers of `serializer` the way the stream
    consumer does: pending bytes are offered after every chunk until no packet comes out;
    a packet's bytes are dropped; an error replaces the pending bytes with its remaining
    data and starts a fresh deserializer. Other exceptions propagate. */
template <class Sent, class Received>
feed_result<Received> feed(const easynet::serializers::incremental_packet_serializer<Sent, Received>& serializer,
                           std::string_view input, const std::vector<std::size_t>& chunks)
{
    feed_result<Received> result;
    auto deserializer = serializer.make_incremental_deserializer();
    std::string pending;
    std::size_t offset = 0;
    for (const std::size_t n : chunks) {
        pending.append(input.substr(offset, n));
        offset += n;
        while (!pending.empty()) {
            std::size_t consumed = 0;
            try {
                std::optional<Received> packet = deserializer->try_parse(pending, consumed);
                pending.erase(0, consumed);
                if (!packet)
                    break;
                result.events.push_back({std::move(packet), nullptr, {}});
            }
            catch (const easynet::incremental_deserialize_error& exc) {
                result.events.push_back({std::nullopt, std::current_exception(), exc.remaining_data()});
                if (exc.remaining_data().size() >= pending.size() && !pending.empty())
                    throw std::logic_error("deserializer error made no progress"); // would loop forever
                pending = exc.remaining_data();
                deserializer = serializer.make_incremental_deserializer();
            }
        }
    }
    result.pending = std::move(pending);
    return result;
}

} // namespace easynet_test

#endif
