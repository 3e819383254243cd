//
// easynet — JSON text exactly as Python's `json` module writes and reads it
// (WIRE_FORMATS §2): the engine behind `json_serializer`.
//
#ifndef EASYNET_SERIALIZERS_JSON_JSON_CODEC_HPP
#define EASYNET_SERIALIZERS_JSON_JSON_CODEC_HPP

#include <boost/json/value.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace easynet::serializers::json {

/// Options of `encode()` (Python `json.JSONEncoder` arguments).
struct encoder_options {
    /// Escape every character outside 0x20-0x7E as `\u00XX` (lowercase hex, surrogate pairs).
    bool ensure_ascii = true;
    /// Write NaN / Infinity / -Infinity; when false they throw `std::invalid_argument`.
    bool allow_nan = true;
};

/// Options of `decode()`.
struct decoder_options {
    /// Deepest nesting of arrays and objects (the root container is depth 1).
    std::size_t max_depth = 256;
};

/** Appends the compact JSON text of `value` to `out`, byte-identical to
    `json.dumps(value, separators=(",", ":"))`: no whitespace, keys in insertion order,
    floats as Python `repr()` (`1.0`, `1e+16`, `1e-05`), NaN/Infinity tokens, big integers
    (see `tools::big_integer_key`) as bare numbers.

    Strings must be UTF-8; a lone surrogate encoded as 3 bytes (WTF-8, as `decode()` makes
    for `"\ud800"`) is written back as its escape when `ensure_ascii`.
    @throws std::invalid_argument for invalid UTF-8, or a non-finite float without `allow_nan`. */
void encode(const boost::json::value& value, std::string& out, const encoder_options& options = {});

/// Same, returning the text.
std::string encode(const boost::json::value& value, const encoder_options& options = {});

/** Python's `JSONDecodeError`: message, document, and the position of the error in
    characters (code points) with 1-based line and column.
    `what()` is `"<msg>: line L column C (char P)"`. */
class json_decode_error : public std::runtime_error {
public:
    json_decode_error(std::string msg, std::string document, std::size_t position);
    const std::string& msg() const noexcept { return msg_; }
    const std::string& document() const noexcept { return document_; }
    std::size_t position() const noexcept { return position_; }
    std::size_t lineno() const noexcept { return lineno_; }
    std::size_t colno() const noexcept { return colno_; }

private:
    std::string msg_;
    std::string document_;
    std::size_t position_;
    std::size_t lineno_;
    std::size_t colno_;
};

/** Parses one JSON document as `json.loads()` does: surrounding whitespace allowed,
    `NaN`/`Infinity`/`-Infinity` accepted, integers beyond 64 bits kept as big integers,
    duplicate keys keep the last value at the first position, lone surrogate escapes kept
    as WTF-8. Floats are correctly rounded.

    `text` must be valid UTF-8 (check it first; Python decodes the bytes before parsing).
    @throws json_decode_error with Python's messages ("Expecting value", "Extra data",
    "Expecting ',' delimiter", ...), or "Maximum nesting depth exceeded". */
boost::json::value decode(std::string_view text, const decoder_options& options = {});

} // namespace easynet::serializers::json

#endif
