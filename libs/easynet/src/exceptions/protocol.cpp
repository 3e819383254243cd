//
// easynet — protocol exceptions.
//
#include <easynet/exceptions/protocol.hpp>

namespace easynet {

void error_info_map::set(std::string key, std::any value)
{
    for (entry& e : entries_) {
        if (e.first == key) {
            e.second = std::move(value);
            return;
        }
    }
    entries_.emplace_back(std::move(key), std::move(value));
}

const std::any* error_info_map::find(std::string_view key) const noexcept
{
    for (const entry& e : entries_) {
        if (e.first == key) {
            return &e.second;
        }
    }
    return nullptr;
}

packet_error::packet_error(const std::string& message, error_info_ptr info)
    : std::runtime_error(message), info_(std::move(info))
{
}

std::shared_ptr<const packet_error> deserialize_error::clone() const
{
    return std::make_shared<deserialize_error>(*this);
}

void deserialize_error::rethrow() const
{
    throw *this;
}

std::shared_ptr<const packet_error> incremental_deserialize_error::clone() const
{
    return std::make_shared<incremental_deserialize_error>(*this);
}

void incremental_deserialize_error::rethrow() const
{
    throw *this;
}

namespace {

std::string limit_overrun_remaining(std::string_view buffer, std::size_t consumed, std::string_view separator)
{
    std::string_view remaining = consumed < buffer.size() ? buffer.substr(consumed) : std::string_view{};
    const std::size_t seplen = separator.size();
    if (seplen != 0) {
        if (remaining.substr(0, seplen) == separator) {
            remaining.remove_prefix(seplen);
        } else {
            while (!remaining.empty() && remaining.substr(0, seplen) != separator.substr(0, remaining.size())) {
                remaining.remove_prefix(1);
            }
        }
    }
    return std::string(remaining);
}

} // namespace

limit_overrun_error::limit_overrun_error(const std::string& message, std::string_view buffer, std::size_t consumed,
                                         std::string_view separator)
    : incremental_deserialize_error(message, limit_overrun_remaining(buffer, consumed, separator)), consumed_(consumed)
{
}

std::shared_ptr<const packet_error> limit_overrun_error::clone() const
{
    return std::make_shared<limit_overrun_error>(*this);
}

void limit_overrun_error::rethrow() const
{
    throw *this;
}

std::shared_ptr<const packet_error> packet_conversion_error::clone() const
{
    return std::make_shared<packet_conversion_error>(*this);
}

void packet_conversion_error::rethrow() const
{
    throw *this;
}

base_protocol_parse_error::base_protocol_parse_error(const packet_error& error)
    : std::runtime_error(std::string("Error while parsing data: ") + error.what()), error_(error.clone())
{
}

} // namespace easynet
