//
// easynet — every client (umbrella header).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_HPP
#define EASYNET_CLIENTS_HPP

#include <easynet/clients/async_tcp_network_client.hpp>
#include <easynet/clients/async_udp_network_client.hpp>
#include <easynet/clients/async_unix_datagram_client.hpp>
#include <easynet/clients/async_unix_stream_client.hpp>
#include <easynet/clients/tcp_network_client.hpp>
#include <easynet/clients/udp_network_client.hpp>
#include <easynet/clients/unix_datagram_client.hpp>
#include <easynet/clients/unix_stream_client.hpp>

#endif
