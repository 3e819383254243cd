//
// easynet — separator_scanner.
//
#include <easynet/serializers/tools/separator_scanner.hpp>

#include <easynet/exceptions/protocol.hpp>

#include <cstring>
#include <stdexcept>

namespace easynet::serializers::tools {

separator_scanner::separator_scanner(std::string separator, std::size_t limit)
    : separator_(std::move(separator)), limit_(limit)
{
    if (separator_.empty()) {
        throw std::invalid_argument("Empty separator");
    }
    if (limit_ == 0) {
        throw std::invalid_argument("limit must be a positive integer");
    }
}

std::optional<std::size_t> separator_scanner::find(std::string_view data)
{
    const std::size_t seplen = separator_.size();
    const std::size_t buflen = data.size();
    if (buflen < offset_ || buflen - offset_ < seplen) {
        return std::nullopt;
    }
    std::size_t idx;
    if (seplen == 1) {
        const void* p = std::memchr(data.data() + offset_, separator_[0], buflen - offset_);
        idx = p != nullptr ? static_cast<std::size_t>(static_cast<const char*>(p) - data.data()) : std::string_view::npos;
    } else {
        idx = data.find(separator_, offset_);
    }
    if (idx != std::string_view::npos) {
        offset_ = 0;
        if (idx > limit_) {
            throw limit_overrun_error("Separator is found, but chunk is longer than limit", data, idx, separator_);
        }
        return idx;
    }
    offset_ = buflen + 1 - seplen;
    if (offset_ > limit_) {
        const std::size_t consumed = offset_;
        offset_ = 0;
        throw limit_overrun_error("Separator is not found, and chunk exceed the limit", data, consumed, separator_);
    }
    return std::nullopt;
}

} // namespace easynet::serializers::tools
