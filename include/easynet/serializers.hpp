//
// easynet — every serializer (EasyNetwork `easynetwork.serializers`).
//
#ifndef EASYNET_SERIALIZERS_HPP
#define EASYNET_SERIALIZERS_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc.hpp>
#include <easynet/serializers/aggregate_serializer.hpp>
#include <easynet/serializers/base_stream.hpp>
#include <easynet/serializers/cbor_serializer.hpp>
#include <easynet/serializers/composite.hpp>
#include <easynet/serializers/json/json_codec.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/serializers/msgpack_serializer.hpp>
#include <easynet/serializers/struct_serializer.hpp>
#include <easynet/serializers/tools/big_integer.hpp>
#include <easynet/serializers/tools/separator_scanner.hpp>

#endif
