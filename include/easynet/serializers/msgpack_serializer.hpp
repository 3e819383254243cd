//
// easynet — MessagePack serializer (EasyNetwork `MessagePackSerializer`).
//
#ifndef EASYNET_SERIALIZERS_MSGPACK_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_MSGPACK_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/serializers/detail/binary_document_serializer.hpp>
#include <easynet/serializers/detail/msgpack_codec.hpp>

#include <boost/json/value.hpp>

#include <cstddef>

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

    `dump_to_bytes` writes what Python's `msgpack.packb(packet)` writes; it throws
    `std::length_error` for a string, array or map of 2^32 elements or more.

    @tparam SentPacket type written (`value_from`-convertible).
    @tparam ReceivedPacket type read (`value_to`-convertible).

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket = boost::json::value, class ReceivedPacket = SentPacket>
class basic_msgpack_serializer
    : public detail::binary_document_serializer<SentPacket, ReceivedPacket, detail::msgpack_document_codec> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit basic_msgpack_serializer(const msgpack_serializer_options& options = {})
        : detail::binary_document_serializer<SentPacket, ReceivedPacket, detail::msgpack_document_codec>(options)
    {
    }
};

/// MessagePack serializer of `boost::json::value` documents.
using msgpack_serializer = basic_msgpack_serializer<>;

} // namespace easynet::serializers

#endif
