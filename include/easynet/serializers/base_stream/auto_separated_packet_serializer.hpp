//
// easynet — base class for separator-framed stream formats
// (EasyNetwork `AutoSeparatedPacketSerializer`, SEMANTICS Z3).
//
#ifndef EASYNET_SERIALIZERS_BASE_STREAM_AUTO_SEPARATED_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_BASE_STREAM_AUTO_SEPARATED_PACKET_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>
#include <easynet/serializers/tools/separator_scanner.hpp>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace easynet::serializers {

/// Options of `auto_separated_packet_serializer`.
struct auto_separated_options {
    /// Strip trailing separators from `serialize()` output and reject embedded ones.
    bool incremental_serialize_check_separator = true;
    /// Maximum frame size in bytes, separator excluded (must be > 0).
    std::size_t limit = defaults::serializer_limit;
    /// Attach the offending data to errors (`error_info`).
    bool debug = false;
};

/** Base class for stream formats that end each packet with a separator byte sequence.

    Implement the one-shot `serialize()` (without separator) and `deserialize()` (given the
    frame without separator). Stream behaviour:
    - sending: with `incremental_serialize_check_separator` (default), trailing separators of
      `serialize()` are stripped and an embedded separator throws `std::invalid_argument`;
      the data plus the separator is sent (nothing for empty data); without the check, data
      already ending with the separator is sent as is;
    - receiving: frames are cut at the separator with the limits of `tools::separator_scanner`;
      a `deserialize_error` becomes `incremental_deserialize_error("Error when deserializing
      data: ...")` keeping the bytes after the separator;
    - buffered: the receive buffer holds `limit + len(separator)` bytes at most.

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class auto_separated_packet_serializer : public buffered_incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /// @throws std::invalid_argument for an empty separator or a zero limit.
    explicit auto_separated_packet_serializer(std::string separator, const auto_separated_options& options = {})
        : separator_(std::move(separator)), options_(options)
    {
        if (separator_.empty()) {
            throw std::invalid_argument("Empty separator");
        }
        if (options_.limit == 0) {
            throw std::invalid_argument("limit must be a positive integer");
        }
    }

    std::string serialize(const SentPacket& packet) const override = 0;
    ReceivedPacket deserialize(std::string_view data) const override = 0;

    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const final
    {
        std::string data = serialize(packet);
        const std::string_view sep = separator_;
        if (options_.incremental_serialize_check_separator) {
            while (std::string_view(data).ends_with(sep)) {
                data.resize(data.size() - sep.size());
            }
            if (data.find(sep) != std::string::npos) {
                throw std::invalid_argument("separator found in serialized packet which was not at the end");
            }
        } else if (std::string_view(data).ends_with(sep)) {
            chunks.push_back(std::move(data));
            return;
        }
        if (data.empty()) {
            return;
        }
        data += sep;
        chunks.push_back(std::move(data));
    }

    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const final
    {
        return std::make_unique<deserializer>(*this);
    }

    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const final
    {
        const std::size_t maximum = options_.limit + separator_.size();
        return {std::clamp<std::size_t>(sizehint, 1, maximum), maximum};
    }

    /// Byte sequence that ends each frame.
    const std::string& separator() const noexcept { return separator_; }
    /// Maximum frame size (separator excluded).
    std::size_t buffer_limit() const noexcept { return options_.limit; }
    bool debug() const noexcept { return options_.debug; }

private:
    class deserializer final : public incremental_deserializer<ReceivedPacket> {
    public:
        explicit deserializer(const auto_separated_packet_serializer& s)
            : serializer_(s), scanner_(s.separator_, s.options_.limit)
        {
        }
        std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
        {
            const std::optional<std::size_t> idx = scanner_.find(data);
            if (!idx) {
                return std::nullopt;
            }
            const std::size_t end = *idx + serializer_.separator_.size();
            try {
                std::optional<ReceivedPacket> packet(serializer_.deserialize(data.substr(0, *idx)));
                consumed = end;
                return packet;
            } catch (const incremental_deserialize_error&) {
                throw; // already carries its recovery point
            } catch (const deserialize_error& exc) {
                throw incremental_deserialize_error(std::string("Error when deserializing data: ") + exc.what(),
                                                    std::string(data.substr(end)), exc.shared_error_info());
            }
        }

    private:
        const auto_separated_packet_serializer& serializer_;
        tools::separator_scanner scanner_;
    };

    std::string separator_;
    auto_separated_options options_;
};

} // namespace easynet::serializers

#endif
