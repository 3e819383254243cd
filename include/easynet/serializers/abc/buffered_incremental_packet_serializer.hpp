//
// easynet — buffered incremental serializer interface
// (EasyNetwork `BufferedIncrementalPacketSerializer`).
//
#ifndef EASYNET_SERIALIZERS_ABC_BUFFERED_INCREMENTAL_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_ABC_BUFFERED_INCREMENTAL_PACKET_SERIALIZER_HPP

#include <easynet/serializers/abc/incremental_packet_serializer.hpp>

#include <cstddef>

namespace easynet::serializers {

/** Size of the receive buffer a buffered consumer allocates for one connection. */
struct deserializer_buffer_size {
    /// Bytes allocated before the first receive (must be > 0).
    std::size_t initial = 0;
    /// The buffer may grow up to this size while one packet does not fit (>= `initial`).
    std::size_t maximum = 0;
};

/** An incremental serializer whose deserializer can parse in place in a receive buffer
    whose size it chooses: the transport `recv_into()`s that buffer directly, so the
    receive path copies nothing (SEMANTICS P4).

    The deserializer is the same `incremental_deserializer` as for the plain stream
    protocol; being "buffered" is the promise that it makes progress (packet, absorbed
    bytes or an error) once `maximum` unconsumed bytes are pending. The separator-based,
    fixed-size and file-based base classes keep that promise through their `limit`.

    Thread safety: as `packet_serializer`.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class buffered_incremental_packet_serializer : public incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /** The receive buffer size for one connection (Python `create_deserializer_buffer`).
        @param sizehint the protocol's `max_recv_size`; serializers may ignore it. */
    virtual deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const = 0;
};

} // namespace easynet::serializers

#endif
