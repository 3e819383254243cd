//
// easynet fuzzing — json_serializer, both framings (stream, buffered and datagram paths).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/json_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fuzz::input in = fuzz::input::parse(data, size);
    easynet::serializers::json_serializer_options options;
    options.use_lines = (in.config & 1) == 0;
    options.limit = (in.config & 2) != 0 ? 64 : 64 * 1024;
    options.ensure_ascii = (in.config & 4) == 0;
    options.max_depth = (in.config & 8) != 0 ? 8 : 256;
    // Without ensure_ascii, a string holding a lone surrogate (decoded from "\ud800") cannot
    // be written as UTF-8: an error, as Python's str.encode("utf-8") raises.
    fuzz::run(std::make_shared<const easynet::serializers::json_serializer<>>(options), in,
              options.ensure_ascii ? fuzz::reserialize::must_succeed : fuzz::reserialize::may_throw);
    return 0;
}
