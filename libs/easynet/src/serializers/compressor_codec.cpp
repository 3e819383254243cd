//
// easynet — zlib and bz2 streams.
//
#include <easynet/serializers/detail/compressor_codec.hpp>

#include <bzlib.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <new>
#include <stdexcept>

namespace easynet::serializers::detail {

namespace {

// Output is grown by this much at a time, so a small packet never allocates the limit.
constexpr std::size_t output_step = 16 * 1024;

// Room for one more step of output, stopping one byte past `max_output` to detect overflow.
inline std::size_t grow(std::string& out, std::size_t max_output)
{
    const std::size_t cap = max_output == SIZE_MAX ? SIZE_MAX : max_output + 1;
    const std::size_t step = std::min(std::max(output_step, out.size()), cap - out.size());
    const std::size_t old = out.size();
    out.resize(old + std::min<std::size_t>(step, UINT_MAX));
    return old;
}

class zlib_decompressor final : public decompressor_stream {
public:
    zlib_decompressor()
    {
        if (inflateInit(&z_) != Z_OK)
            throw std::bad_alloc();
    }
    ~zlib_decompressor() override { inflateEnd(&z_); }
    zlib_decompressor(const zlib_decompressor&) = delete;
    zlib_decompressor& operator=(const zlib_decompressor&) = delete;

    decompress_status
    decompress(std::string_view in, std::string& out, std::size_t max_output, std::size_t& consumed) override
    {
        consumed = 0;
        if (ended_)
            return decompress_status::end;
        for (;;) {
            const std::size_t chunk = std::min<std::size_t>(in.size(), UINT_MAX);
            z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
            z_.avail_in = static_cast<uInt>(chunk);
            const std::size_t old = grow(out, max_output);
            z_.next_out = reinterpret_cast<Bytef*>(out.data() + old);
            z_.avail_out = static_cast<uInt>(out.size() - old);
            const int rc = inflate(&z_, Z_NO_FLUSH);
            const std::size_t used = chunk - z_.avail_in;
            consumed += used;
            in.remove_prefix(used);
            const bool full = z_.avail_out == 0;
            out.resize(out.size() - z_.avail_out);
            if (out.size() > max_output)
                return decompress_status::too_large;
            if (rc == Z_STREAM_END) {
                ended_ = true;
                return decompress_status::end;
            }
            if (rc != Z_OK && rc != Z_BUF_ERROR) {
                message_ = z_.msg != nullptr ? z_.msg : "invalid compressed data";
                return decompress_status::error;
            }
            if (!full && (in.empty() || used == 0))
                break; // everything given was used (or no progress is possible)
        }
        return decompress_status::need_more;
    }

    const char* message() const noexcept override { return message_; }

private:
    z_stream z_{};
    bool ended_ = false;
    const char* message_ = "";
};

class bz2_decompressor final : public decompressor_stream {
public:
    bz2_decompressor()
    {
        if (BZ2_bzDecompressInit(&s_, 0, 0) != BZ_OK)
            throw std::bad_alloc();
    }
    ~bz2_decompressor() override { BZ2_bzDecompressEnd(&s_); }
    bz2_decompressor(const bz2_decompressor&) = delete;
    bz2_decompressor& operator=(const bz2_decompressor&) = delete;

    decompress_status
    decompress(std::string_view in, std::string& out, std::size_t max_output, std::size_t& consumed) override
    {
        consumed = 0;
        if (ended_)
            return decompress_status::end;
        for (;;) {
            const std::size_t chunk = std::min<std::size_t>(in.size(), UINT_MAX);
            s_.next_in = const_cast<char*>(in.data());
            s_.avail_in = static_cast<unsigned>(chunk);
            const std::size_t old = grow(out, max_output);
            s_.next_out = out.data() + old;
            s_.avail_out = static_cast<unsigned>(out.size() - old);
            const int rc = BZ2_bzDecompress(&s_);
            const std::size_t used = chunk - s_.avail_in;
            consumed += used;
            in.remove_prefix(used);
            const bool full = s_.avail_out == 0;
            out.resize(out.size() - s_.avail_out);
            if (out.size() > max_output)
                return decompress_status::too_large;
            if (rc == BZ_STREAM_END) {
                ended_ = true;
                return decompress_status::end;
            }
            if (rc != BZ_OK) {
                message_ = rc == BZ_MEM_ERROR ? "out of memory" : "Invalid data stream";
                return decompress_status::error;
            }
            if (!full && (in.empty() || used == 0))
                break;
        }
        return decompress_status::need_more;
    }

    const char* message() const noexcept override { return message_; }

private:
    bz_stream s_{};
    bool ended_ = false;
    const char* message_ = "";
};

} // namespace

void zlib_compress(std::string_view data, int level, std::string& out)
{
    z_stream z{};
    if (deflateInit(&z, level) != Z_OK)
        throw std::invalid_argument("invalid zlib compression level");
    const std::size_t old = out.size();
    out.resize(old + deflateBound(&z, static_cast<uLong>(data.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    z.avail_out = static_cast<uInt>(out.size() - old);
    const int rc = deflate(&z, Z_FINISH);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("zlib compression failed");
}

std::unique_ptr<decompressor_stream> make_zlib_decompressor()
{
    return std::make_unique<zlib_decompressor>();
}

void bz2_compress(std::string_view data, int level, std::string& out)
{
    if (level < 1 || level > 9)
        throw std::invalid_argument("compresslevel must be between 1 and 9");
    const std::size_t old = out.size();
    // bzip2 documents 1% + 600 bytes as the worst-case expansion.
    auto bound = static_cast<unsigned>(data.size() + data.size() / 100 + 601);
    out.resize(old + bound);
    const int rc = BZ2_bzBuffToBuffCompress(out.data() + old, &bound, const_cast<char*>(data.data()),
                                            static_cast<unsigned>(data.size()), level, 0, 0);
    if (rc != BZ_OK) {
        out.resize(old);
        throw std::runtime_error("bz2 compression failed");
    }
    out.resize(old + bound);
}

std::unique_ptr<decompressor_stream> make_bz2_decompressor()
{
    return std::make_unique<bz2_decompressor>();
}

} // namespace easynet::serializers::detail
