//
// easynet fuzzing — base64_encoder_serializer around the JSON serializer, with and without
// checksum / signature (stream, buffered and datagram paths).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "fuzz_common.hpp"

#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/wrapper/base64_encoder_serializer.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    namespace ser = easynet::serializers;
    namespace wrapper = easynet::serializers::wrapper;
    const fuzz::input in = fuzz::input::parse(data, size);
    wrapper::base64_encoder_options options;
    options.alphabet = (in.config & 1) != 0 ? wrapper::base64_alphabet::standard : wrapper::base64_alphabet::urlsafe;
    options.checksum = (in.config & 6) == 2;
    if ((in.config & 6) == 4)
        options.signing_key = "VGhpcyBpcyBhIDMyLWJ5dGUga2V5IGZvciBmdXp6aW4="; // 32 bytes
    options.separator = (in.config & 8) != 0 ? "\n" : "\r\n";
    options.limit = (in.config & 16) != 0 ? 32 : 64 * 1024;
    auto inner = std::make_shared<const ser::json_serializer<>>();
    fuzz::run(std::make_shared<const wrapper::base64_encoder_serializer<boost::json::value>>(inner, options), in);
    return 0;
}
