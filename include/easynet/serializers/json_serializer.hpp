//
// easynet — JSON documents (EasyNetwork `JSONSerializer`, SEMANTICS Z6, WIRE_FORMATS §2).
//
#ifndef EASYNET_SERIALIZERS_JSON_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_JSON_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>
#include <easynet/serializers/json/json_codec.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace easynet::serializers {

/// Options of `json_serializer` (Python `JSONEncoderConfig`, `JSONDecoderConfig` and keywords).
struct json_serializer_options {
    /// Escape non-ASCII characters (`\u00e9`, surrogate pairs).
    bool ensure_ascii = true;
    /// Write NaN / Infinity; when false, sending them fails (a crash: nothing is sent).
    bool allow_nan = true;
    /// Maximum document (line) size on a stream, in bytes (must be > 0).
    std::size_t limit = defaults::serializer_limit;
    /// One document per "\n"-terminated line (default). When false, documents are framed by
    /// matching brackets and quotes, and "\n" is added only after documents that do not
    /// start with `{`, `[` or `"`.
    bool use_lines = true;
    /// Attach the offending data to errors: `{"data"}` for Unicode errors,
    /// `{"document", "position", "lineno", "colno"}` for JSON errors.
    bool debug = false;
    /// Deepest nesting accepted when decoding.
    std::size_t max_depth = 256;
};

namespace detail {

/// Where one JSON document lies in the pending bytes.
struct json_frame {
    std::size_t begin = 0;    ///< first byte of the document text
    std::size_t end = 0;      ///< one past its last byte
    std::size_t consumed = 0; ///< bytes used, framing included
};

/// Finds document boundaries in a stream (the two framings of Python's JSONSerializer).
class json_document_framer {
public:
    json_document_framer(bool use_lines, std::size_t limit);
    /// @param absorbed [out] leading bytes (whitespace) that may be dropped when nothing is found.
    /// @throws limit_overrun_error with EasyNetwork's messages.
    std::optional<json_frame> find(std::string_view data, std::size_t& absorbed);

private:
    std::optional<json_frame> split(std::string_view data, std::size_t end);
    void reset() noexcept;

    bool use_lines_;
    std::size_t limit_;
    std::size_t line_offset_ = 0;
    int stage_ = 0;
    std::size_t start_ = 0;
    std::size_t scan_ = 0;
    std::size_t depth_ = 0;
    char open_ = 0;
    char close_ = 0;
    bool in_quotes_ = false;
    bool escape_ = false;
};

/** Decodes bytes to a value as Python's JSONSerializer does: "Unicode decode error: ..." or
    "JSON decode error: ..."; throws `incremental_deserialize_error` keeping `*remaining` when
    `remaining` is given, else `deserialize_error`. */
boost::json::value json_decode_bytes(std::string_view data, const json_serializer_options& options,
                                     const std::string_view* remaining);

/// Throws the (incremental) deserialize error for a failed `value_to` conversion.
[[noreturn]] void json_throw_conversion_error(const std::exception& exc, const std::string_view* remaining);

} // namespace detail

/** JSON documents, byte-exact with Python's `json` as EasyNetwork configures it: compact
    separators, keys in insertion order, Python float `repr`, `NaN`/`Infinity`, big
    integers (see `tools::big_integer_key`).

    @tparam SentPacket written through `boost::json::value_from` (no conversion for
            `boost::json::value`).
    @tparam ReceivedPacket built through `boost::json::value_to`; a conversion failure is
            bad data: `deserialize_error("JSON conversion error: ...")`.

    Stream framing (buffered-capable; EasyNetwork 1.2's JSONSerializer is incremental only,
    easynet's is a superset): see `json_serializer_options::use_lines`. Limits: a line or a
    document beyond `limit` gives `limit_overrun_error` ("Separator is not found, and chunk
    exceed the limit" / "Separator is found, but chunk is longer than limit" with lines;
    "JSON object's end frame is not found, and chunk exceed the limit" / "JSON object's end
    frame is found, but chunk is longer than limit" without). Decoding errors keep the bytes
    after the frame (SEMANTICS Z6). An empty line is a parse error.

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket = boost::json::value, class ReceivedPacket = SentPacket>
class json_serializer final : public buffered_incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit json_serializer(const json_serializer_options& options = {}) : options_(options)
    {
        if (options_.limit == 0) {
            throw std::invalid_argument("limit must be a positive integer");
        }
        encoder_.ensure_ascii = options_.ensure_ascii;
        encoder_.allow_nan = options_.allow_nan;
    }

    std::string serialize(const SentPacket& packet) const override
    {
        std::string out;
        encode(packet, out);
        return out;
    }

    ReceivedPacket deserialize(std::string_view data) const override
    {
        return convert(detail::json_decode_bytes(data, options_, nullptr), nullptr);
    }

    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const override
    {
        std::string out;
        encode(packet, out);
        if (options_.use_lines || out.empty() || (out.front() != '{' && out.front() != '[' && out.front() != '"')) {
            out.push_back('\n');
        }
        chunks.push_back(std::move(out));
    }

    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const override
    {
        return std::make_unique<deserializer>(*this);
    }

    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override
    {
        const std::size_t maximum = options_.limit + 1;
        return {std::clamp<std::size_t>(sizehint, 1, maximum), maximum};
    }

    const json_serializer_options& options() const noexcept { return options_; }
    std::size_t buffer_limit() const noexcept { return options_.limit; }
    bool debug() const noexcept { return options_.debug; }

private:
    void encode(const SentPacket& packet, std::string& out) const
    {
        if constexpr (std::is_same_v<SentPacket, boost::json::value>) {
            json::encode(packet, out, encoder_);
        } else {
            json::encode(boost::json::value_from(packet), out, encoder_);
        }
    }

    static ReceivedPacket convert(boost::json::value&& v, const std::string_view* remaining)
    {
        if constexpr (std::is_same_v<ReceivedPacket, boost::json::value>) {
            (void)remaining;
            return std::move(v);
        } else {
            try {
                return boost::json::value_to<ReceivedPacket>(v);
            } catch (const std::exception& exc) {
                detail::json_throw_conversion_error(exc, remaining);
            }
        }
    }

    class deserializer final : public incremental_deserializer<ReceivedPacket> {
    public:
        explicit deserializer(const json_serializer& s) : serializer_(s), framer_(s.options_.use_lines, s.options_.limit) {}

        std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
        {
            const std::optional<detail::json_frame> frame = framer_.find(data, consumed);
            if (!frame) {
                return std::nullopt;
            }
            const std::string_view remaining = data.substr(frame->consumed);
            boost::json::value v =
                detail::json_decode_bytes(data.substr(frame->begin, frame->end - frame->begin), serializer_.options_, &remaining);
            std::optional<ReceivedPacket> packet(convert(std::move(v), &remaining));
            consumed = frame->consumed;
            return packet;
        }

    private:
        const json_serializer& serializer_;
        detail::json_document_framer framer_;
    };

    json_serializer_options options_;
    json::encoder_options encoder_;
};

} // namespace easynet::serializers

#endif
