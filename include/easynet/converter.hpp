//
// easynet — converters between business objects and serializer DTOs
// (EasyNetwork `easynetwork.converter`).
//
#ifndef EASYNET_CONVERTER_HPP
#define EASYNET_CONVERTER_HPP

#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/converter/packet_converter.hpp>
#include <easynet/converter/stapled_packet_converter.hpp>
#include <easynet/exceptions/protocol.hpp>

#endif
