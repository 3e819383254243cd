//
// easynet fuzzing — msgpack_serializer (stream, buffered and datagram paths), and the
// agreement of the msgpack decoder with its resumable end-of-document scanner.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/detail/msgpack_codec.hpp>

namespace detail = easynet::serializers::detail;

namespace {

// decoder complete => scanner complete at the same offset; decoder need_more => scanner
// need_more; a scanner fed in chunks agrees with one fed at once.
void check_scanner(std::string_view bytes, const detail::document_decode_options& options, std::uint8_t chunking)
{
    boost::json::value out;
    const detail::decode_result r = detail::msgpack_decode(bytes, out, options);
    detail::msgpack_scanner scanner, chunked;
    const detail::decode_status once = scanner.scan(bytes);
    fuzz::chunker chunks(chunking);
    detail::decode_status step = detail::decode_status::need_more;
    for (std::size_t pos = 0; pos < bytes.size() && step == detail::decode_status::need_more;) {
        pos += chunks.next(bytes.size() - pos);
        step = chunked.scan(bytes.substr(0, pos));
    }
    if (!bytes.empty() && step != once)
        fuzz::fail("chunked scan differs from a whole scan");
    if (once == detail::decode_status::complete && step == once && chunked.end() != scanner.end())
        fuzz::fail("chunked scan ends elsewhere");
    if (r.status == detail::decode_status::complete
        && (once != detail::decode_status::complete || scanner.end() != r.position))
        fuzz::fail("decoder found a document the scanner did not");
    if (r.status == detail::decode_status::need_more && once != detail::decode_status::need_more)
        fuzz::fail("scanner stopped where the decoder needs more data");
    if (r.status == detail::decode_status::complete) {
        std::string again;
        try {
            detail::msgpack_encode(out, again);
        }
        catch (const std::out_of_range&) {
            return; // big-integer lookalike, see below
        }
        boost::json::value back;
        if (detail::msgpack_decode(again, back, options).status != detail::decode_status::complete)
            fuzz::fail("encoded document does not decode");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::input in = fuzz::input::parse(data, size);
    easynet::serializers::msgpack_serializer_options options;
    options.limit = (in.config & 1) != 0 ? 64 : 64 * 1024;
    options.allow_binary = (in.config & 2) == 0;
    options.max_depth = (in.config & 4) != 0 ? 8 : easynet::defaults::binary_document_max_depth;
    // may_throw: a map {"$bigint": "<digits>"} reads as a big integer, which MessagePack cannot write.
    fuzz::run(std::make_shared<const easynet::serializers::msgpack_serializer>(options), in, fuzz::reserialize::may_throw);
    check_scanner(in.bytes, {options.max_depth, options.allow_binary}, in.chunking);
    return 0;
}
