//
// easynet — bz2 wrapper (EasyNetwork `BZ2CompressorSerializer`).
//
#ifndef EASYNET_SERIALIZERS_WRAPPER_BZ2_COMPRESSOR_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_WRAPPER_BZ2_COMPRESSOR_SERIALIZER_HPP

#include <easynet/serializers/detail/compressor_codec.hpp>
#include <easynet/serializers/wrapper/compressor_serializer.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace easynet::serializers::wrapper {

/** Each packet is one bzip2 stream (`bz2.BZ2Compressor(level)`: `BZh9...` up to the
    end-of-stream marker and its CRC), see `compressor_serializer`.

    Thread safety: immutable; concurrent calls are safe if the inner serializer's are.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class bz2_compressor_serializer final : public compressor_serializer<SentPacket, ReceivedPacket> {
public:
    /// @param compress_level block size 1..9 (x 100 kB); EasyNetwork's default is 9.
    /// @throws std::invalid_argument for another level, a null serializer or a zero limit.
    explicit bz2_compressor_serializer(
        std::shared_ptr<const packet_serializer<SentPacket, ReceivedPacket>> serializer, int compress_level = 9,
        const compressor_options& options = {})
        : compressor_serializer<SentPacket, ReceivedPacket>(std::move(serializer), options), level_(compress_level)
    {
        if (level_ < 1 || level_ > 9) {
            throw std::invalid_argument("compresslevel must be between 1 and 9");
        }
    }

    void compress(std::string_view data, std::string& out) const override { detail::bz2_compress(data, level_, out); }

    std::unique_ptr<decompressor_stream> new_decompressor_stream() const override
    {
        return detail::make_bz2_decompressor();
    }

    int compress_level() const noexcept { return level_; }

private:
    int level_;
};

} // namespace easynet::serializers::wrapper

#endif
