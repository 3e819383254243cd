//
// easynet — protocol object receiving straight into the serializer's buffer
// (EasyNetwork `BufferedStreamProtocol`).
//
#ifndef EASYNET_PROTOCOL_BUFFERED_STREAM_PROTOCOL_HPP
#define EASYNET_PROTOCOL_BUFFERED_STREAM_PROTOCOL_HPP

#include <easynet/defaults.hpp>
#include <easynet/protocol/buffered_stream_consumer.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::protocol {

/** A buffered incremental serializer plus an optional converter, for stream transports
    that can `recv_into()` a caller-provided buffer. Same sender side and sharing rules as
    `stream_protocol`; its consumer is a `buffered_stream_consumer` (SEMANTICS P4).

    Thread safety: all member functions are const and safe to call concurrently.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class buffered_stream_protocol {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using consumer_type = buffered_stream_consumer<ReceivedPacket>;

    /** A protocol without converter.
        @throws std::invalid_argument if `serializer` is null or not a
        `buffered_incremental_packet_serializer` ("Expected a buffered incremental serializer
        instance"). */
    explicit buffered_stream_protocol(
        std::shared_ptr<const serializers::packet_serializer<SentPacket, ReceivedPacket>> serializer)
        : buffered_stream_protocol(std::move(serializer),
                                   std::shared_ptr<const converter::packet_converter_composite<
                                       SentPacket, ReceivedPacket, SentPacket, ReceivedPacket>>{})
    {
    }

    /** A protocol with a converter. @throws std::invalid_argument as above, or for a null
        converter when the DTO types differ from the packet types. */
    template <class Serializer, class Converter>
    buffered_stream_protocol(std::shared_ptr<Serializer> serializer, std::shared_ptr<Converter> converter)
        : core_(detail::make_protocol_core<SentPacket, ReceivedPacket>(std::move(serializer), std::move(converter)))
    {
        if (!core_->is_buffered()) {
            throw std::invalid_argument("Expected a buffered incremental serializer instance");
        }
    }

    /// As `stream_protocol::generate_chunks()`.
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

    /** A new consumer for one connection.
        @param max_recv_size size hint for the receive buffer (SEMANTICS P8); the serializer
        may ignore it. @throws std::invalid_argument if 0. */
    consumer_type make_consumer(std::size_t max_recv_size = defaults::stream_bufsize) const
    {
        return consumer_type(core_, max_recv_size);
    }

    /// The receive buffer size the serializer asks for, given `sizehint`.
    serializers::deserializer_buffer_size create_buffer(std::size_t sizehint) const { return core_->create_buffer(sizehint); }

private:
    std::shared_ptr<const detail::protocol_core<SentPacket, ReceivedPacket>> core_;
};

} // namespace easynet::protocol

#endif
