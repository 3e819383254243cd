//
// easynet fuzzing — what the zlib and bz2 targets share: a compressor serializer around
// the JSON or MessagePack serializer (stream and datagram paths; decompression bombs stop
// at the size limit).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_FUZZING_FUZZ_COMPRESSOR_HPP
#define EASYNET_FUZZING_FUZZ_COMPRESSOR_HPP

#include "fuzz_common.hpp"

#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/wrapper/compressor_serializer.hpp>

namespace fuzz {

// One input through `Compressor` (a `*_compressor_serializer<boost::json::value>`, level 9)
// around MessagePack (config bit 0) or JSON, with a small size limit (config bit 1) or 1 MiB.
template <class Compressor>
int run_compressor(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    const input in = input::parse(data, size);
    std::shared_ptr<const ser::packet_serializer<boost::json::value>> inner;
    if ((in.config & 1) != 0)
        inner = std::make_shared<const ser::msgpack_serializer>();
    else
        inner = std::make_shared<const ser::json_serializer<>>();
    ser::wrapper::compressor_options options;
    options.max_decompressed_size = (in.config & 2) != 0 ? 4096 : 1024 * 1024;
    run(std::make_shared<const Compressor>(inner, 9, options), in,
        (in.config & 1) != 0 ? reserialize::may_throw : reserialize::must_succeed);
    return 0;
}

} // namespace fuzz

#endif
