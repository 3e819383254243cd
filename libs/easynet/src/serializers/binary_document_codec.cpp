//
// easynet — pieces shared by the MessagePack and CBOR codecs.
//
#include <easynet/serializers/detail/binary_document_codec.hpp>

#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace easynet::serializers::detail {

bool is_valid_utf8(std::string_view s) noexcept
{
    auto p = reinterpret_cast<const unsigned char*>(s.data());
    const auto end = p + s.size();
    while (p != end) {
        // ASCII fast path: 64 then 8 bytes at a time.
#if defined(__SSE2__)
        while (end - p >= 64) {
            const auto* q = reinterpret_cast<const __m128i*>(p);
            const __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
                                             _mm_or_si128(_mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3)));
            if (_mm_movemask_epi8(any) != 0)
                break;
            p += 64;
        }
#endif
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

std::string magnitude_to_decimal(std::string_view bytes)
{
    // Repeated division by 10^9 of base-2^32 limbs (most significant first).
    std::vector<std::uint32_t> limbs;
    std::size_t i = 0;
    while (i < bytes.size() && bytes[i] == 0)
        ++i;
    bytes.remove_prefix(i);
    const std::size_t pad = (4 - bytes.size() % 4) % 4;
    std::string padded(pad, '\0');
    padded.append(bytes);
    for (std::size_t k = 0; k < padded.size(); k += 4)
        limbs.push_back(load_be32(reinterpret_cast<const unsigned char*>(padded.data()) + k));
    std::vector<std::uint32_t> groups; // base-10^9 digits, least significant first
    while (!limbs.empty()) {
        std::uint64_t rem = 0;
        for (auto& limb : limbs) {
            const std::uint64_t cur = (rem << 32) | limb;
            limb = static_cast<std::uint32_t>(cur / 1000000000u);
            rem = cur % 1000000000u;
        }
        groups.push_back(static_cast<std::uint32_t>(rem));
        std::size_t z = 0;
        while (z < limbs.size() && limbs[z] == 0)
            ++z;
        limbs.erase(limbs.begin(), limbs.begin() + static_cast<std::ptrdiff_t>(z));
    }
    if (groups.empty())
        return "0";
    std::string out = std::to_string(groups.back());
    for (std::size_t g = groups.size() - 1; g-- > 0;) {
        const std::string part = std::to_string(groups[g]);
        out.append(9 - part.size(), '0');
        out += part;
    }
    return out;
}

std::string decimal_to_magnitude(std::string_view digits)
{
    // Multiply-add in base 2^32 limbs (least significant first).
    std::vector<std::uint32_t> limbs;
    for (const char c : digits) {
        std::uint64_t carry = static_cast<std::uint64_t>(c - '0');
        for (auto& limb : limbs) {
            const std::uint64_t cur = std::uint64_t{limb} * 10u + carry;
            limb = static_cast<std::uint32_t>(cur);
            carry = cur >> 32;
        }
        if (carry != 0)
            limbs.push_back(static_cast<std::uint32_t>(carry));
    }
    std::string out;
    for (std::size_t l = limbs.size(); l-- > 0;)
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<char>((limbs[l] >> shift) & 0xff));
    std::size_t z = 0;
    while (z < out.size() && out[z] == 0)
        ++z;
    return out.substr(z);
}

void magnitude_increment(std::string& magnitude)
{
    for (std::size_t i = magnitude.size(); i-- > 0;) {
        auto& b = reinterpret_cast<unsigned char&>(magnitude[i]);
        if (++b != 0)
            return;
    }
    magnitude.insert(magnitude.begin(), '\x01');
}

void magnitude_decrement(std::string& magnitude)
{
    for (std::size_t i = magnitude.size(); i-- > 0;) {
        auto& b = reinterpret_cast<unsigned char&>(magnitude[i]);
        if (b-- != 0)
            break;
    }
    std::size_t z = 0;
    while (z < magnitude.size() && magnitude[z] == 0)
        ++z;
    magnitude.erase(0, z);
}

} // namespace easynet::serializers::detail
