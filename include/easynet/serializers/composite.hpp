//
// easynet — composite serializers (EasyNetwork `easynetwork.serializers.composite`).
//
#ifndef EASYNET_SERIALIZERS_COMPOSITE_HPP
#define EASYNET_SERIALIZERS_COMPOSITE_HPP

#include <easynet/serializers/composite/stapled_packet_serializer.hpp>

#endif
