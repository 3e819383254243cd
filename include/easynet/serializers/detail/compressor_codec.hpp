//
// easynet — zlib and bz2 streams (private; used by the compressor wrappers).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_COMPRESSOR_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_COMPRESSOR_CODEC_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/// Outcome of feeding compressed bytes to a decompressor.
enum class decompress_status : unsigned char {
    need_more, ///< all input used, the stream has not ended
    end,       ///< the stream ended; the rest of the input is not part of it
    error,     ///< the input is not a valid stream (`message()` says why)
    too_large, ///< the decompressed data would exceed the allowed size
};

/// One compressed stream being decoded (Python's `decompressobj()` / `BZ2Decompressor()`).
class decompressor_stream {
public:
    virtual ~decompressor_stream() = default;

    /** Decompresses from `in`, appending to `out`, until `in` is used up or the stream ends.

        @param max_output bound on the total size of `out`; producing more gives `too_large`.
        @param consumed set to the number of bytes of `in` that belong to the stream.
    */
    virtual decompress_status
    decompress(std::string_view in, std::string& out, std::size_t max_output, std::size_t& consumed) = 0;

    /// Why the last call returned `error`.
    virtual const char* message() const noexcept = 0;
};

/// `zlib.compressobj(level).compress(data) + flush()`: one complete RFC 1950 stream.
void zlib_compress(std::string_view data, int level, std::string& out);

/// A fresh zlib (RFC 1950) decompressor (`zlib.decompressobj()`).
std::unique_ptr<decompressor_stream> make_zlib_decompressor();

/// `bz2.BZ2Compressor(level).compress(data) + flush()`: one complete bzip2 stream.
void bz2_compress(std::string_view data, int level, std::string& out);

/// A fresh bzip2 decompressor (`bz2.BZ2Decompressor()`).
std::unique_ptr<decompressor_stream> make_bz2_decompressor();

} // namespace easynet::serializers::detail

#endif
