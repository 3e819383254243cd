//
// easynet fuzzing — zlib_compressor_serializer around the JSON or MessagePack serializer
// (stream and datagram paths; decompression bombs stop at the size limit).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/wrapper/zlib_compressor_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    namespace wrapper = easynet::serializers::wrapper;
    const fuzz::input in = fuzz::input::parse(data, size);
    std::shared_ptr<const ser::packet_serializer<boost::json::value>> inner;
    if ((in.config & 1) != 0)
        inner = std::make_shared<const ser::msgpack_serializer>();
    else
        inner = std::make_shared<const ser::json_serializer<>>();
    wrapper::compressor_options options;
    options.max_decompressed_size = (in.config & 2) != 0 ? 4096 : 1024 * 1024;
    fuzz::run(std::make_shared<const wrapper::zlib_compressor_serializer<boost::json::value>>(inner, 9, options), in,
              (in.config & 1) != 0 ? fuzz::reserialize::may_throw : fuzz::reserialize::must_succeed);
    return 0;
}
