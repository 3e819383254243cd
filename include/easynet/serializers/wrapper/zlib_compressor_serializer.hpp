//
// easynet — zlib wrapper (EasyNetwork `ZlibCompressorSerializer`).
//
#ifndef EASYNET_SERIALIZERS_WRAPPER_ZLIB_COMPRESSOR_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_WRAPPER_ZLIB_COMPRESSOR_SERIALIZER_HPP

#include <easynet/serializers/detail/compressor_codec.hpp>
#include <easynet/serializers/wrapper/compressor_serializer.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace easynet::serializers::wrapper {

/** Each packet is one RFC 1950 zlib stream (`zlib.compressobj(level)`, wbits 15: it starts
    with `78 da` at level 9 and ends with the Adler-32), see `compressor_serializer`.

    Thread safety: immutable; concurrent calls are safe if the inner serializer's are.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class zlib_compressor_serializer final : public compressor_serializer<SentPacket, ReceivedPacket> {
public:
    /// @param compress_level -1 (zlib's default, 6) or 0..9; EasyNetwork's default is 9.
    /// @throws std::invalid_argument for another level, a null serializer or a zero limit.
    explicit zlib_compressor_serializer(
        std::shared_ptr<const packet_serializer<SentPacket, ReceivedPacket>> serializer, int compress_level = 9,
        const compressor_options& options = {})
        : compressor_serializer<SentPacket, ReceivedPacket>(std::move(serializer), options), level_(compress_level)
    {
        if (level_ < -1 || level_ > 9) {
            throw std::invalid_argument("Bad compression level");
        }
    }

    void compress(std::string_view data, std::string& out) const override { detail::zlib_compress(data, level_, out); }

    std::unique_ptr<decompressor_stream> new_decompressor_stream() const override
    {
        return detail::make_zlib_decompressor();
    }

    int compress_level() const noexcept { return level_; }

private:
    int level_;
};

} // namespace easynet::serializers::wrapper

#endif
