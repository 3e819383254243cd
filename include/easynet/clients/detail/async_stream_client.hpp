//
// easynet — what the async stream clients add to the shared client: the stream endpoint
// and send_eof.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_ASYNC_STREAM_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_ASYNC_STREAM_CLIENT_HPP

#include <easynet/clients/detail/async_endpoint_client.hpp>
#include <easynet/lowlevel/api_async/endpoints/stream_endpoint.hpp>

#include <memory>
#include <mutex>

namespace easynet::clients::detail {

template <class SentPacket, class ReceivedPacket>
class async_stream_client
    : public async_endpoint_client<lowlevel::api_async::endpoints::async_stream_endpoint<SentPacket, ReceivedPacket>,
                                   lowlevel::api_async::transports::async_stream_transport> {
    using endpoint_type = lowlevel::api_async::endpoints::async_stream_endpoint<SentPacket, ReceivedPacket>;
    using base = async_endpoint_client<endpoint_type, lowlevel::api_async::transports::async_stream_transport>;

public:
    /** Flushes, then shuts down the write side: the peer reads end of stream, receiving
        goes on (SEMANTICS C9). Idempotent; a no-op on a closed client. Later sends throw
        std::runtime_error "send_eof() has been called earlier".
        @throws easynet::unsupported_operation over TLS. */
    void send_eof()
    {
        endpoint_type* endpoint = nullptr;
        try {
            endpoint = &this->connected_endpoint();
        } catch (const client_closed_error&) {
            return;
        }
        std::lock_guard send_guard(this->send_lock());
        if (this->is_closing())
            return;
        try {
            endpoint->send_eof();
        } catch (const std::exception&) {
            this->rethrow_error();
        }
    }

protected:
    using typename base::connector;

    template <class Protocol>
    async_stream_client(std::string_view class_name, connector connect, const Protocol& protocol,
                        std::size_t max_recv_size)
        : base(class_name, std::move(connect),
               [protocol, max_recv_size](async_transport_ptr transport) {
                   return std::make_unique<endpoint_type>(std::move(transport), protocol, max_recv_size);
               },
               connection_errors::abort)
    {
    }
};

} // namespace easynet::clients::detail

#endif
