//
// easynet — what the blocking stream clients add to the shared client: the stream
// endpoint and send_eof.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_SYNC_STREAM_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_SYNC_STREAM_CLIENT_HPP

#include <easynet/clients/detail/sync_endpoint_client.hpp>
#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>

#include <memory>
#include <mutex>

namespace easynet::clients::detail {

template <class SentPacket, class ReceivedPacket>
class sync_stream_client
    : public sync_endpoint_client<lowlevel::api_sync::endpoints::stream_endpoint<SentPacket, ReceivedPacket>> {
    using base = sync_endpoint_client<lowlevel::api_sync::endpoints::stream_endpoint<SentPacket, ReceivedPacket>>;

public:
    /** Shuts down the write side (the peer reads end of stream); receiving goes on.
        Idempotent; a no-op once closed. Later sends throw std::runtime_error. */
    void send_eof()
    {
        std::lock_guard send_guard(this->send_lock_);
        if (this->is_closed())
            return;
        try {
            this->endpoint_.send_eof();
        } catch (const std::exception&) {
            this->rethrow_error();
        }
    }

protected:
    template <class Protocol>
    sync_stream_client(std::string_view class_name, socket_owner& socket, const Protocol& protocol,
                       std::size_t max_recv_size, sync_seconds retry_interval)
        : sync_stream_client(class_name, adopt(socket, retry_interval), protocol, max_recv_size)
    {
    }

    template <class Protocol>
    sync_stream_client(std::string_view class_name,
                       std::unique_ptr<lowlevel::api_sync::transports::stream_transport> transport,
                       const Protocol& protocol, std::size_t max_recv_size)
        : base(class_name, connection_errors::abort, std::move(transport), protocol, max_recv_size)
    {
    }

private:
    static std::unique_ptr<lowlevel::api_sync::transports::stream_transport> adopt(socket_owner& socket,
                                                                                   sync_seconds retry_interval)
    {
        auto transport = std::make_unique<lowlevel::api_sync::transports::socket_stream_transport>(socket.get(),
                                                                                                   retry_interval);
        socket.release();
        return transport;
    }
};

} // namespace easynet::clients::detail

#endif
