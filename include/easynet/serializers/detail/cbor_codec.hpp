//
// easynet — CBOR codec for boost::json::value (private; used by cbor_serializer).
//
// Why a codec of our own rather than libcbor: cbor2 (what EasyNetwork uses) writes finite
// floats as float64 but NaN/±Inf as half floats (`f9 7e00`), which libcbor does not do by
// itself; libcbor's `cbor_load` first builds its own item tree (then a second pass into
// boost::json::value), preallocates arrays from the declared element count (a five-byte
// header can ask for gigabytes), and has no nesting limit of its own. Decoding straight
// into boost::json::value with an explicit stack is byte-exact, single-pass, bounded in
// depth and in allocation (never more than the input could hold), and about as short.
//
#ifndef EASYNET_SERIALIZERS_DETAIL_CBOR_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_CBOR_CODEC_HPP

#include <easynet/serializers/detail/binary_document_codec.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/** Appends the CBOR form of `v` to `out`, as Python's `cbor2.dumps` writes it by default.

    Definite lengths, shortest heads, text strings (major type 3; byte strings if not UTF-8),
    maps in insertion order,
    finite doubles as float64 (`fb`), NaN / +Inf / -Inf as half floats (`f9 7e00`,
    `f9 7c00`, `f9 fc00`). Big integers (`{"$bigint": ...}`) are written as cbor2 does
    (bignum tags 2 / 3, or major type 1 for [-2^64, -2^63)).
*/
void cbor_encode(const boost::json::value& v, std::string& out);

/** Decodes one CBOR data item from the start of `data` into `out`.

    Accepts non-minimal heads, half/single/double floats, indefinite-length strings, arrays
    and maps. `undefined` becomes null. Integers beyond 64 bits (bignum tags 2, 3, and
    major type 1 below -2^63) become `{"$bigint": "<digits>"}` as in the JSON serializer
    (tools/big_integer.hpp), up to `max_bignum_bytes`. Other tags are
    dropped and their content kept. Map keys must be text (or byte strings when
    `allow_binary`). Other simple values and reserved additional information are invalid.
    Never throws for bad input (only `std::bad_alloc`).
*/
decode_result cbor_decode(
    std::string_view data,
    boost::json::value& out,
    const document_decode_options& options = {},
    boost::json::storage_ptr sp = {});

/** Finds where the CBOR item at the start of a growing buffer ends, without building it,
    resuming where the previous call stopped (see `msgpack_scanner`).

    Its memory is bounded by `max_depth`; deeper nesting is reported `invalid`.
*/
class cbor_scanner {
public:
    explicit cbor_scanner(std::size_t max_depth = defaults::binary_document_max_depth) noexcept
        : max_depth_(max_depth)
    {
    }

    decode_status scan(std::string_view buffer);

    std::size_t end() const noexcept { return pos_; }

    void reset() noexcept
    {
        pos_ = 0;
        done_ = false;
        stack_.clear();
    }

private:
    bool item_done() noexcept;

    std::size_t max_depth_;
    std::size_t pos_ = 0;
    bool done_ = false;
    boost::container::small_vector<std::uint64_t, 16> stack_;
};

/// The CBOR codec as `binary_document_serializer` uses it.
struct cbor_document_codec {
    static void encode(const boost::json::value& v, std::string& out) { cbor_encode(v, out); }
    static decode_result decode(std::string_view data, boost::json::value& out, const document_decode_options& options)
    {
        return cbor_decode(data, out, options);
    }
    static cbor_scanner make_scanner(std::size_t max_depth) noexcept { return cbor_scanner(max_depth); }
};

} // namespace easynet::serializers::detail

#endif
