//
// easynet — MessagePack codec for boost::json::value (private; used by msgpack_serializer).
//
// Why a codec of our own: Python's `msgpack.packb(use_bin_type=True, use_single_float=False)`
// must be matched byte for byte. nlohmann-json writes float32 whenever that is lossless,
// and msgpack-cxx cannot be installed beside Boost 1.81 on Debian 12. The format is small,
// and writing it directly against boost::json::value gives one pass without an
// intermediate tree, an iterative (stack-safe) walk, a nesting limit, and allocations
// bounded by the input size whatever length a hostile header declares.
//
#ifndef EASYNET_SERIALIZERS_DETAIL_MSGPACK_CODEC_HPP
#define EASYNET_SERIALIZERS_DETAIL_MSGPACK_CODEC_HPP

#include <easynet/serializers/detail/binary_document_codec.hpp>

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/** Appends the MessagePack form of `v` to `out`, as Python's `msgpack.packb` writes it.

    Integers take the smallest form (non-negative values the unsigned family), every
    double is a float64 (`cb`, NaN bits kept), strings are `str` (`bin` if not UTF-8),
    maps keep insertion order.
    @throws std::out_of_range for a big integer (`{"$bigint": ...}`), as Python's msgpack.
    @throws std::length_error a string, array or object has more than 2^32-1 elements.
*/
void msgpack_encode(const boost::json::value& v, std::string& out);

/** Decodes one MessagePack object from the start of `data` into `out`.

    Accepts every valid encoding (non-minimal integers, float32). Map keys must be `str`
    (or `bin` when `allow_binary`); extension types and `0xc1` are invalid. Integers that fit
    `int64_t` become int64, larger ones uint64.
    Never throws for bad input (only `std::bad_alloc`).
*/
decode_result msgpack_decode(
    std::string_view data,
    boost::json::value& out,
    const document_decode_options& options = {},
    boost::json::storage_ptr sp = {});

/** Finds where the MessagePack object at the start of a growing buffer ends, without
    building it, resuming where the previous call stopped.

    Every call must pass the same buffer, possibly extended at its end. The total work
    over all calls is linear in the final buffer size, so a packet trickling in byte by
    byte costs no more than one arriving at once.
*/
class msgpack_scanner {
public:
    /// `complete` (then `end()` is the object size), `need_more`, or `invalid` (a byte no
    /// MessagePack object can start with; the decoder gives the details).
    decode_status scan(std::string_view buffer) noexcept;

    /// Size of the object once `scan` returned `complete`.
    std::size_t end() const noexcept { return pos_; }

    void reset() noexcept
    {
        pos_ = 0;
        pending_ = 1;
    }

private:
    std::size_t pos_ = 0;
    std::uint64_t pending_ = 1;
};

/// The MessagePack codec as `binary_document_serializer` uses it (no depth bound to scan).
struct msgpack_document_codec {
    static void encode(const boost::json::value& v, std::string& out) { msgpack_encode(v, out); }
    static decode_result decode(std::string_view data, boost::json::value& out, const document_decode_options& options)
    {
        return msgpack_decode(data, out, options);
    }
    static msgpack_scanner make_scanner(std::size_t /*max_depth*/) noexcept { return {}; }
};

} // namespace easynet::serializers::detail

#endif
