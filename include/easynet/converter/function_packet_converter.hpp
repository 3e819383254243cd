//
// easynet — a converter built from two callables.
//
#ifndef EASYNET_CONVERTER_FUNCTION_PACKET_CONVERTER_HPP
#define EASYNET_CONVERTER_FUNCTION_PACKET_CONVERTER_HPP

#include <easynet/converter/packet_converter.hpp>

#include <memory>
#include <type_traits>
#include <utility>

namespace easynet::converter {

/** A converter whose two directions are callables (lambdas), for small conversions that do
    not deserve a class. `from_dto` must throw `packet_conversion_error` for invalid DTOs.

    Thread safety: the callables are called concurrently from every connection.
*/
template <class SentPacket, class ReceivedPacket, class SentDTOPacket, class ReceivedDTOPacket, class ToDTO, class FromDTO>
class function_packet_converter final
    : public packet_converter_composite<SentPacket, ReceivedPacket, SentDTOPacket, ReceivedDTOPacket> {
public:
    function_packet_converter(ToDTO to_dto, FromDTO from_dto) : to_dto_(std::move(to_dto)), from_dto_(std::move(from_dto)) {}

    ReceivedPacket create_from_dto_packet(ReceivedDTOPacket packet) const override { return from_dto_(std::move(packet)); }
    SentDTOPacket convert_to_dto_packet(const SentPacket& packet) const override { return to_dto_(packet); }

private:
    ToDTO to_dto_;
    FromDTO from_dto_;
};

/** Makes a shared symmetric converter `Packet <-> DTOPacket` from two callables:
    `make_packet_converter<point, boost::json::value>(to_json, from_json)`. */
template <class Packet, class DTOPacket, class ToDTO, class FromDTO>
std::shared_ptr<const packet_converter_composite<Packet, Packet, DTOPacket, DTOPacket>>
make_packet_converter(ToDTO to_dto, FromDTO from_dto)
{
    return std::make_shared<const function_packet_converter<Packet, Packet, DTOPacket, DTOPacket, std::decay_t<ToDTO>,
                                                            std::decay_t<FromDTO>>>(std::move(to_dto), std::move(from_dto));
}

} // namespace easynet::converter

#endif
