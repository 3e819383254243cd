//
// easynet — text lines (EasyNetwork `StringLineSerializer`, SEMANTICS Z1/Z2,
// WIRE_FORMATS §1).
//
#ifndef EASYNET_SERIALIZERS_LINE_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_LINE_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace easynet::serializers {

/// Line terminator of `string_line_serializer`.
enum class line_separator {
    lf,   ///< "\n" (the default)
    cr,   ///< "\r"
    crlf, ///< "\r\n"
};

/// Text encoding checked by `string_line_serializer` (strict, as Python's codecs).
enum class text_encoding {
    ascii, ///< bytes 0x00-0x7F only (EasyNetwork's default)
    utf8,  ///< well-formed UTF-8 (what the echo tools use)
};

/// Options of `string_line_serializer`.
struct string_line_options {
    line_separator newline = line_separator::lf;
    text_encoding encoding = text_encoding::ascii;
    /// Maximum line length in bytes, separator excluded (must be > 0).
    std::size_t limit = defaults::serializer_limit;
    /// Keep the separator at the end of received lines.
    bool keep_end = false;
    /// Attach the offending line (`{"data"}`) to decoding errors.
    bool debug = false;
};

/** Strings sent as lines (buffered incremental).

    Packets are `std::string` holding text in the configured encoding.
    - `serialize()`: the text as is (no separator); invalid text for the encoding throws
      `std::invalid_argument` (Python's UnicodeEncodeError).
    - stream: the separator is appended unless the text already ends with it; an empty
      string sends nothing at all.
    - `deserialize()` (datagram): every trailing separator is removed (unless `keep_end`),
      then the text is checked.
    - stream receive: split on the separator (a `\r` before `\n` stays in an LF line);
      invalid text → `incremental_deserialize_error` with Python's codec message, keeping the
      bytes after the separator; limits and messages of `tools::separator_scanner`.
    - buffered: the receive buffer starts at `sizehint` and may grow to `limit + len(separator)`.

    Thread safety: immutable; concurrent calls are safe.
*/
class string_line_serializer final : public buffered_incremental_packet_serializer<std::string, std::string> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit string_line_serializer(const string_line_options& options = {});

    std::string serialize(const std::string& packet) const override;
    std::string deserialize(std::string_view data) const override;
    void incremental_serialize(const std::string& packet, std::vector<std::string>& chunks) const override;
    std::unique_ptr<incremental_deserializer<std::string>> make_incremental_deserializer() const override;
    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override;

    /// The separator bytes ("\n", "\r" or "\r\n").
    const std::string& separator() const noexcept { return separator_; }
    std::size_t buffer_limit() const noexcept { return options_.limit; }
    bool keep_end() const noexcept { return options_.keep_end; }
    text_encoding encoding() const noexcept { return options_.encoding; }
    bool debug() const noexcept { return options_.debug; }

    /// Checks `data` against the encoding. @return the Python codec error message, or empty.
    std::string check_text(std::string_view data) const;

private:
    string_line_options options_;
    std::string separator_;
};

} // namespace easynet::serializers

#endif
