//
// easynet — per-connection incremental parse state (the C++ form of EasyNetwork's
// `incremental_deserialize()` generator).
//
#ifndef EASYNET_SERIALIZERS_ABC_INCREMENTAL_DESERIALIZER_HPP
#define EASYNET_SERIALIZERS_ABC_INCREMENTAL_DESERIALIZER_HPP

#include <cstddef>
#include <optional>
#include <string_view>

namespace easynet::serializers {

/** The parse state of one stream (one connection), created by
    `incremental_packet_serializer::make_incremental_deserializer()`.

    A protocol consumer owns the received bytes and calls `try_parse()` with every byte
    received and not yet consumed. Contract:

    - `data` is never empty. Between two calls that return `std::nullopt`, `data` starts with
      the bytes of the previous call, possibly followed by new ones (bytes are only appended;
      their address may change: remember offsets, never pointers). A deserializer can thus
      remember how far it has already scanned (no quadratic rescans).
    - On a complete packet: return it and set `consumed` to the number of bytes it used
      (everything after them is the remainder, parsed next). Then be ready for a new packet.
    - Need more data: return `std::nullopt`. `consumed` may be set to a count of bytes the
      deserializer has absorbed into its own state (they are dropped by the consumer and
      will not appear again in `data`); usually it stays 0.
    - Invalid frame: throw `incremental_deserialize_error` (or `limit_overrun_error`) whose
      `remaining_data()` is where parsing must resume. After any exception the consumer
      discards this object and makes a new one.
    - Any other exception is a crash: the consumer reports `protocol_crash_error` and drops
      its buffer.

    For a buffered protocol, the same object parses in place in the receive buffer, whose
    size the serializer chose: when that buffer is full the deserializer must make progress
    (return a packet, absorb bytes, or throw); enforcing the serializer `limit` does that.

    Thread safety: one object per connection; not safe for concurrent use.
*/
template <class ReceivedPacket>
class incremental_deserializer {
public:
    using received_packet_type = ReceivedPacket;

    virtual ~incremental_deserializer() = default;

    /** Tries to build the next packet from the start of `data`.
        @param data every byte received and not yet consumed (non-empty).
        @param consumed [out] bytes used (packet) or absorbed (`nullopt`); 0 on entry.
        @return the packet, or `std::nullopt` if more data is needed.
        @throws incremental_deserialize_error on an invalid frame (keeps the remainder). */
    virtual std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) = 0;
};

} // namespace easynet::serializers

#endif
