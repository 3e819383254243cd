//
// easynet — pieces shared by the MessagePack and CBOR codecs (private).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_BINARY_DOCUMENT_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_BINARY_DOCUMENT_CODEC_HPP

#include <easynet/defaults.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/// Outcome of decoding (or scanning) one document from the start of a buffer.
enum class decode_status : unsigned char {
    complete,  ///< one whole document was found
    need_more, ///< the buffer ends inside the document: wait for more bytes
    invalid,   ///< the bytes can never form a valid document
};

/// Result of a codec `decode` call; no exception is thrown for bad input.
struct decode_result {
    decode_status status = decode_status::need_more;
    /// `complete`: size of the document in bytes. `invalid`: offset just past the offending
    /// bytes (where stream parsing may resume). `need_more`: 0.
    std::size_t position = 0;
    /// `invalid` only: a static, human-readable reason.
    const char* message = nullptr;
};

/// Decoder options shared by the MessagePack and CBOR codecs.
struct document_decode_options {
    /// Deepest allowed nesting of arrays and maps (the root container is depth 1).
    /// Bounds the work and the stack used to build and later destroy the document.
    std::size_t max_depth = defaults::binary_document_max_depth;
    /// MessagePack `bin` / CBOR byte strings become a `boost::json::string` holding the raw
    /// bytes when true; they are an error when false.
    bool allow_binary = true;
};

/// True when `s` is well-formed UTF-8 as Python's strict codec accepts it
/// (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

/// Largest bignum magnitude the decoders accept, in bytes: about 4300 decimal digits,
/// Python's default limit for integer/text conversion (`sys.int_info.default_max_str_digits`).
inline constexpr std::size_t max_bignum_bytes = 1785;

/// Decimal text of the unsigned big-endian magnitude `bytes` (leading zeros allowed).
std::string magnitude_to_decimal(std::string_view bytes);

/// Minimal big-endian magnitude of the decimal `digits` (no sign; "0" gives "").
std::string decimal_to_magnitude(std::string_view digits);

/// `magnitude + 1` / `magnitude - 1` (non-zero) in place, big-endian, minimal length kept.
void magnitude_increment(std::string& magnitude);
void magnitude_decrement(std::string& magnitude);

inline std::uint16_t load_be16(const unsigned char* p) noexcept
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

inline std::uint32_t load_be32(const unsigned char* p) noexcept
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8)
         | std::uint32_t{p[3]};
}

inline std::uint64_t load_be64(const unsigned char* p) noexcept
{
    return (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
}

inline void store_be16(unsigned char* p, std::uint16_t v) noexcept
{
    p[0] = static_cast<unsigned char>(v >> 8);
    p[1] = static_cast<unsigned char>(v);
}

inline void store_be32(unsigned char* p, std::uint32_t v) noexcept
{
    p[0] = static_cast<unsigned char>(v >> 24);
    p[1] = static_cast<unsigned char>(v >> 16);
    p[2] = static_cast<unsigned char>(v >> 8);
    p[3] = static_cast<unsigned char>(v);
}

inline void store_be64(unsigned char* p, std::uint64_t v) noexcept
{
    store_be32(p, static_cast<std::uint32_t>(v >> 32));
    store_be32(p + 4, static_cast<std::uint32_t>(v));
}

} // namespace easynet::serializers::detail

#endif
