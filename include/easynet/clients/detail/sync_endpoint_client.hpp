//
// easynet — what every blocking client shares, whatever its endpoint (stream or
// datagram): locks with deadlines, close, error mapping.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_SYNC_ENDPOINT_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_SYNC_ENDPOINT_CLIENT_HPP

#include <easynet/clients/abc/network_client.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <mutex>
#include <string_view>
#include <utility>

namespace easynet::clients::detail {

/** A blocking client over a sync endpoint (SEMANTICS Y2–Y5).
    @tparam Endpoint a sync endpoint (`send_packet(p, timeout)`, `recv_packet(timeout)`,
    `close`, `is_closed`, extra attributes with the socket). */
template <class Endpoint>
class sync_endpoint_client
    : public abc::network_client<typename Endpoint::sent_packet_type, typename Endpoint::received_packet_type> {
protected:
    using endpoint_type = Endpoint;

public:
    using sent_packet_type = typename Endpoint::sent_packet_type;
    using received_packet_type = typename Endpoint::received_packet_type;
    using typename abc::network_client<sent_packet_type, received_packet_type>::seconds;

    /// Closes the connection (if still open, an "unclosed" report: see resource_warnings.hpp).
    ~sync_endpoint_client() override
    {
        const auto quiet =
            easynet::detail::report_unclosed_owner(!endpoint_.is_closed(), class_name_, socket_.fileno());
        endpoint_.close();
    }
    sync_endpoint_client(const sync_endpoint_client&) = delete;
    sync_endpoint_client& operator=(const sync_endpoint_client&) = delete;

    bool is_closed() const noexcept override { return endpoint_.is_closed(); }

    void close() override
    {
        std::lock_guard send_guard(send_lock_);
        endpoint_.close();
    }

    void send_packet(const sent_packet_type& packet, seconds timeout = abc::no_timeout) override
    {
        const deadline limit(timeout);
        auto send_guard = lock_within(send_lock_, limit.remaining());
        check_not_closed();
        try {
            endpoint_.send_packet(packet, limit.remaining());
            raise_pending_socket_error(endpoint_);
        } catch (const std::exception&) {
            rethrow_error();
        }
    }

    received_packet_type recv_packet(seconds timeout = abc::no_timeout) override
    {
        const deadline limit(timeout);
        auto recv_guard = lock_within(recv_lock_, limit.remaining());
        check_not_closed();
        try {
            return endpoint_.recv_packet(limit.remaining());
        } catch (const std::exception&) {
            rethrow_error();
        }
    }

    lowlevel::native_socket_handle fileno() const noexcept override { return socket_.fileno(); }

    /// A read-only proxy of the socket, the same object every call.
    const lowlevel::socket_proxy& socket() const noexcept { return socket_; }

    const lowlevel::extra_attribute_map& extra_attributes() const override { return endpoint_.extra_attributes(); }

protected:
    /** Builds the endpoint from `endpoint_args` (it must have a socket attribute).
        @param class_name the client's class, for the "unclosed" report (a literal).
        @param errors how connection errors are reported (stream: ECONNABORTED, C7). */
    template <class... EndpointArgs>
    sync_endpoint_client(std::string_view class_name, connection_errors errors, EndpointArgs&&... endpoint_args)
        : endpoint_(std::forward<EndpointArgs>(endpoint_args)...),
          socket_(endpoint_.extra(lowlevel::socket_attribute::socket)),
          errors_(errors),
          class_name_(class_name)
    {
    }

    void check_not_closed() const
    {
        if (is_closed())
            throw client_closed_error(sync_closed_message);
    }

    /// Rethrows the exception being handled in its client form. Call only in a catch block.
    [[noreturn]] void rethrow_error() const { rethrow_client_error(is_closed(), sync_closed_message, errors_); }

    /// Runs `get` (an address getter) under the send lock, mapping errors (Y4).
    template <class Get>
    auto locked_get(Get get) const
    {
        std::lock_guard send_guard(send_lock_);
        check_not_closed();
        try {
            return get(endpoint_);
        } catch (const std::exception&) {
            rethrow_error();
        }
    }

    timed_lock& recv_lock() noexcept { return recv_lock_; }

    mutable endpoint_type endpoint_;
    mutable timed_lock send_lock_;

private:
    timed_lock recv_lock_;
    lowlevel::socket_proxy socket_;
    connection_errors errors_;
    std::string_view class_name_;
};

} // namespace easynet::clients::detail

#endif
