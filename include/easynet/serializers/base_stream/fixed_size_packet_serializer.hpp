//
// easynet — base class for fixed-size stream formats
// (EasyNetwork `FixedSizePacketSerializer`, SEMANTICS Z4).
//
#ifndef EASYNET_SERIALIZERS_BASE_STREAM_FIXED_SIZE_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_BASE_STREAM_FIXED_SIZE_PACKET_SERIALIZER_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace easynet::serializers {

/** Base class for stream formats whose packets all have the same size.

    Implement `serialize()` (must return exactly `packet_size()` bytes, else
    `incremental_serialize()` throws `std::invalid_argument("serialized data size does not
    meet expectation")`) and `deserialize()` (given exactly `packet_size()` bytes). Receiving
    waits for `packet_size()` bytes; a `deserialize_error` becomes
    `incremental_deserialize_error("Error when deserializing data: ...")` keeping the bytes
    that follow. Buffered: the receive buffer holds `max(size, sizehint)` bytes.

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class fixed_size_packet_serializer : public buffered_incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /// @throws std::invalid_argument if `size` is 0.
    explicit fixed_size_packet_serializer(std::size_t size, bool debug = false) : size_(size), debug_(debug)
    {
        if (size_ == 0) {
            throw std::invalid_argument("size must be a positive integer");
        }
    }

    std::string serialize(const SentPacket& packet) const override = 0;
    ReceivedPacket deserialize(std::string_view data) const override = 0;

    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const final
    {
        std::string data = serialize(packet);
        if (data.size() != size_) {
            throw std::invalid_argument("serialized data size does not meet expectation");
        }
        chunks.push_back(std::move(data));
    }

    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const final
    {
        return std::make_unique<deserializer>(*this);
    }

    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const final
    {
        const std::size_t n = std::max(size_, sizehint);
        return {n, n};
    }

    /// The size of every packet.
    std::size_t packet_size() const noexcept { return size_; }
    bool debug() const noexcept { return debug_; }

private:
    class deserializer final : public incremental_deserializer<ReceivedPacket> {
    public:
        explicit deserializer(const fixed_size_packet_serializer& s) : serializer_(s) {}
        std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
        {
            const std::size_t size = serializer_.size_;
            if (data.size() < size) {
                return std::nullopt;
            }
            try {
                std::optional<ReceivedPacket> packet(serializer_.deserialize(data.substr(0, size)));
                consumed = size;
                return packet;
            } catch (const incremental_deserialize_error&) {
                throw;
            } catch (const deserialize_error& exc) {
                throw incremental_deserialize_error(std::string("Error when deserializing data: ") + exc.what(),
                                                    std::string(data.substr(size)), exc.shared_error_info());
            }
        }

    private:
        const fixed_size_packet_serializer& serializer_;
    };

    std::size_t size_;
    bool debug_;
};

} // namespace easynet::serializers

#endif
