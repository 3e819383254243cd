//
// easynet fuzzing — what the CBOR and MessagePack targets share: the serializer paths,
// and the agreement of the decoder with its resumable end-of-document scanner.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_FUZZING_FUZZ_BINARY_DOCUMENT_HPP
#define EASYNET_FUZZING_FUZZ_BINARY_DOCUMENT_HPP

#include "fuzz_common.hpp"

#include <easynet/serializers/detail/binary_document_codec.hpp>

#include <boost/json/value.hpp>

#include <stdexcept>

namespace fuzz {

namespace detail = easynet::serializers::detail;

// decoder complete => scanner complete at the same offset; decoder need_more => scanner
// need_more; a scanner fed in chunks agrees with one fed at once. `Codec`: a
// `detail::*_document_codec`.
template <class Codec>
void check_scanner(std::string_view bytes, const detail::document_decode_options& options, std::uint8_t chunking)
{
    boost::json::value out;
    const detail::decode_result r = Codec::decode(bytes, out, options);
    auto scanner = Codec::make_scanner(options.max_depth);
    auto chunked = Codec::make_scanner(options.max_depth);
    const detail::decode_status once = scanner.scan(bytes);
    chunker chunks(chunking);
    detail::decode_status step = detail::decode_status::need_more;
    for (std::size_t pos = 0; pos < bytes.size() && step == detail::decode_status::need_more;) {
        pos += chunks.next(bytes.size() - pos);
        step = chunked.scan(bytes.substr(0, pos));
    }
    if (!bytes.empty() && step != once)
        fail("chunked scan differs from a whole scan");
    if (once == detail::decode_status::complete && step == once && chunked.end() != scanner.end())
        fail("chunked scan ends elsewhere");
    if (r.status == detail::decode_status::complete
        && (once != detail::decode_status::complete || scanner.end() != r.position))
        fail("decoder found a document the scanner did not");
    if (r.status == detail::decode_status::need_more && once != detail::decode_status::need_more)
        fail("scanner stopped where the decoder needs more data");
    if (r.status == detail::decode_status::complete) {
        std::string again;
        try {
            Codec::encode(out, again);
        }
        catch (const std::out_of_range&) {
            return; // a big-integer lookalike that the format cannot write
        }
        boost::json::value back;
        if (Codec::decode(again, back, options).status != detail::decode_status::complete)
            fail("encoded document does not decode");
    }
}

// One input through `Serializer` (built from `Options` chosen by the input's config bits:
// limit, allow_binary, max_depth) and through `check_scanner<Codec>`.
template <class Serializer, class Options, class Codec>
int run_binary_document(const std::uint8_t* data, std::size_t size, reserialize policy)
{
    const input in = input::parse(data, size);
    Options options;
    options.limit = (in.config & 1) != 0 ? 64 : 64 * 1024;
    options.allow_binary = (in.config & 2) == 0;
    options.max_depth = (in.config & 4) != 0 ? 8 : easynet::defaults::binary_document_max_depth;

    run(std::make_shared<const Serializer>(options), in, policy);
    check_scanner<Codec>(in.bytes, {options.max_depth, options.allow_binary}, in.chunking);
    return 0;
}

} // namespace fuzz

#endif
