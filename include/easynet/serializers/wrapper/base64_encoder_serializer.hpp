//
// easynet — base64 wrapper (EasyNetwork `Base64EncoderSerializer`, SEMANTICS Z7).
//
#ifndef EASYNET_SERIALIZERS_WRAPPER_BASE64_ENCODER_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_WRAPPER_BASE64_ENCODER_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/packet_serializer.hpp>
#include <easynet/serializers/base_stream/auto_separated_packet_serializer.hpp>
#include <easynet/serializers/detail/base64_codec.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace easynet::serializers::wrapper {

/// Base64 alphabet of `base64_encoder_serializer`.
enum class base64_alphabet {
    urlsafe,  ///< `A-Z a-z 0-9 - _` (Python `urlsafe_b64encode`); decoding also accepts `+ /`
    standard, ///< `A-Z a-z 0-9 + /` (Python `b64encode`)
};

/// Options of `base64_encoder_serializer`.
struct base64_encoder_options {
    base64_alphabet alphabet = base64_alphabet::urlsafe;
    /// Append the SHA-256 digest (32 bytes) of the inner payload before encoding, and check
    /// it when decoding (Python `checksum=True`).
    bool checksum = false;
    /// Sign instead with HMAC-SHA256 under this key: the url-safe base64 text of 32 bytes, as
    /// made by `generate_key()` (Python `checksum=<key>`). Empty: no signature.
    std::string signing_key{};
    /// Frame separator on streams (not empty).
    std::string separator = "\r\n";
    /// Maximum encoded frame size on a stream, separator excluded (> 0).
    std::size_t limit = defaults::serializer_limit;
    /// Attach the offending data to errors (`error_info` `{"data"}`).
    bool debug = false;
};

/** Wraps a one-shot serializer: its output is base64-encoded, and on a stream each payload
    is a line ended by `separator`, byte for byte as EasyNetwork's `Base64EncoderSerializer`.

    - `serialize(p)` = base64(inner.serialize(p) [+ digest]), padded with `=`, no wrapping;
      a stream adds the separator (nothing is sent for an empty payload).
    - `deserialize(data)` decodes as Python's non-validating decoder (characters outside the
      alphabet are skipped; bad padding is an error), checks the digest, then calls
      `inner.deserialize()`. Bad base64, a missing or wrong digest give
      `deserialize_error("Invalid token")`; errors of the inner serializer pass through.
    - Streams: framing, limit and recovery of `auto_separated_packet_serializer`.

    The inner serializer's one-shot form is used even if it is incremental (WIRE_FORMATS §0).

    Thread safety: immutable; concurrent calls are safe if the inner serializer's are.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class base64_encoder_serializer final : public auto_separated_packet_serializer<SentPacket, ReceivedPacket> {
public:
    using inner_serializer_type = packet_serializer<SentPacket, ReceivedPacket>;

    /** @throws std::invalid_argument if `serializer` is null, the separator empty, the limit
        0, both `checksum` and `signing_key` are given, or the key is not 32 url-safe
        base64-encoded bytes ("signing key must be 32 url-safe base64-encoded bytes."). */
    explicit base64_encoder_serializer(std::shared_ptr<const inner_serializer_type> serializer,
                                       const base64_encoder_options& options = {})
        : auto_separated_packet_serializer<SentPacket, ReceivedPacket>(
              options.separator,
              {.incremental_serialize_check_separator = !is_space(options.separator),
               .limit = options.limit,
               .debug = options.debug}),
          serializer_(std::move(serializer)), urlsafe_(options.alphabet == base64_alphabet::urlsafe),
          checksum_(options.checksum)
    {
        if (!serializer_) {
            throw std::invalid_argument("serializer must not be null");
        }
        if (!options.signing_key.empty()) {
            if (checksum_) {
                throw std::invalid_argument("checksum and signing_key are mutually exclusive");
            }
            if (!detail::base64_decode(options.signing_key, key_, true) || key_.size() != 32) {
                throw std::invalid_argument("signing key must be 32 url-safe base64-encoded bytes.");
            }
        }
    }

    /// A new random signing key: url-safe base64 of 32 random bytes (Python `generate_key()`).
    static std::string generate_key()
    {
        std::string key;
        detail::base64_encode(detail::random_bytes(32), key, true);
        return key;
    }

    std::string serialize(const SentPacket& packet) const override
    {
        std::string data = serializer_->serialize(packet);
        if (checksum_) {
            data += detail::sha256_digest(data);
        }
        else if (!key_.empty()) {
            data += detail::hmac_sha256_digest(key_, data);
        }
        std::string out;
        detail::base64_encode(data, out, urlsafe_);
        return out;
    }

    ReceivedPacket deserialize(std::string_view data) const override
    {
        std::string decoded;
        if (!detail::base64_decode(data, decoded, urlsafe_)) {
            throw deserialize_error("Invalid token", debug_info(data));
        }
        if (checksum_ || !key_.empty()) {
            if (decoded.size() < digest_size) {
                throw deserialize_error("Invalid token", debug_info(data));
            }
            const std::string_view payload = std::string_view(decoded).substr(0, decoded.size() - digest_size);
            const std::string_view digest = std::string_view(decoded).substr(payload.size());
            const std::string expected =
                checksum_ ? detail::sha256_digest(payload) : detail::hmac_sha256_digest(key_, payload);
            if (!detail::digests_equal(expected, digest)) {
                throw deserialize_error("Invalid token", debug_info(data));
            }
            decoded.resize(payload.size());
        }
        return serializer_->deserialize(decoded);
    }

    /// The wrapped serializer.
    const std::shared_ptr<const inner_serializer_type>& serializer() const noexcept { return serializer_; }

private:
    static constexpr std::size_t digest_size = 32;

    // Python's bytes.isspace(): the separator check is pointless for whitespace separators,
    // which base64 text never contains.
    static bool is_space(std::string_view s) noexcept
    {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
        });
    }

    error_info_ptr debug_info(std::string_view data) const
    {
        return this->debug() ? make_error_info({{"data", std::string(data)}}) : nullptr;
    }

    std::shared_ptr<const inner_serializer_type> serializer_;
    bool urlsafe_;
    bool checksum_;
    std::string key_; // raw HMAC key, empty when not signing
};

} // namespace easynet::serializers::wrapper

#endif
