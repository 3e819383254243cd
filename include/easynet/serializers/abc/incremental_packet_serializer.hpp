//
// easynet — incremental (stream) serializer interface
// (EasyNetwork `AbstractIncrementalPacketSerializer`).
//
#ifndef EASYNET_SERIALIZERS_ABC_INCREMENTAL_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_ABC_INCREMENTAL_PACKET_SERIALIZER_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/incremental_deserializer.hpp>
#include <easynet/serializers/abc/packet_serializer.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace easynet::serializers {

/** A serializer usable on a stream: it adds framing when writing and finds packet
    boundaries when reading.

    Implementers provide `incremental_serialize()` and `make_incremental_deserializer()`;
    the one-shot functions have default implementations built on them (override them when a
    faster or different datagram form exists):
    - `serialize()` concatenates the chunks of `incremental_serialize()`;
    - `deserialize()` parses `data` at once: an incomplete packet gives
      `deserialize_error("Missing data to create packet")`, trailing bytes give
      `deserialize_error("Extra data caught")` (debug info `{"packet", "extra"}`).

    Thread safety: as `packet_serializer`; each deserializer object belongs to one connection.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class incremental_packet_serializer : public packet_serializer<SentPacket, ReceivedPacket> {
public:
    /** Appends the stream form of `packet` (framing included) to `chunks`, as one or more
        non-empty chunks that are written in order (scatter-gather). May append nothing
        (e.g. an empty line).
        @throws any exception for a packet that cannot be serialized. */
    virtual void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const = 0;

    /** Creates the parse state of one connection. The deserializer may refer to this
        serializer: keep the serializer alive while the deserializer is in use (protocol
        consumers do). */
    virtual std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const = 0;

    std::string serialize(const SentPacket& packet) const override
    {
        std::vector<std::string> chunks;
        incremental_serialize(packet, chunks);
        if (chunks.size() == 1) {
            return std::move(chunks.front());
        }
        std::string out;
        for (const std::string& c : chunks) {
            out += c;
        }
        return out;
    }

    ReceivedPacket deserialize(std::string_view data) const override
    {
        auto deserializer = make_incremental_deserializer();
        std::size_t consumed = 0;
        std::optional<ReceivedPacket> packet;
        if (!data.empty()) {
            packet = deserializer->try_parse(data, consumed);
        }
        if (!packet) {
            throw deserialize_error("Missing data to create packet", make_error_info({{"data", std::string(data)}}));
        }
        if (consumed < data.size()) {
            auto info = std::make_shared<error_info_map>();
            if constexpr (std::is_copy_constructible_v<ReceivedPacket>) {
                info->set("packet", *packet);
            }
            info->set("extra", std::string(data.substr(consumed)));
            throw deserialize_error("Extra data caught", std::move(info));
        }
        return std::move(*packet);
    }
};

} // namespace easynet::serializers

#endif
