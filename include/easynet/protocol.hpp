//
// easynet — protocol objects: a serializer plus an optional converter
// (EasyNetwork `easynetwork.protocol`), and their per-connection consumers.
//
#ifndef EASYNET_PROTOCOL_HPP
#define EASYNET_PROTOCOL_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/protocol/buffered_stream_consumer.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/protocol/stream_consumer.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#endif
