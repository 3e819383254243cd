//
// easynet — base64 as Python's `base64` module does it (private; used by base64_encoder).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_BASE64_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_BASE64_CODEC_HPP

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

} // namespace easynet::serializers::detail

#endif
