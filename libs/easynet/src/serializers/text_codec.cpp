//
// easynet — ASCII / UTF-8 validation with Python codec error messages.
//
#include <easynet/serializers/detail/text_codec.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace easynet::serializers::detail {

namespace {

inline bool all_ascii8(const unsigned char* p) noexcept
{
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return (w & 0x8080808080808080ULL) == 0;
}

// Length of the all-ASCII prefix of [p, p + n): 32 bytes per step on long runs (the hot
// path of text lines), then 8, then 1.
inline std::size_t ascii_prefix(const unsigned char* p, std::size_t n) noexcept
{
    std::size_t i = 0;
#if defined(__SSE2__)
    for (; i + 64 <= n; i += 64) {
        const auto* q = reinterpret_cast<const __m128i*>(p + i);
        const __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
                                         _mm_or_si128(_mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3)));
        if (_mm_movemask_epi8(any) != 0) {
            break;
        }
    }
#endif
    for (; i + 32 <= n; i += 32) {
        std::uint64_t w[4];
        std::memcpy(w, p + i, 32);
        if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) != 0) {
            break;
        }
    }
    while (i + 8 <= n && all_ascii8(p + i)) {
        i += 8;
    }
    while (i < n && p[i] < 0x80) {
        ++i;
    }
    return i;
}

} // namespace

std::optional<text_decode_failure> find_ascii_error(std::string_view data) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t n = data.size();
    const std::size_t i = ascii_prefix(p, n);
    if (i < n) {
        return text_decode_failure{i, i + 1, "ordinal not in range(128)"};
    }
    return std::nullopt;
}

std::optional<text_decode_failure> find_utf8_error(std::string_view data) noexcept
{
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t n = data.size();
    std::size_t i = 0;
    while (i < n) {
        i += ascii_prefix(p + i, n - i);
        if (i == n) {
            break;
        }
        const unsigned char c = p[i];
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return text_decode_failure{i, i + 1, "invalid start byte"};
        }
        // Validate the continuation bytes; CPython reports the valid prefix as the range.
        for (std::size_t k = 1; k < len; ++k) {
            if (i + k >= n) {
                return text_decode_failure{i, n, "unexpected end of data"};
            }
            const unsigned char b = p[i + k];
            const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
            if (!ok) {
                return text_decode_failure{i, i + k, "invalid continuation byte"};
            }
        }
        i += len;
    }
    return std::nullopt;
}

std::string describe_decode_failure(const char* codec, std::string_view data, const text_decode_failure& failure)
{
    char buf[160];
    if (failure.end - failure.start <= 1) {
        const unsigned byte = failure.start < data.size() ? static_cast<unsigned char>(data[failure.start]) : 0U;
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode byte 0x%02x in position %zu: %s", codec, byte,
                      failure.start, failure.reason);
    } else {
        std::snprintf(buf, sizeof buf, "'%s' codec can't decode bytes in position %zu-%zu: %s", codec, failure.start,
                      failure.end - 1, failure.reason);
    }
    return buf;
}

std::string aggregate_utf8_error(std::string_view data)
{
    if (auto f = find_utf8_error(data)) {
        return describe_decode_failure("utf-8", data, *f);
    }
    return {};
}

} // namespace easynet::serializers::detail
