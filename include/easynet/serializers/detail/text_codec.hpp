//
// easynet — private: ASCII / UTF-8 validation with Python codec error messages.
//
#ifndef EASYNET_SERIALIZERS_DETAIL_TEXT_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_TEXT_CODEC_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/// First decoding error of a byte string, as CPython's strict codecs report it.
struct text_decode_failure {
    std::size_t start = 0; ///< first offending byte
    std::size_t end = 0;   ///< one past the offending range
    const char* reason = "";
};

/// The first UTF-8 error of `data` (Python's strict "utf-8" codec rules), or nothing.
std::optional<text_decode_failure> find_utf8_error(std::string_view data) noexcept;

/// The first non-ASCII byte of `data`, or nothing.
std::optional<text_decode_failure> find_ascii_error(std::string_view data) noexcept;

/// "'utf-8' codec can't decode byte 0xff in position 3: invalid start byte" (or "bytes in
/// position 0-1: ..."), for `codec` = "utf-8" or "ascii".
std::string describe_decode_failure(const char* codec, std::string_view data, const text_decode_failure& failure);

/// Python's utf-8 codec message for `data`, or empty if it is valid (used by aggregate_serializer).
std::string aggregate_utf8_error(std::string_view data);

} // namespace easynet::serializers::detail

#endif
