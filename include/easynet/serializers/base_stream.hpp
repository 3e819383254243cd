//
// easynet — base classes implementing the common stream framings
// (EasyNetwork `easynetwork.serializers.base_stream`).
//
#ifndef EASYNET_SERIALIZERS_BASE_STREAM_HPP
#define EASYNET_SERIALIZERS_BASE_STREAM_HPP

#include <easynet/serializers/base_stream/auto_separated_packet_serializer.hpp>
#include <easynet/serializers/base_stream/file_based_packet_serializer.hpp>
#include <easynet/serializers/base_stream/fixed_size_packet_serializer.hpp>

#endif
