//
// easynet fuzzing — string_line_serializer (stream, buffered and datagram paths).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/line_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    const fuzz::input in = fuzz::input::parse(data, size);
    ser::string_line_options options;
    options.newline = (in.config & 3) == 1 ? ser::line_separator::cr
                    : (in.config & 3) == 2 ? ser::line_separator::crlf
                                           : ser::line_separator::lf;
    options.encoding = (in.config & 4) != 0 ? ser::text_encoding::ascii : ser::text_encoding::utf8;
    options.limit = (in.config & 8) != 0 ? 16 : 64 * 1024;
    options.keep_end = (in.config & 16) != 0;
    fuzz::run(std::make_shared<const ser::string_line_serializer>(options), in);
    return 0;
}
