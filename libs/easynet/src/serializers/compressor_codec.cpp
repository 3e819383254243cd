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

// What a decompressor needs of zlib's inflate.
struct zlib_inflate {
    using stream = z_stream;
    using byte = Bytef;
    static bool init(z_stream& z) { return inflateInit(&z) == Z_OK; }
    static void end(z_stream& z) { inflateEnd(&z); }
    static int decompress(z_stream& z) { return inflate(&z, Z_NO_FLUSH); }
    static constexpr int stream_end = Z_STREAM_END;
    // The error `rc` reports, or nullptr if decompression may go on.
    static const char* error(const z_stream& z, int rc)
    {
        if (rc == Z_OK || rc == Z_BUF_ERROR)
            return nullptr;
        return z.msg != nullptr ? z.msg : "invalid compressed data";
    }
};

// What a decompressor needs of bzip2's decompression.
struct bz2_decompress {
    using stream = bz_stream;
    using byte = char;
    static bool init(bz_stream& s) { return BZ2_bzDecompressInit(&s, 0, 0) == BZ_OK; }
    static void end(bz_stream& s) { BZ2_bzDecompressEnd(&s); }
    static int decompress(bz_stream& s) { return BZ2_bzDecompress(&s); }
    static constexpr int stream_end = BZ_STREAM_END;
    static const char* error(const bz_stream&, int rc)
    {
        if (rc == BZ_OK)
            return nullptr;
        return rc == BZ_MEM_ERROR ? "out of memory" : "Invalid data stream";
    }
};

// A `decompressor_stream` over zlib or bzip2 (`Library`: `zlib_inflate` or `bz2_decompress`).
template <class Library>
class library_decompressor final : public decompressor_stream {
public:
    library_decompressor()
    {
        if (!Library::init(s_))
            throw std::bad_alloc();
    }
    ~library_decompressor() override { Library::end(s_); }
    library_decompressor(const library_decompressor&) = delete;
    library_decompressor& operator=(const library_decompressor&) = delete;

    decompress_status
    decompress(std::string_view in, std::string& out, std::size_t max_output, std::size_t& consumed) override
    {
        using byte = typename Library::byte;
        consumed = 0;
        if (ended_)
            return decompress_status::end;
        for (;;) {
            const std::size_t chunk = std::min<std::size_t>(in.size(), UINT_MAX);
            s_.next_in = reinterpret_cast<byte*>(const_cast<char*>(in.data()));
            s_.avail_in = static_cast<unsigned>(chunk);
            const std::size_t old = grow(out, max_output);
            s_.next_out = reinterpret_cast<byte*>(out.data() + old);
            s_.avail_out = static_cast<unsigned>(out.size() - old);
            const int rc = Library::decompress(s_);
            const std::size_t used = chunk - s_.avail_in;
            consumed += used;
            in.remove_prefix(used);
            const bool full = s_.avail_out == 0;
            out.resize(out.size() - s_.avail_out);
            if (out.size() > max_output)
                return decompress_status::too_large;
            if (rc == Library::stream_end) {
                ended_ = true;
                return decompress_status::end;
            }
            if (const char* error = Library::error(s_, rc)) {
                message_ = error;
                return decompress_status::error;
            }
            if (!full && (in.empty() || used == 0))
                break; // everything given was used (or no progress is possible)
        }
        return decompress_status::need_more;
    }

    const char* message() const noexcept override { return message_; }

private:
    typename Library::stream s_{};
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
    return std::make_unique<library_decompressor<zlib_inflate>>();
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
    return std::make_unique<library_decompressor<bz2_decompress>>();
}

} // namespace easynet::serializers::detail
