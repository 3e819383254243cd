//
// easynet — what every async client shares, whatever its endpoint (stream or datagram):
// lazy connection, locks, close, error mapping.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_DETAIL_ASYNC_ENDPOINT_CLIENT_HPP
#define EASYNET_CLIENTS_DETAIL_ASYNC_ENDPOINT_CLIENT_HPP

#include <easynet/clients/abc/async_network_client.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

namespace easynet::clients::detail {

/** An async client over an endpoint made lazily (SEMANTICS C3–C6, C12).
    @tparam Endpoint an async endpoint (`send_packet`, `recv_packet`, `aclose`, extra attributes).
    @tparam Transport what the connection function returns and `Endpoint` is made from. */
template <class Endpoint, class Transport>
class async_endpoint_client
    : public abc::async_network_client<typename Endpoint::sent_packet_type, typename Endpoint::received_packet_type> {
public:
    using endpoint_type = Endpoint;
    using sent_packet_type = typename Endpoint::sent_packet_type;
    using received_packet_type = typename Endpoint::received_packet_type;

    /// Closes the connection if still open (an "unclosed" report, see resource_warnings.hpp).
    ~async_endpoint_client() override
    {
        const bool unclosed = is_connected() && !is_closing() && !endpoint_->is_closing();
        const auto quiet =
            easynet::detail::report_unclosed_owner(unclosed, class_name_, socket_ ? socket_->fileno() : -1);
        endpoint_.reset();
    }
    async_endpoint_client(const async_endpoint_client&) = delete;
    async_endpoint_client& operator=(const async_endpoint_client&) = delete;

    bool is_connected() const noexcept override { return connected_.load(std::memory_order_acquire); }
    void wait_connected() override { (void)connected_endpoint(); }
    bool is_closing() const noexcept override { return closing_.load(std::memory_order_acquire); }

    void aclose() override
    {
        closing_.store(true, std::memory_order_release);
        {
            std::lock_guard guard(scope_mutex_);
            if (connect_scope_)
                connect_scope_->cancel();
        }
        if (!is_connected())
            return;
        std::exception_ptr interrupted;
        try {
            std::lock_guard send_guard(send_lock_);
            endpoint_->aclose();
            return;
        } catch (...) {
            interrupted = std::current_exception();
        }
        lowlevel::api_async::transports::aclose_forcefully(*endpoint_);
        std::rethrow_exception(interrupted);
    }

    void send_packet(const sent_packet_type& packet) override
    {
        locked_send([&](endpoint_type& endpoint) { endpoint.send_packet(packet); });
    }

    received_packet_type recv_packet() override
    {
        return locked_recv([](endpoint_type& endpoint) { return endpoint.recv_packet(); });
    }

    /** The socket proxy of the connection, the same object every call (SEMANTICS C4).
        @throws typed_attribute_lookup_error before the connection is established. */
    const lowlevel::socket_proxy& socket() const
    {
        if (!is_connected() || !socket_)
            throw typed_attribute_lookup_error("socket not available: the client is not connected");
        return *socket_;
    }

    /// The connection's attributes (empty before it is established).
    const lowlevel::extra_attribute_map& extra_attributes() const override
    {
        static const lowlevel::extra_attribute_map none;
        return is_connected() ? endpoint_->extra_attributes() : none;
    }

protected:
    using transport_ptr = std::unique_ptr<Transport>;
    using connector = std::function<transport_ptr()>;
    using endpoint_factory = std::function<std::unique_ptr<endpoint_type>(transport_ptr)>;

    /** @param class_name the client's class, for the "unclosed" report (a literal).
        @param connect opens the connection (run inside a cancel scope that `aclose()` cancels).
        @param make_endpoint wraps the transport.
        @param errors how connection errors are reported (stream: ECONNABORTED, C7). */
    async_endpoint_client(std::string_view class_name, connector connect, endpoint_factory make_endpoint,
                          connection_errors errors)
        : class_name_(class_name), connect_(std::move(connect)), make_endpoint_(std::move(make_endpoint)),
          errors_(errors)
    {
    }

    /** The endpoint, for address getters: throws client_closed_error once closing, OSError
        ENOTCONN before the connection (SEMANTICS C4). */
    const endpoint_type& established_endpoint() const
    {
        check_not_closing();
        if (!is_connected())
            throw boost::system::system_error(ENOTCONN, boost::system::system_category());
        return *endpoint_;
    }

    void check_not_closing() const
    {
        if (is_closing())
            throw client_closed_error(async_closed_message);
    }

    /// Rethrows the exception being handled in its client form. Call only in a catch block.
    [[noreturn]] void rethrow_error() const { rethrow_client_error(is_closing(), async_closed_message, errors_); }

    /** Runs `op(endpoint)` as a send: connected, under the fair send lock (C5), then the
        socket's pending error is checked (C6); errors are mapped (C7). */
    template <class Op>
    void locked_send(Op op)
    {
        endpoint_type& endpoint = connected_endpoint();
        std::lock_guard send_guard(send_lock_);
        check_not_closing();
        try {
            op(endpoint);
            raise_pending_socket_error(endpoint);
        } catch (const std::exception&) {
            rethrow_error();
        }
    }

    /** Runs `op(endpoint)` as a receive: connected, under the receive lock (C5); errors are
        mapped (C7). */
    template <class Op>
    auto locked_recv(Op op)
    {
        endpoint_type& endpoint = connected_endpoint();
        std::lock_guard recv_guard(recv_lock_);
        check_not_closing();
        try {
            return op(endpoint);
        } catch (const std::exception&) {
            rethrow_error();
        }
    }

    /// The endpoint, connecting first if needed (SEMANTICS C3). @throws client_closed_error.
    endpoint_type& connected_endpoint()
    {
        check_not_closing();
        if (is_connected())
            return *endpoint_;
        std::lock_guard connect_guard(connect_lock_);
        check_not_closing();
        if (is_connected())
            return *endpoint_;
        namespace backend = lowlevel::api_async::backend;
        backend::cancel_scope scope = backend::open_cancel_scope();
        {
            std::lock_guard guard(scope_mutex_);
            connect_scope_ = scope;
        }
        transport_ptr transport;
        try {
            scope.run([&] { transport = connect_(); });
        } catch (...) {
            forget_scope();
            if (is_closing())
                throw client_closed_error(async_closed_message);
            throw;
        }
        forget_scope();
        if (!transport || is_closing())
            throw client_closed_error(async_closed_message);
        endpoint_ = make_endpoint_(std::move(transport));
        if (endpoint_->extra_attributes().contains(lowlevel::socket_attribute::socket))
            socket_.emplace(endpoint_->extra(lowlevel::socket_attribute::socket));
        connected_.store(true, std::memory_order_release);
        return *endpoint_;
    }

    lowlevel::api_async::backend::task_lock& send_lock() noexcept { return send_lock_; }

private:
    void forget_scope()
    {
        std::lock_guard guard(scope_mutex_);
        connect_scope_.reset();
    }

    std::string_view class_name_;
    connector connect_;
    endpoint_factory make_endpoint_;
    connection_errors errors_;
    std::unique_ptr<endpoint_type> endpoint_;
    std::optional<lowlevel::socket_proxy> socket_;
    std::atomic<bool> connected_{false};
    std::atomic<bool> closing_{false};
    lowlevel::api_async::backend::task_lock connect_lock_ = lowlevel::api_async::backend::create_lock();
    lowlevel::api_async::backend::task_lock send_lock_ = lowlevel::api_async::backend::create_fair_lock();
    lowlevel::api_async::backend::task_lock recv_lock_ = lowlevel::api_async::backend::create_lock();
    std::mutex scope_mutex_;
    std::optional<lowlevel::api_async::backend::cancel_scope> connect_scope_;
};

} // namespace easynet::clients::detail

#endif
