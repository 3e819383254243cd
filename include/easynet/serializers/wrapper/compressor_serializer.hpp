//
// easynet — base of the compressor wrappers (EasyNetwork `AbstractCompressorSerializer`,
// SEMANTICS Z8).
//
#ifndef EASYNET_SERIALIZERS_WRAPPER_COMPRESSOR_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_WRAPPER_COMPRESSOR_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/incremental_packet_serializer.hpp>
#include <easynet/serializers/abc/packet_serializer.hpp>
#include <easynet/serializers/detail/compressor_codec.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace easynet::serializers::wrapper {

/// Outcome of `decompressor_stream::decompress()`.
using decompress_status = detail::decompress_status;

/// One compressed stream being decoded; implement it to add a compression format.
using decompressor_stream = detail::decompressor_stream;

/// Options of the compressor wrappers.
struct compressor_options {
    /// Largest decompressed payload accepted (> 0): a decompression bomb stops there with
    /// `limit_overrun_error`. EasyNetwork has no such limit; the default is the echo tools'
    /// 1 MiB packet limit.
    std::size_t max_decompressed_size = defaults::decompressed_size_limit;
    /// Attach the offending data to errors (`error_info` `{"data"}`).
    bool debug = false;
};

/** Wraps a one-shot serializer: each packet is one complete, independent compressed stream
    of `inner.serialize(packet)`. On a stream no framing is added: a packet ends where its
    compressed stream ends, and the bytes after it start the next packet.

    - `deserialize(data)`: `data` must be exactly one stream: "Compressed data ended before
      the end-of-stream marker was reached", "Trailing data error", or
      "Decompression error: <reason>" otherwise; then `inner.deserialize()`.
    - Stream: a decompression error gives `incremental_deserialize_error` with no remaining
      data (everything buffered is dropped, as EasyNetwork does); an inner deserialization
      error keeps the bytes after the stream; more than `max_decompressed_size` decompressed
      bytes give `limit_overrun_error("decompressed data exceeded the limit")` with no
      remaining data. Compressed bytes are absorbed as they arrive, so memory stays bounded
      by the decompressor and `max_decompressed_size`.

    Implement `compress()` and `new_decompressor_stream()` (see `zlib_compressor_serializer`,
    `bz2_compressor_serializer`).

    Thread safety: immutable; concurrent calls are safe if the inner serializer's are.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class compressor_serializer : public incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    using inner_serializer_type = packet_serializer<SentPacket, ReceivedPacket>;

    /// @throws std::invalid_argument if `serializer` is null or `max_decompressed_size` is 0.
    explicit compressor_serializer(std::shared_ptr<const inner_serializer_type> serializer,
                                   const compressor_options& options = {})
        : serializer_(std::move(serializer)), options_(options)
    {
        if (!serializer_) {
            throw std::invalid_argument("serializer must not be null");
        }
        if (options_.max_decompressed_size == 0) {
            throw std::invalid_argument("max_decompressed_size must be a positive integer");
        }
    }

    /// Appends one complete compressed stream of `data` to `out`.
    virtual void compress(std::string_view data, std::string& out) const = 0;

    /// A fresh decompressor for one stream.
    virtual std::unique_ptr<decompressor_stream> new_decompressor_stream() const = 0;

    std::string serialize(const SentPacket& packet) const final
    {
        std::string out;
        compress(serializer_->serialize(packet), out);
        return out;
    }

    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const final
    {
        chunks.push_back(serialize(packet)); // never empty: a stream has a header and a trailer
    }

    ReceivedPacket deserialize(std::string_view data) const final
    {
        auto decompressor = new_decompressor_stream();
        std::string out;
        std::size_t used = 0;
        switch (decompressor->decompress(data, out, options_.max_decompressed_size, used)) {
        case decompress_status::end:
            break;
        case decompress_status::need_more:
            throw deserialize_error("Compressed data ended before the end-of-stream marker was reached",
                                    debug_info(data));
        case decompress_status::too_large:
            throw deserialize_error("decompressed data exceeded the limit", debug_info(data));
        case decompress_status::error:
            throw deserialize_error(std::string("Decompression error: ") + decompressor->message(),
                                    debug_info(data));
        }
        if (used < data.size()) {
            throw deserialize_error("Trailing data error", debug_info(data));
        }
        return serializer_->deserialize(out);
    }

    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const final
    {
        return std::make_unique<deserializer>(*this);
    }

    /// The wrapped serializer.
    const std::shared_ptr<const inner_serializer_type>& serializer() const noexcept { return serializer_; }
    std::size_t max_decompressed_size() const noexcept { return options_.max_decompressed_size; }
    bool debug() const noexcept { return options_.debug; }

private:
    error_info_ptr debug_info(std::string_view data) const
    {
        return options_.debug ? make_error_info({{"data", std::string(data)}}) : nullptr;
    }

    class deserializer final : public incremental_deserializer<ReceivedPacket> {
    public:
        explicit deserializer(const compressor_serializer& s) : serializer_(s) {}

        std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
        {
            if (!decompressor_) {
                decompressor_ = serializer_.new_decompressor_stream();
                output_.clear();
            }
            std::size_t used = 0;
            const decompress_status status =
                decompressor_->decompress(data, output_, serializer_.options_.max_decompressed_size, used);
            switch (status) {
            case decompress_status::need_more:
                if (used != data.size()) { // a decompressor that stalls would never progress
                    throw incremental_deserialize_error("Decompression error: stalled", std::string(),
                                                        serializer_.debug_info(data));
                }
                consumed = used; // absorbed: kept in the decompressor's state
                return std::nullopt;
            case decompress_status::error:
                throw incremental_deserialize_error(std::string("Decompression error: ") + decompressor_->message(),
                                                    std::string(), serializer_.debug_info(data));
            case decompress_status::too_large:
                throw limit_overrun_error("decompressed data exceeded the limit", data, data.size());
            case decompress_status::end:
                break;
            }
            decompressor_.reset();
            const std::string payload = std::move(output_);
            output_.clear();
            try {
                std::optional<ReceivedPacket> packet(serializer_.serializer_->deserialize(payload));
                consumed = used;
                return packet;
            } catch (const deserialize_error& exc) {
                throw incremental_deserialize_error(
                    std::string("Error while deserializing decompressed data: ") + exc.what(),
                    std::string(data.substr(used)), exc.shared_error_info());
            }
        }

    private:
        const compressor_serializer& serializer_;
        std::unique_ptr<decompressor_stream> decompressor_;
        std::string output_;
    };

    std::shared_ptr<const inner_serializer_type> serializer_;
    compressor_options options_;
};

} // namespace easynet::serializers::wrapper

#endif
