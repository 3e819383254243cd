//
// easynet — base64 as Python's `base64` module does it.
//
#include <easynet/serializers/detail/base64_codec.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <cstdint>
#include <stdexcept>

namespace easynet::serializers::detail {

namespace {

constexpr char standard_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char urlsafe_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<unsigned char, 256> make_table(bool urlsafe)
{
    std::array<unsigned char, 256> t{};
    for (auto& e : t)
        e = 0xff;
    for (unsigned i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(standard_alphabet[i])] = static_cast<unsigned char>(i);
    if (urlsafe) { // urlsafe_b64decode translates -_ to +/ and then decodes: both are valid
        t['-'] = 62;
        t['_'] = 63;
    }
    return t;
}

constexpr auto standard_table = make_table(false);
constexpr auto urlsafe_table = make_table(true);

} // namespace

void base64_encode(std::string_view in, std::string& out, bool urlsafe)
{
    const char* alphabet = urlsafe ? urlsafe_alphabet : standard_alphabet;
    const auto* p = reinterpret_cast<const unsigned char*>(in.data());
    const std::size_t n = in.size();
    const std::size_t start = out.size();
    out.resize(start + (n + 2) / 3 * 4);
    char* o = out.data() + start;
    std::size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = alphabet[v & 63];
    }
    if (n - i == 1) {
        const std::uint32_t v = std::uint32_t{p[i]} << 16;
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    }
    else if (n - i == 2) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8);
        *o++ = alphabet[v >> 18];
        *o++ = alphabet[(v >> 12) & 63];
        *o++ = alphabet[(v >> 6) & 63];
        *o++ = '=';
    }
}

bool base64_decode(std::string_view in, std::string& out, bool urlsafe)
{
    // A transcription of CPython's binascii.a2b_base64 (strict_mode=False).
    const auto& table = urlsafe ? urlsafe_table : standard_table;
    out.reserve(out.size() + (in.size() + 3) / 4 * 3);
    int quad_pos = 0;
    int pads = 0;
    unsigned leftchar = 0;
    for (const char ch : in) {
        if (ch == '=') {
            if (quad_pos >= 2 && quad_pos + ++pads >= 4)
                return true; // the pad ends the data; whatever follows is ignored
            continue;
        }
        const unsigned char v = table[static_cast<unsigned char>(ch)];
        if (v == 0xff)
            continue;
        pads = 0;
        switch (quad_pos) {
        case 0:
            quad_pos = 1;
            leftchar = v;
            break;
        case 1:
            quad_pos = 2;
            out.push_back(static_cast<char>((leftchar << 2) | (v >> 4)));
            leftchar = v & 0x0f;
            break;
        case 2:
            quad_pos = 3;
            out.push_back(static_cast<char>((leftchar << 4) | (v >> 2)));
            leftchar = v & 0x03;
            break;
        default:
            quad_pos = 0;
            out.push_back(static_cast<char>((leftchar << 6) | v));
            leftchar = 0;
            break;
        }
    }
    return quad_pos == 0;
}

std::string sha256_digest(std::string_view data)
{
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned len = 0;
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &len, EVP_sha256(), nullptr)
        != 1)
        throw std::runtime_error("SHA-256 failed");
    out.resize(len);
    return out;
}

std::string hmac_sha256_digest(std::string_view key, std::string_view data)
{
    std::string out(EVP_MAX_MD_SIZE, '\0');
    unsigned len = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
             data.size(), reinterpret_cast<unsigned char*>(out.data()), &len)
        == nullptr)
        throw std::runtime_error("HMAC-SHA256 failed");
    out.resize(len);
    return out;
}

bool digests_equal(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_bytes(std::size_t n)
{
    std::string out(n, '\0');
    if (n > INT_MAX || RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1)
        throw std::runtime_error("random generator failed");
    return out;
}

} // namespace easynet::serializers::detail
