//
// easynet — json_serializer: framing and decoding (non-template parts).
//
#include <easynet/serializers/json_serializer.hpp>

#include <easynet/serializers/detail/text_codec.hpp>

#include <cstring>

namespace easynet::serializers::detail {

namespace {

constexpr int stage_start = 0;
constexpr int stage_bare = 1;
constexpr int stage_enclosure = 2;

inline bool is_json_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_json_ws(std::string_view data, std::size_t i) noexcept
{
    while (i < data.size() && is_json_ws(data[i])) {
        ++i;
    }
    return i;
}

} // namespace

json_document_framer::json_document_framer(bool use_lines, std::size_t limit) : use_lines_(use_lines), limit_(limit) {}

void json_document_framer::reset() noexcept
{
    line_offset_ = 0;
    stage_ = stage_start;
    start_ = scan_ = depth_ = 0;
    open_ = close_ = 0;
    in_quotes_ = escape_ = false;
}

std::optional<json_frame> json_document_framer::split(std::string_view data, std::size_t end)
{
    const std::size_t start = start_;
    reset();
    if (end > limit_) {
        throw limit_overrun_error("JSON object's end frame is found, but chunk is longer than limit", data, end);
    }
    const std::size_t stop = skip_json_ws(data, end);
    if (start == end) {
        // Nothing printable: EasyNetwork hands the whole buffer to the decoder.
        return json_frame{0, data.size(), data.size()};
    }
    return json_frame{start, stop, stop};
}

std::optional<json_frame> json_document_framer::find(std::string_view data, std::size_t& absorbed)
{
    const std::size_t size = data.size();
    if (use_lines_) {
        // Same rules as tools::separator_scanner with "\n".
        const void* p = line_offset_ < size ? std::memchr(data.data() + line_offset_, '\n', size - line_offset_) : nullptr;
        if (p != nullptr) {
            const auto idx = static_cast<std::size_t>(static_cast<const char*>(p) - data.data());
            line_offset_ = 0;
            if (idx > limit_) {
                throw limit_overrun_error("Separator is found, but chunk is longer than limit", data, idx, "\n");
            }
            return json_frame{0, idx, idx + 1};
        }
        line_offset_ = size;
        if (line_offset_ > limit_) {
            line_offset_ = 0;
            throw limit_overrun_error("Separator is not found, and chunk exceed the limit", data, size, "\n");
        }
        return std::nullopt;
    }

    if (stage_ == stage_start) {
        const std::size_t i = skip_json_ws(data, 0);
        if (i == size) {
            absorbed = size; // whitespace between documents is dropped
            return std::nullopt;
        }
        start_ = i;
        const char c = data[i];
        if (c == '{' || c == '[' || c == '"') {
            stage_ = stage_enclosure;
            open_ = c;
            close_ = c == '{' ? '}' : (c == '[' ? ']' : '"');
            depth_ = 1;
            in_quotes_ = c == '"';
            escape_ = false;
            scan_ = i + 1;
        } else {
            stage_ = stage_bare;
            scan_ = i;
        }
    }

    if (stage_ == stage_bare) {
        for (std::size_t j = scan_; j < size; ++j) {
            const auto b = static_cast<unsigned char>(data[j]);
            if (b < 0x20 || b > 0x7E) {
                return split(data, j);
            }
        }
    } else {
        for (std::size_t j = scan_; j < size; ++j) {
            const char b = data[j];
            if (escape_) {
                escape_ = false;
                continue;
            }
            if (b == '\\') {
                escape_ = true;
                continue;
            }
            if (b == '"') {
                in_quotes_ = !in_quotes_;
            } else if (in_quotes_) {
                continue;
            }
            if (b == close_) {
                --depth_;
            } else if (b == open_) {
                ++depth_;
            }
            if (depth_ == 0) {
                return split(data, j + 1);
            }
        }
    }
    scan_ = size;
    if (size > limit_) {
        reset();
        throw limit_overrun_error("JSON object's end frame is not found, and chunk exceed the limit", data, size);
    }
    return std::nullopt;
}

boost::json::value json_decode_bytes(std::string_view data, const json_serializer_options& options,
                                     const std::string_view* remaining)
{
    auto raise = [&](std::string msg, error_info_ptr info) -> void {
        if (remaining != nullptr) {
            throw incremental_deserialize_error(msg, std::string(*remaining), std::move(info));
        }
        throw deserialize_error(msg, std::move(info));
    };
    if (auto failure = find_utf8_error(data)) {
        raise("Unicode decode error: " + describe_decode_failure("utf-8", data, *failure),
              options.debug ? make_error_info({{"data", std::string(data)}}) : nullptr);
    }
    json::decoder_options decoder;
    decoder.max_depth = options.max_depth;
    try {
        return json::decode(data, decoder);
    } catch (const json::json_decode_error& exc) {
        error_info_ptr info;
        if (options.debug) {
            info = make_error_info({{"document", exc.document()},
                                    {"position", exc.position()},
                                    {"lineno", exc.lineno()},
                                    {"colno", exc.colno()}});
        }
        raise(std::string("JSON decode error: ") + exc.what(), std::move(info));
    }
    return {}; // unreachable
}

void json_throw_conversion_error(const std::exception& exc, const std::string_view* remaining)
{
    const std::string msg = std::string("JSON conversion error: ") + exc.what();
    if (remaining != nullptr) {
        throw incremental_deserialize_error(msg, std::string(*remaining));
    }
    throw deserialize_error(msg);
}

} // namespace easynet::serializers::detail
