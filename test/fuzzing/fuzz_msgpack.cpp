//
// easynet fuzzing — msgpack_serializer (stream, buffered and datagram paths), and the
// agreement of the msgpack decoder with its resumable end-of-document scanner.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_binary_document.hpp"

#include <easynet/serializers/detail/msgpack_codec.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    // may_throw: a map {"$bigint": "<digits>"} reads as a big integer, which MessagePack cannot write.
    return fuzz::run_binary_document<ser::msgpack_serializer, ser::msgpack_serializer_options,
                                     ser::detail::msgpack_document_codec>(data, size, fuzz::reserialize::may_throw);
}
