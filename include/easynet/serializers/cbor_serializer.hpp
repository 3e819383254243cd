//
// easynet — CBOR serializer (EasyNetwork `CBORSerializer`).
//
#ifndef EASYNET_SERIALIZERS_CBOR_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_CBOR_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/serializers/detail/binary_document_serializer.hpp>
#include <easynet/serializers/detail/cbor_codec.hpp>

#include <boost/json/value.hpp>

#include <cstddef>

namespace easynet::serializers {

/// Options of `basic_cbor_serializer`.
struct cbor_serializer_options {
    /// Maximum number of buffered bytes while one item is incomplete (stream only, > 0).
    std::size_t limit = defaults::serializer_limit;
    /// Attach the offending data to errors (`error_info`).
    bool debug = false;
    /// Deepest nesting of arrays and maps accepted when decoding (root container = 1).
    std::size_t max_depth = defaults::binary_document_max_depth;
    /// Decode byte strings to strings holding the raw bytes (true), or reject them.
    bool allow_binary = true;
};

/** CBOR (RFC 8949), byte for byte as EasyNetwork writes it with Python's `cbor2` (default
    options: not canonical, no value sharing, no string referencing).

    The document model is `boost::json::value`: definite lengths, shortest heads, text
    strings, maps in insertion order; every finite double is written as float64 (`fb`),
    NaN / +Inf / -Inf as half floats (`f9 7e00`, `f9 7c00`, `f9 fc00`). Packets of other
    types go through Boost.JSON's `value_from` / `value_to`; a document `value_to` rejects
    gives `deserialize_error("Invalid value: ...")`.

    Decoding accepts non-minimal heads, half/single/double floats and indefinite-length
    strings, arrays and maps. Byte strings become strings of the raw bytes (re-sent as text
    if they are UTF-8, else as byte strings) unless `allow_binary` is false; `undefined`
    becomes null; integers beyond 64 bits (bignum tags 2, 3) become
    `{"$bigint": "<digits>"}` as in the JSON serializer and are written back as bignums
    (tools/big_integer.hpp); other tags are dropped, their content kept. Reserved additional
    information, other simple values, non-string map keys, invalid UTF-8 and nesting deeper
    than `max_depth` are errors. Duplicate map keys: the last value wins.

    Stream framing: none; items are concatenated (SEMANTICS Z5, see
    `file_based_packet_serializer`): an incomplete item waits for more bytes, more than
    `limit` pending bytes give `limit_overrun_error`, an invalid item gives
    `incremental_deserialize_error` whose remaining data starts after the offending bytes.
    Hostile headers cannot make the decoder allocate more than the input could hold.

    `dump_to_bytes` writes what Python's `cbor2.dumps(packet)` writes.

    @tparam SentPacket type written (`value_from`-convertible).
    @tparam ReceivedPacket type read (`value_to`-convertible).

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket = boost::json::value, class ReceivedPacket = SentPacket>
class basic_cbor_serializer
    : public detail::binary_document_serializer<SentPacket, ReceivedPacket, detail::cbor_document_codec> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit basic_cbor_serializer(const cbor_serializer_options& options = {})
        : detail::binary_document_serializer<SentPacket, ReceivedPacket, detail::cbor_document_codec>(options)
    {
    }
};

/// CBOR serializer of `boost::json::value` documents.
using cbor_serializer = basic_cbor_serializer<>;

} // namespace easynet::serializers

#endif
