//
// easynet fuzzing — struct_serializer, a fixed-size format (stream, buffered and datagram
// paths).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/struct_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const char* const formats[] = {"!iid", "<hH?x3s", ">qQfd", "=5s2xbB", "@iq", "!I"};
    const fuzz::input in = fuzz::input::parse(data, size);
    const char* format = formats[in.config % (sizeof formats / sizeof formats[0])];
    fuzz::run(std::make_shared<const easynet::serializers::struct_serializer>(format), in);
    return 0;
}
