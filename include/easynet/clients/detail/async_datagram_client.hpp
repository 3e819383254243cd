//
// easynet — what the async datagram clients add to the shared client: the datagram
// endpoint, errors reported unchanged (ECONNREFUSED stays, SEMANTICS C6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_ASYNC_DATAGRAM_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_ASYNC_DATAGRAM_CLIENT_HPP

#include <easynet/clients/detail/async_endpoint_client.hpp>
#include <easynet/lowlevel/api_async/endpoints/datagram_endpoint.hpp>
#include <easynet/protocol/datagram_protocol.hpp>

#include <memory>

namespace easynet::clients::detail {

using async_datagram_transport_ptr = std::unique_ptr<lowlevel::api_async::transports::async_datagram_transport>;

/** Wraps the adopted connected datagram socket (ownership moves to the transport).
    @throws boost::system::system_error EBADF if it was already taken. */
async_datagram_transport_ptr adopt_async_datagram(socket_owner& socket);

template <class SentPacket, class ReceivedPacket>
class async_datagram_client
    : public async_endpoint_client<lowlevel::api_async::endpoints::async_datagram_endpoint<SentPacket, ReceivedPacket>,
                                   lowlevel::api_async::transports::async_datagram_transport> {
    using endpoint_type = lowlevel::api_async::endpoints::async_datagram_endpoint<SentPacket, ReceivedPacket>;
    using base = async_endpoint_client<endpoint_type, lowlevel::api_async::transports::async_datagram_transport>;

protected:
    using typename base::connector;

    async_datagram_client(std::string_view class_name, connector connect,
                          protocol::datagram_protocol<SentPacket, ReceivedPacket> protocol)
        : base(class_name, std::move(connect),
               [protocol = std::move(protocol)](async_datagram_transport_ptr transport) {
                   return std::make_unique<endpoint_type>(std::move(transport), protocol);
               },
               connection_errors::keep)
    {
    }
};

} // namespace easynet::clients::detail

#endif
