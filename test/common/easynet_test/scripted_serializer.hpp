// A line-framed test serializer whose behaviour is scripted by the content of each frame,
// for the sans-I/O protocol tests (SEMANTICS P1-P8).
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef EASYNET_TEST_SCRIPTED_SERIALIZER_HPP
#define EASYNET_TEST_SCRIPTED_SERIALIZER_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <atomic>
#include <stdexcept>
#include <string>

namespace easynet_test {

/** Frames end with '\n'. Received frame contents:
    - "bad"   → incremental_deserialize_error("bad frame") keeping the bytes after it;
    - "plain" → a plain deserialize_error (a serializer bug);
    - "crash" → std::runtime_error("boom");
    - "pce"   → packet_conversion_error thrown by the serializer itself (a bug);
    - "stall" → never returns, never consumes (breaks the buffered promise);
    - anything else → the packet.
    Sending "crash" throws after a first chunk was produced. */
class scripted_serializer final : public easynet::serializers::buffered_incremental_packet_serializer<std::string> {
public:
    mutable std::atomic<std::size_t> last_sizehint{0};
    mutable std::atomic<int> deserializers_made{0};
    bool fail_make_deserializer = false;
    easynet::serializers::deserializer_buffer_size buffer{64, 64};

    std::string serialize(const std::string& p) const override
    {
        if (p == "crash") throw std::runtime_error("boom");
        return p;
    }

    std::string deserialize(std::string_view d) const override
    {
        if (d == "bad") throw easynet::deserialize_error("bad datagram");
        if (d == "crash") throw std::runtime_error("boom");
        return std::string(d);
    }

    void incremental_serialize(const std::string& p, std::vector<std::string>& chunks) const override
    {
        chunks.push_back("<");
        if (p == "crash") throw std::runtime_error("boom");
        chunks.push_back(p + "\n");
    }

    std::unique_ptr<easynet::serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
    {
        if (fail_make_deserializer) throw std::runtime_error("cannot make");
        ++deserializers_made;
        return std::make_unique<deserializer>();
    }

    easynet::serializers::deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override
    {
        last_sizehint = sizehint;
        return buffer;
    }

private:
    struct deserializer final : easynet::serializers::incremental_deserializer<std::string> {
        std::size_t scanned = 0;
        std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
        {
            if (data.starts_with("stall")) return std::nullopt;
            const std::size_t idx = data.find('\n', scanned);
            if (idx == std::string_view::npos) {
                scanned = data.size();
                return std::nullopt;
            }
            scanned = 0;
            const std::string_view line = data.substr(0, idx);
            if (line == "bad") throw easynet::incremental_deserialize_error("bad frame", std::string(data.substr(idx + 1)));
            if (line == "plain") throw easynet::deserialize_error("plain");
            if (line == "crash") throw std::runtime_error("boom");
            if (line == "pce") throw easynet::packet_conversion_error("from serializer");
            consumed = idx + 1;
            return std::string(line);
        }
    };
};

/// The message of the nested exception of `e` (empty if none).
inline std::string nested_message(const std::exception& e)
{
    try {
        std::rethrow_if_nested(e);
    } catch (const std::exception& inner) {
        return inner.what();
    }
    return {};
}

} // namespace easynet_test

#endif
