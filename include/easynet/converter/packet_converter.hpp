//
// easynet — converter interfaces: business objects <-> DTO packets
// (EasyNetwork `AbstractPacketConverterComposite`, `AbstractPacketConverter`).
//
#ifndef EASYNET_CONVERTER_PACKET_CONVERTER_HPP
#define EASYNET_CONVERTER_PACKET_CONVERTER_HPP

namespace easynet::converter {

/** Converts business packets to the DTO type a serializer writes, and received DTOs back to
    business packets. Used by the protocols between the application and the serializer.

    @tparam SentPacket business type given to `send_packet()`.
    @tparam ReceivedPacket business type returned by `recv_packet()`.
    @tparam SentDTOPacket type the serializer serializes.
    @tparam ReceivedDTOPacket type the serializer deserializes.

    Thread safety: converters are shared by every connection of a protocol; both functions
    are `const` and must be safe to call concurrently.
*/
template <class SentPacket, class ReceivedPacket, class SentDTOPacket, class ReceivedDTOPacket>
class packet_converter_composite {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using sent_dto_packet_type = SentDTOPacket;
    using received_dto_packet_type = ReceivedDTOPacket;

    virtual ~packet_converter_composite() = default;

    /** Builds the business packet from a received DTO.
        @throws packet_conversion_error if the DTO is invalid (reported as a parse error);
        any other exception is reported as a crash. */
    virtual ReceivedPacket create_from_dto_packet(ReceivedDTOPacket packet) const = 0;

    /** Builds the DTO to serialize from a business packet.
        @throws any exception (reported as a crash: nothing is sent). */
    virtual SentDTOPacket convert_to_dto_packet(const SentPacket& packet) const = 0;
};

/** The symmetric form: the same business type and DTO type in both directions
    (Python `AbstractPacketConverter`). */
template <class Packet, class DTOPacket>
class packet_converter : public packet_converter_composite<Packet, Packet, DTOPacket, DTOPacket> {
};

} // namespace easynet::converter

#endif
