//
// easynet — string_line_serializer.
//
#include <easynet/serializers/line_serializer.hpp>

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/detail/text_codec.hpp>
#include <easynet/serializers/tools/separator_scanner.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace easynet::serializers {

namespace {

std::string separator_bytes(line_separator s)
{
    switch (s) {
    case line_separator::cr:
        return "\r";
    case line_separator::crlf:
        return "\r\n";
    case line_separator::lf:
        break;
    }
    return "\n";
}

class line_deserializer final : public incremental_deserializer<std::string> {
public:
    explicit line_deserializer(const string_line_serializer& s) : serializer_(s), scanner_(s.separator(), s.buffer_limit()) {}

    std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
    {
        const std::optional<std::size_t> idx = scanner_.find(data);
        if (!idx) {
            return std::nullopt;
        }
        const std::size_t end = *idx + serializer_.separator().size();
        const std::string_view line = data.substr(0, serializer_.keep_end() ? end : *idx);
        std::string error = serializer_.check_text(line);
        if (!error.empty()) {
            throw incremental_deserialize_error(
                error, std::string(data.substr(end)),
                serializer_.debug() ? make_error_info({{"data", std::string(line)}}) : nullptr);
        }
        consumed = end;
        return std::optional<std::string>(std::in_place, line);
    }

private:
    const string_line_serializer& serializer_;
    tools::separator_scanner scanner_;
};

} // namespace

string_line_serializer::string_line_serializer(const string_line_options& options)
    : options_(options), separator_(separator_bytes(options.newline))
{
    if (options_.limit == 0) {
        throw std::invalid_argument("limit must be a positive integer");
    }
}

std::string string_line_serializer::check_text(std::string_view data) const
{
    if (options_.encoding == text_encoding::ascii) {
        if (auto f = detail::find_ascii_error(data)) {
            return detail::describe_decode_failure("ascii", data, *f);
        }
    } else if (auto f = detail::find_utf8_error(data)) {
        return detail::describe_decode_failure("utf-8", data, *f);
    }
    return {};
}

namespace {

void check_encodable(text_encoding encoding, const std::string& packet)
{
    if (encoding == text_encoding::ascii) {
        if (auto f = detail::find_ascii_error(packet)) {
            char buf[128];
            std::snprintf(buf, sizeof buf, "'ascii' codec can't encode byte 0x%02x in position %zu: ordinal not in range(128)",
                          static_cast<unsigned>(static_cast<unsigned char>(packet[f->start])), f->start);
            throw std::invalid_argument(buf);
        }
    } else if (detail::find_utf8_error(packet)) {
        throw std::invalid_argument("string packet is not valid UTF-8");
    }
}

} // namespace

std::string string_line_serializer::serialize(const std::string& packet) const
{
    check_encodable(options_.encoding, packet);
    return packet;
}

std::string string_line_serializer::deserialize(std::string_view data) const
{
    if (!options_.keep_end) {
        while (data.ends_with(separator_)) {
            data.remove_suffix(separator_.size());
        }
    }
    std::string error = check_text(data);
    if (!error.empty()) {
        throw deserialize_error(error, options_.debug ? make_error_info({{"data", std::string(data)}}) : nullptr);
    }
    return std::string(data);
}

void string_line_serializer::incremental_serialize(const std::string& packet, std::vector<std::string>& chunks) const
{
    if (packet.empty()) {
        return;
    }
    check_encodable(options_.encoding, packet);
    if (std::string_view(packet).ends_with(separator_)) {
        chunks.push_back(packet);
        return;
    }
    std::string data;
    data.reserve(packet.size() + separator_.size());
    data.append(packet).append(separator_);
    chunks.push_back(std::move(data));
}

std::unique_ptr<incremental_deserializer<std::string>> string_line_serializer::make_incremental_deserializer() const
{
    return std::make_unique<line_deserializer>(*this);
}

deserializer_buffer_size string_line_serializer::create_deserializer_buffer(std::size_t sizehint) const
{
    const std::size_t maximum = options_.limit + separator_.size();
    return {std::clamp<std::size_t>(sizehint, 1, maximum), maximum};
}

} // namespace easynet::serializers
