//
// easynet — integers beyond 64 bits inside a boost::json::value.
//
#ifndef EASYNET_SERIALIZERS_TOOLS_BIG_INTEGER_HPP
#define EASYNET_SERIALIZERS_TOOLS_BIG_INTEGER_HPP

#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace easynet::serializers::tools {

/** `boost::json::value` holds integers in [-2^63, 2^64-1] only. Python peers may send any
    integer (`18446744073709551616` is valid JSON for EasyNetwork, CBOR uses bignum tags), so
    easynet represents a bigger integer as an object with the single key `"$bigint"` whose
    value is the decimal text: `{"$bigint": "18446744073709551616"}`. The JSON serializer
    writes it back as the bare number, so such integers round-trip exactly.

    An object is a big integer only if it has exactly that key and the text is an optional
    `-` followed by decimal digits (no leading zero) whose value lies outside the 64-bit
    range; any other object is an ordinary object.
*/
inline constexpr std::string_view big_integer_key = "$bigint";

/// True if `digits` is a canonical decimal integer outside [-2^63, 2^64-1].
bool is_big_integer_text(std::string_view digits) noexcept;

/** Makes the big-integer representation of `digits`.
    @throws std::invalid_argument if `digits` is not a canonical decimal integer outside the
    64-bit range. */
boost::json::value make_big_integer(std::string_view digits);

/// The decimal text if `v` is a big integer, else nothing.
std::optional<std::string_view> big_integer_digits(const boost::json::value& v) noexcept;

} // namespace easynet::serializers::tools

#endif
