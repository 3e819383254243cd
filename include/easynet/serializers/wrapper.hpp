//
// easynet — serializer wrappers (EasyNetwork `easynetwork.serializers.wrapper`).
//
#ifndef EASYNET_SERIALIZERS_WRAPPER_HPP
#define EASYNET_SERIALIZERS_WRAPPER_HPP

#include <easynet/serializers/wrapper/base64_encoder_serializer.hpp>
#include <easynet/serializers/wrapper/bz2_compressor_serializer.hpp>
#include <easynet/serializers/wrapper/compressor_serializer.hpp>
#include <easynet/serializers/wrapper/zlib_compressor_serializer.hpp>

#endif
