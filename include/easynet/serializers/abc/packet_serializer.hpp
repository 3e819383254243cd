//
// easynet — one-shot serializer interface (EasyNetwork `AbstractPacketSerializer`).
//
#ifndef EASYNET_SERIALIZERS_ABC_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_ABC_PACKET_SERIALIZER_HPP

#include <string>
#include <string_view>

namespace easynet::serializers {

/** A one-shot serializer: one packet <-> one complete byte string (a datagram).

    Bytes are `std::string` (owning) and `std::string_view` (view), like Python `bytes`.

    @tparam SentPacket the DTO type written by `serialize()`.
    @tparam ReceivedPacket the DTO type built by `deserialize()`.

    Thread safety: serializers are immutable after construction; every member function is
    `const` and may be called concurrently. Per-connection parse state lives in separate
    deserializer objects (see `incremental_packet_serializer`).
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class packet_serializer {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;

    virtual ~packet_serializer() = default;

    /** Returns the byte representation of `packet` (no stream framing).
        @throws any exception for a packet that cannot be serialized (a protocol reports it
        as `protocol_crash_error`). */
    virtual std::string serialize(const SentPacket& packet) const = 0;

    /** Builds a packet from exactly `data`.
        @throws deserialize_error if `data` is invalid, incomplete or has trailing bytes. */
    virtual ReceivedPacket deserialize(std::string_view data) const = 0;
};

} // namespace easynet::serializers

#endif
