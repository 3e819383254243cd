//
// easynet — protocol object for stream connections (EasyNetwork `StreamProtocol`).
//
#ifndef EASYNET_PROTOCOL_STREAM_PROTOCOL_HPP
#define EASYNET_PROTOCOL_STREAM_PROTOCOL_HPP

#include <easynet/protocol/detail/protocol_core.hpp>
#include <easynet/protocol/stream_consumer.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::protocol {

namespace detail {

template <class SentPacket>
void generate_chunks_or_crash(const sender_core<SentPacket>& core, const SentPacket& packet,
                              std::vector<std::string>& chunks)
{
    const std::size_t initial = chunks.size();
    try {
        core.generate_chunks(packet, chunks);
    } catch (const std::exception&) {
        chunks.resize(initial);
        throw protocol_crash_error("protocol.generate_chunks() crashed");
    }
}

} // namespace detail

/** A serializer (incremental) plus an optional converter, for stream transports
    (TCP, Unix stream, TLS).

    The protocol is stateless and shareable: copy it freely (copies share the serializer),
    use it from any number of connections and threads. Per-connection parse state lives in
    the `stream_consumer` returned by `make_consumer()` (SEMANTICS P1).

    Sender side: `generate_chunks(packet)` returns the framed packet as chunks to write in
    order, with one gathered write; it throws `protocol_crash_error("protocol.generate_chunks()
    crashed")` (original nested) if the converter or serializer fails, in which case nothing
    must be written (SEMANTICS P5).

    @tparam SentPacket type given to `send_packet()`.
    @tparam ReceivedPacket type returned by `recv_packet()`.

    Thread safety: all member functions are const and safe to call concurrently.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class stream_protocol {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using consumer_type = stream_consumer<ReceivedPacket>;

    /** A protocol without converter.
        @throws std::invalid_argument if `serializer` is null or not an
        `incremental_packet_serializer` ("Expected an incremental serializer instance"). */
    explicit stream_protocol(std::shared_ptr<const serializers::packet_serializer<SentPacket, ReceivedPacket>> serializer)
        : stream_protocol(std::move(serializer),
                          std::shared_ptr<const converter::packet_converter_composite<SentPacket, ReceivedPacket,
                                                                                       SentPacket, ReceivedPacket>>{})
    {
    }

    /** A protocol whose converter translates business packets to the serializer's DTOs.
        @throws std::invalid_argument if `serializer` is null or not incremental, or if the
        converter is null while the DTO types differ from the packet types. */
    template <class Serializer, class Converter>
    stream_protocol(std::shared_ptr<Serializer> serializer, std::shared_ptr<Converter> converter)
        : core_(detail::make_protocol_core<SentPacket, ReceivedPacket>(std::move(serializer), std::move(converter)))
    {
        if (!core_->is_incremental()) {
            throw std::invalid_argument("Expected an incremental serializer instance");
        }
    }

    /** Serializes `packet` (converter, then `incremental_serialize()`), appending the chunks
        to `chunks`. On error `chunks` is left as it was.
        @throws protocol_crash_error "protocol.generate_chunks() crashed". */
    void generate_chunks(const SentPacket& packet, std::vector<std::string>& chunks) const
    {
        detail::generate_chunks_or_crash<SentPacket>(*core_, packet, chunks);
    }

    /// Same, returning the chunks.
    std::vector<std::string> generate_chunks(const SentPacket& packet) const
    {
        std::vector<std::string> chunks;
        generate_chunks(packet, chunks);
        return chunks;
    }

    /// A new consumer (per-connection receive state) for this protocol.
    consumer_type make_consumer() const { return consumer_type(core_); }

private:
    std::shared_ptr<const detail::protocol_core<SentPacket, ReceivedPacket>> core_;
};

} // namespace easynet::protocol

#endif
