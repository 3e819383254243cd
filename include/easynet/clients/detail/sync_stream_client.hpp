//
// easynet — what the sync stream clients share: locks with deadlines, error mapping.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_SYNC_STREAM_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_SYNC_STREAM_CLIENT_HPP

#include <easynet/clients/abc/network_client.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <memory>
#include <mutex>

namespace easynet::clients::detail {

template <class SentPacket, class ReceivedPacket>
class sync_stream_client : public abc::network_client<SentPacket, ReceivedPacket> {
protected:
    using endpoint_type = lowlevel::api_sync::endpoints::stream_endpoint<SentPacket, ReceivedPacket>;

public:
    using typename abc::network_client<SentPacket, ReceivedPacket>::seconds;

    /// Closes the connection.
    ~sync_stream_client() override { endpoint_.close(); }
    sync_stream_client(const sync_stream_client&) = delete;
    sync_stream_client& operator=(const sync_stream_client&) = delete;

    bool is_closed() const noexcept override { return endpoint_.is_closed(); }

    void close() override
    {
        std::lock_guard send_guard(send_lock_);
        endpoint_.close();
    }

    void send_packet(const SentPacket& packet, seconds timeout = abc::no_timeout) override
    {
        const deadline limit(timeout);
        auto send_guard = lock_within(send_lock_, limit.remaining());
        check_not_closed();
        try {
            endpoint_.send_packet(packet, limit.remaining());
            raise_pending_socket_error(endpoint_);
        } catch (const std::exception&) {
            rethrow_client_error(is_closed(), sync_closed_message);
        }
    }

    ReceivedPacket recv_packet(seconds timeout = abc::no_timeout) override
    {
        const deadline limit(timeout);
        auto recv_guard = lock_within(recv_lock_, limit.remaining());
        check_not_closed();
        try {
            return endpoint_.recv_packet(limit.remaining());
        } catch (const std::exception&) {
            rethrow_client_error(is_closed(), sync_closed_message);
        }
    }

    /** Shuts down the write side (the peer reads end of stream); receiving goes on.
        Idempotent; a no-op once closed. Later sends throw std::runtime_error. */
    void send_eof()
    {
        std::lock_guard send_guard(send_lock_);
        if (is_closed())
            return;
        try {
            endpoint_.send_eof();
        } catch (const std::exception&) {
            rethrow_client_error(is_closed(), sync_closed_message);
        }
    }

    lowlevel::native_socket_handle fileno() const noexcept override { return socket_.fileno(); }

    /// A read-only proxy of the socket, the same object every call.
    const lowlevel::socket_proxy& socket() const noexcept { return socket_; }

    const lowlevel::extra_attribute_map& extra_attributes() const override { return endpoint_.extra_attributes(); }

protected:
    template <class Protocol>
    sync_stream_client(socket_owner& socket, const Protocol& protocol, std::size_t max_recv_size,
                       sync_seconds retry_interval)
        : sync_stream_client(adopt(socket, retry_interval), protocol, max_recv_size)
    {
    }

    template <class Protocol>
    sync_stream_client(std::unique_ptr<lowlevel::api_sync::transports::stream_transport> transport,
                       const Protocol& protocol, std::size_t max_recv_size)
        : endpoint_(std::move(transport), protocol, max_recv_size),
          socket_(endpoint_.extra(lowlevel::socket_attribute::socket))
    {
    }

    void check_not_closed() const
    {
        if (is_closed())
            throw client_closed_error(sync_closed_message);
    }

    /// Runs `get` (an address getter) under the send lock, mapping errors (Y4).
    template <class Get>
    auto locked_get(Get get) const
    {
        std::lock_guard send_guard(send_lock_);
        check_not_closed();
        try {
            return get(endpoint_);
        } catch (const std::exception&) {
            rethrow_client_error(is_closed(), sync_closed_message);
        }
    }

    timed_lock& recv_lock() noexcept { return recv_lock_; }

    mutable endpoint_type endpoint_;
    mutable timed_lock send_lock_;

private:
    static std::unique_ptr<lowlevel::api_sync::transports::stream_transport> adopt(socket_owner& socket,
                                                                                   sync_seconds retry_interval)
    {
        auto transport = std::make_unique<lowlevel::api_sync::transports::socket_stream_transport>(socket.get(),
                                                                                                   retry_interval);
        socket.release();
        return transport;
    }

    timed_lock recv_lock_;
    lowlevel::socket_proxy socket_;
};

} // namespace easynet::clients::detail

#endif
