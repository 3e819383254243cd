//
// easynet — pieces shared by the MessagePack and CBOR codecs.
//
#include <easynet/serializers/detail/binary_document_codec.hpp>

namespace easynet::serializers::detail {

bool is_valid_utf8(std::string_view s) noexcept
{
    auto p = reinterpret_cast<const unsigned char*>(s.data());
    const auto end = p + s.size();
    while (p != end) {
        // ASCII fast path, eight bytes at a time.
        while (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (word & 0x8080808080808080ULL)
                break;
            p += 8;
        }
        if (p == end)
            break;
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t n;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF)
            n = 2;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            else if (c == 0xED)
                hi = 0x9F; // surrogates
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            else if (c == 0xF4)
                hi = 0x8F; // above U+10FFFF
        }
        else
            return false;
        if (static_cast<std::size_t>(end - p) < n)
            return false;
        if (p[1] < lo || p[1] > hi)
            return false;
        for (std::size_t i = 2; i < n; ++i)
            if ((p[i] & 0xC0) != 0x80)
                return false;
        p += n;
    }
    return true;
}

} // namespace easynet::serializers::detail
