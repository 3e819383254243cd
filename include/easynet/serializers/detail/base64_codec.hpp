//
// easynet — base64 as Python's `base64` module does it, and the digests of the base64
// wrapper (private; used by base64_encoder_serializer).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_BASE64_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_BASE64_CODEC_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/// Appends the padded base64 form of `in` (`b64encode`, or `urlsafe_b64encode` when
/// `urlsafe`): no line wrapping.
void base64_encode(std::string_view in, std::string& out, bool urlsafe);

/** Appends the bytes `in` encodes, as Python's non-validating decoders do.

    `urlsafe` (`urlsafe_b64decode`): `-` `_` and `+` `/` are all accepted. Standard
    (`b64decode`): only `+` `/`. Characters outside the alphabet are skipped; a pad ends
    the data once the quantum has two characters. Returns false ("Incorrect padding", or a
    lone leftover character) with `out` unspecified.
*/
bool base64_decode(std::string_view in, std::string& out, bool urlsafe);

/// SHA-256 of `data` (32 bytes), with OpenSSL.
std::string sha256_digest(std::string_view data);

/// HMAC-SHA256 of `data` under `key` (32 bytes), with OpenSSL.
std::string hmac_sha256_digest(std::string_view key, std::string_view data);

/// Constant-time comparison (Python `hmac.compare_digest`).
bool digests_equal(std::string_view a, std::string_view b) noexcept;

/// `n` bytes from OpenSSL's CSPRNG (Python `os.urandom`).
/// @throws std::runtime_error if the generator fails.
std::string random_bytes(std::size_t n);

} // namespace easynet::serializers::detail

#endif
