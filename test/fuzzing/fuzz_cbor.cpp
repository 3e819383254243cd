//
// easynet fuzzing — cbor_serializer (stream, buffered and datagram paths), and the
// agreement of the cbor decoder with its resumable end-of-document scanner.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_binary_document.hpp"

#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/detail/cbor_codec.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    return fuzz::run_binary_document<ser::cbor_serializer, ser::cbor_serializer_options, ser::detail::cbor_document_codec>(
        data, size, fuzz::reserialize::must_succeed);
}
