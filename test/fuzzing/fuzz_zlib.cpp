//
// easynet fuzzing — zlib_compressor_serializer around the JSON or MessagePack serializer
// (stream and datagram paths; decompression bombs stop at the size limit).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_compressor.hpp"

#include <easynet/serializers/wrapper/zlib_compressor_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using compressor = easynet::serializers::wrapper::zlib_compressor_serializer<boost::json::value>;
    return fuzz::run_compressor<compressor>(data, size);
}
