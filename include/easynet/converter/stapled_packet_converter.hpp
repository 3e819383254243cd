//
// easynet — a converter made of two converters, one per direction
// (EasyNetwork `StapledPacketConverter`).
//
#ifndef EASYNET_CONVERTER_STAPLED_PACKET_CONVERTER_HPP
#define EASYNET_CONVERTER_STAPLED_PACKET_CONVERTER_HPP

#include <easynet/converter/packet_converter.hpp>

#include <functional>
#include <memory>
#include <stdexcept>

namespace easynet::converter {

/** Delegates `convert_to_dto_packet()` to `sent_converter` and `create_from_dto_packet()` to
    `received_converter`; the unused direction of each may have any types.

    Thread safety: immutable; as safe as the two converters.
*/
template <class SentPacket, class ReceivedPacket, class SentDTOPacket, class ReceivedDTOPacket>
class stapled_packet_converter final
    : public packet_converter_composite<SentPacket, ReceivedPacket, SentDTOPacket, ReceivedDTOPacket> {
public:
    /** @param sent_converter any converter whose `convert_to_dto_packet(const SentPacket&)`
               returns `SentDTOPacket` (its receiving side is not used).
        @param received_converter any converter whose `create_from_dto_packet(ReceivedDTOPacket)`
               returns `ReceivedPacket` (its sending side is not used).
        @throws std::invalid_argument if a converter is null. */
    template <class SentConverter, class ReceivedConverter>
    stapled_packet_converter(std::shared_ptr<SentConverter> sent_converter, std::shared_ptr<ReceivedConverter> received_converter)
    {
        if (!sent_converter || !received_converter) {
            throw std::invalid_argument("stapled_packet_converter: null converter");
        }
        to_dto_ = [c = std::move(sent_converter)](const SentPacket& p) -> SentDTOPacket { return c->convert_to_dto_packet(p); };
        from_dto_ = [c = std::move(received_converter)](ReceivedDTOPacket p) -> ReceivedPacket {
            return c->create_from_dto_packet(std::move(p));
        };
    }

    ReceivedPacket create_from_dto_packet(ReceivedDTOPacket packet) const override { return from_dto_(std::move(packet)); }
    SentDTOPacket convert_to_dto_packet(const SentPacket& packet) const override { return to_dto_(packet); }

private:
    std::function<SentDTOPacket(const SentPacket&)> to_dto_;
    std::function<ReceivedPacket(ReceivedDTOPacket)> from_dto_;
};

} // namespace easynet::converter

#endif
