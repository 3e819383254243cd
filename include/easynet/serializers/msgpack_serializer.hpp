//
// easynet — MessagePack serializer (EasyNetwork `MessagePackSerializer`).
//
#ifndef EASYNET_SERIALIZERS_MSGPACK_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_MSGPACK_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/base_stream/file_based_packet_serializer.hpp>
#include <easynet/serializers/detail/document_conversion.hpp>
#include <easynet/serializers/detail/msgpack_codec.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::serializers {

/// Options of `basic_msgpack_serializer`.
struct msgpack_serializer_options {
    /// Maximum number of buffered bytes while one object is incomplete (stream only, > 0).
    std::size_t limit = defaults::serializer_limit;
    /// Attach the offending data to errors (`error_info`).
    bool debug = false;
    /// Deepest nesting of arrays and maps accepted when decoding (root container = 1).
    std::size_t max_depth = defaults::binary_document_max_depth;
    /// Decode `bin` objects to strings holding the raw bytes (true), or reject them.
    bool allow_binary = true;
};

/** MessagePack, byte for byte as EasyNetwork writes it with Python's `msgpack`
    (`use_bin_type=True`, `use_single_float=False`; decoder `raw=False`, `strict_map_key=True`).

    The document model is `boost::json::value`: integers stay integers (int64, or uint64
    above INT64_MAX), every double is written as float64 (`cb`), strings are `str`, maps
    keep insertion order. Packets of other types go through Boost.JSON's `value_from` /
    `value_to` customisation points; a document `value_to` rejects gives
    `deserialize_error("Invalid value: ...")`.

    Decoding accepts every valid encoding (non-minimal integers, float32). `bin` becomes a
    string of the raw bytes (re-sent as `str` if it is UTF-8, else as `bin`: the document
    model has no byte strings) unless
    `allow_binary` is false; extension types, `0xc1`, non-string map keys, invalid UTF-8 and
    nesting deeper than `max_depth` are errors. Duplicate map keys: the last value wins, at
    the first key's position (as a Python dict).

    Stream framing: none; objects are concatenated (SEMANTICS Z5, see
    `file_based_packet_serializer`): an incomplete object waits for more bytes, more than
    `limit` pending bytes give `limit_overrun_error`, an invalid object gives
    `incremental_deserialize_error` whose remaining data starts after the offending bytes.
    Hostile headers cannot make the decoder allocate more than the input could hold.

    @tparam SentPacket type written (`value_from`-convertible).
    @tparam ReceivedPacket type read (`value_to`-convertible).

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket = boost::json::value, class ReceivedPacket = SentPacket>
class basic_msgpack_serializer : public file_based_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit basic_msgpack_serializer(const msgpack_serializer_options& options = {})
        : file_based_packet_serializer<SentPacket, ReceivedPacket>({options.limit, options.debug}),
          decode_options_{options.max_depth, options.allow_binary}
    {
    }

    /// Appends the MessagePack form of `packet` (Python `msgpack.packb(packet)`).
    /// @throws std::length_error for a string, array or map of 2^32 elements or more.
    void dump_to_bytes(const SentPacket& packet, std::string& out) const override
    {
        detail::with_document(packet, [&](const boost::json::value& doc) { detail::msgpack_encode(doc, out); });
    }

    /// Decodes the object at the start of `data` (`std::nullopt` if it is incomplete).
    /// @throws deserialize_error for an invalid object (`consumed`: where it stopped).
    std::optional<ReceivedPacket> load_from_bytes(std::string_view data, std::size_t& consumed) const override
    {
        boost::json::value doc;
        const detail::decode_result r = detail::msgpack_decode(data, doc, decode_options_);
        if (r.status == detail::decode_status::need_more)
            return std::nullopt;
        consumed = r.position;
        if (r.status == detail::decode_status::invalid)
            throw deserialize_error(r.message);
        return detail::document_to<ReceivedPacket>(std::move(doc));
    }

    /// Finds the end of a MessagePack object without decoding it (linear work for trickling input).
    std::unique_ptr<typename file_based_packet_serializer<SentPacket, ReceivedPacket>::document_scanner>
    make_document_scanner() const override
    {
        return std::make_unique<scanner>(decode_options_.max_depth);
    }

private:
    class scanner final : public file_based_packet_serializer<SentPacket, ReceivedPacket>::document_scanner {
    public:
        explicit scanner([[maybe_unused]] std::size_t max_depth) : scanner_() {}
        bool ready(std::string_view data) override { return scanner_.scan(data) != detail::decode_status::need_more; }
        void reset() noexcept override { scanner_.reset(); }

    private:
        detail::msgpack_scanner scanner_;
    };

    detail::document_decode_options decode_options_;
};

/// MessagePack serializer of `boost::json::value` documents.
using msgpack_serializer = basic_msgpack_serializer<>;

} // namespace easynet::serializers

#endif
