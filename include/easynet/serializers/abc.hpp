//
// easynet — the serializer interfaces (EasyNetwork `easynetwork.serializers.abc`).
//
#ifndef EASYNET_SERIALIZERS_ABC_HPP
#define EASYNET_SERIALIZERS_ABC_HPP

#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>
#include <easynet/serializers/abc/incremental_deserializer.hpp>
#include <easynet/serializers/abc/incremental_packet_serializer.hpp>
#include <easynet/serializers/abc/packet_serializer.hpp>

#endif
