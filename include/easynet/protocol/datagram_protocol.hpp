//
// easynet — protocol object for datagram transports (EasyNetwork `DatagramProtocol`).
//
#ifndef EASYNET_PROTOCOL_DATAGRAM_PROTOCOL_HPP
#define EASYNET_PROTOCOL_DATAGRAM_PROTOCOL_HPP

#include <easynet/protocol/detail/protocol_core.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace easynet::protocol {

/** A serializer (any kind: only its one-shot functions are used) plus an optional
    converter, for datagram transports (UDP, Unix datagram). One packet is exactly one
    datagram, with no framing; nothing carries over between datagrams (SEMANTICS P6, M4).

    Thread safety: stateless; all member functions are const and safe to call concurrently.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class datagram_protocol {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;

    /// @throws std::invalid_argument if `serializer` is null.
    explicit datagram_protocol(std::shared_ptr<const serializers::packet_serializer<SentPacket, ReceivedPacket>> serializer)
        : datagram_protocol(std::move(serializer),
                            std::shared_ptr<const converter::packet_converter_composite<SentPacket, ReceivedPacket,
                                                                                         SentPacket, ReceivedPacket>>{})
    {
    }

    /// @throws std::invalid_argument if `serializer` is null, or the converter is null while
    /// the DTO types differ from the packet types.
    template <class Serializer, class Converter>
    datagram_protocol(std::shared_ptr<Serializer> serializer, std::shared_ptr<Converter> converter)
        : core_(detail::make_protocol_core<SentPacket, ReceivedPacket>(std::move(serializer), std::move(converter)))
    {
    }

    /** The datagram for `packet` (converter, then `serialize()`).
        @throws protocol_crash_error "protocol.make_datagram() crashed" (original nested):
        nothing must be sent. */
    std::string make_datagram(const SentPacket& packet) const
    {
        try {
            return core_->make_datagram(packet);
        } catch (const std::exception&) {
            throw protocol_crash_error("protocol.make_datagram() crashed");
        }
    }

    /** The packet carried by `datagram` (`deserialize()`, then converter).
        @throws datagram_protocol_parse_error for a `deserialize_error` or a
        `packet_conversion_error` (drop the datagram);
        protocol_crash_error "protocol.build_packet_from_datagram() crashed" for anything else. */
    ReceivedPacket build_packet_from_datagram(std::string_view datagram) const
    {
        try {
            return core_->build_packet_from_datagram(datagram);
        } catch (const datagram_protocol_parse_error&) {
            throw;
        } catch (const std::exception&) {
            throw protocol_crash_error("protocol.build_packet_from_datagram() crashed");
        }
    }

private:
    std::shared_ptr<const detail::protocol_core<SentPacket, ReceivedPacket>> core_;
};

} // namespace easynet::protocol

#endif
