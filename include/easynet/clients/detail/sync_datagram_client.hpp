//
// easynet — what the blocking datagram clients add to the shared client: the datagram
// endpoint over an adopted socket, errors reported unchanged (ECONNREFUSED stays, C6).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_SYNC_DATAGRAM_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_SYNC_DATAGRAM_CLIENT_HPP

#include <easynet/clients/detail/sync_endpoint_client.hpp>
#include <easynet/lowlevel/api_sync/endpoints/datagram_endpoint.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>

#include <memory>

namespace easynet::clients::detail {

template <class SentPacket, class ReceivedPacket>
class sync_datagram_client
    : public sync_endpoint_client<lowlevel::api_sync::endpoints::datagram_endpoint<SentPacket, ReceivedPacket>> {
    using base = sync_endpoint_client<lowlevel::api_sync::endpoints::datagram_endpoint<SentPacket, ReceivedPacket>>;

protected:
    /// Takes `socket` (a connected datagram socket) over; blocking waits last at most `retry_interval`.
    sync_datagram_client(std::string_view class_name, socket_owner& socket,
                         protocol::datagram_protocol<SentPacket, ReceivedPacket> protocol, sync_seconds retry_interval)
        : base(class_name, connection_errors::keep, adopt(socket, retry_interval), std::move(protocol))
    {
    }

private:
    static std::unique_ptr<lowlevel::api_sync::transports::datagram_transport> adopt(socket_owner& socket,
                                                                                     sync_seconds retry_interval)
    {
        auto transport =
            std::make_unique<lowlevel::api_sync::transports::socket_datagram_transport>(socket.get(), retry_interval);
        socket.release();
        return transport;
    }
};

} // namespace easynet::clients::detail

#endif
