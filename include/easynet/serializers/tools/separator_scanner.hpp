//
// easynet — incremental separator search with a size limit (the state behind
// EasyNetwork's `GeneratorStreamReader.read_until()`).
//
#ifndef EASYNET_SERIALIZERS_TOOLS_SEPARATOR_SCANNER_HPP
#define EASYNET_SERIALIZERS_TOOLS_SEPARATOR_SCANNER_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::serializers::tools {

/** Finds a separator in a growing buffer without rescanning bytes already searched.

    Used by the separator-based serializers (line, JSON lines, `auto_separated_packet_serializer`,
    base64) inside `incremental_deserializer::try_parse()`. Limit rules (SEMANTICS Z2):
    - separator found at index `i > limit` → `limit_overrun_error("Separator is found, but chunk
      is longer than limit")`, consumed = `i` (resume after the separator);
    - not found while `size - len(separator) + 1 > limit` → `limit_overrun_error("Separator is
      not found, and chunk exceed the limit")`, consumed = `size - len(separator) + 1` (only a
      possible partial separator at the end is kept).
    So a frame of up to `limit` bytes (separator excluded) is accepted.

    Thread safety: one object per connection.
*/
class separator_scanner {
public:
    /// @throws std::invalid_argument for an empty separator or a zero limit.
    separator_scanner(std::string separator, std::size_t limit);

    /** Searches `data` (which begins with the bytes given on the previous call) for the
        separator, starting where the previous call stopped.
        @return the index of the separator in `data`, or `std::nullopt` if not there yet.
        After a hit or an exception the scanner is reset for the next frame.
        @throws limit_overrun_error as described above. */
    std::optional<std::size_t> find(std::string_view data);

    /// Forgets the search progress.
    void reset() noexcept { offset_ = 0; }

    const std::string& separator() const noexcept { return separator_; }
    std::size_t limit() const noexcept { return limit_; }

private:
    std::string separator_;
    std::size_t limit_;
    std::size_t offset_ = 0;
};

} // namespace easynet::serializers::tools

#endif
