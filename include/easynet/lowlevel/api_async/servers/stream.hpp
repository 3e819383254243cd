//
// easynet — the low-level stream server: a listener of stream transports + a protocol;
// each accepted connection runs the user's client handler in a task of its own
// (EasyNetwork's `AsyncStreamServer` and `ConnectedStreamClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_SERVERS_STREAM_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_SERVERS_STREAM_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_async/endpoints/detail/stream_receiver.hpp>
#include <easynet/lowlevel/api_async/servers/detail/errors.hpp>
#include <easynet/lowlevel/api_async/transports/listener.hpp>
#include <easynet/lowlevel/api_async/transports/stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/request_handler.hpp>

#include <boost/system/system_error.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace easynet::lowlevel::api_async::servers {

/** Options of `async_stream_server::serve`. */
struct stream_serve_options {
    /** Classifies a receive error as a disconnection (SEMANTICS H11): when it returns
        true, `recv_request` throws `client_disconnected` instead of the error. Empty: every
        error, even end of stream, is raised as it is (W2). */
    std::function<bool(const std::exception&)> disconnect_error_filter{};
    /** Room for control messages of reads with ancillary data (Unix servers). Empty: a
        handler asking for ancillary data gets `unsupported_operation`. */
    std::optional<std::size_t> ancillary_bufsize{};
};

/** The server side of one accepted connection, handed to the client handler of
    `async_stream_server::serve`.
    @tparam Sent what the server sends; @tparam Received what it receives (requests).
    @par Thread safety
    Use from the tasks of the server's loop: `recv_request` from one task at a time
    (the connection's task); `send_packet` from any number of tasks (a fair lock
    serializes them, SEMANTICS H20).
*/
template <class Sent, class Received>
class connected_stream_client : public typed_attribute_provider {
public:
    using protocol_type = std::variant<protocol::stream_protocol<Sent, Received>,
                                       protocol::buffered_stream_protocol<Sent, Received>>;

    connected_stream_client(std::unique_ptr<transports::async_stream_transport> transport,
                            const protocol_type& protocol, std::size_t max_recv_size,
                            const stream_serve_options& options)
        : transport_(std::move(transport)), protocol_(protocol),
          receiver_(std::visit([&](const auto& p) { return make_receiver(p, max_recv_size); }, protocol)),
          sender_(std::visit([](const auto& p) { return endpoints::detail::stream_sender<Sent>(p); }, protocol)),
          options_(options), max_recv_size_(max_recv_size)
    {
    }

    /** Waits for the next request (the C++ form of `request = yield params`).
        Already-buffered requests are returned first, after a scheduling point that is not
        a cancellation point (SEMANTICS H9).
        @throws timeout_error when `params.timeout` expires (H17); std::invalid_argument
        for an invalid timeout; stream_protocol_parse_error (the connection stays usable);
        protocol_crash_error; unsupported_operation / eof_error / protocol_crash_error for
        ancillary data (A2); `client_disconnected` when the peer disconnected (per the
        disconnect filter) or the client is closing (H11, H12); other receive errors as they
        are (W2: every error when there is no filter); `cancelled`.
    */
    Received recv_request(const recv_params& params = {})
    {
        validate_recv_params(params);
        if (is_closing()) {
            receiver_.clear();
            throw client_disconnected{};
        }
        auto busy = recv_busy_.enter("receiving");
        ++requests_asked_;
        if (auto packet = receiver_.try_buffered()) {
            backend::cancel_shielded_coro_yield();
            return std::move(*packet);
        }
        try {
            if (!params.timeout)
                return read(params);
            return backend::timeout(*params.timeout, [&] { return read(params); });
        } catch (const boost::system::system_error& e) {
            if (options_.disconnect_error_filter && options_.disconnect_error_filter(e))
                throw client_disconnected{};
            throw;
        }
    }

    /** Serializes `packet` and writes it whole (FIFO with other senders).
        @throws client_closed_error("Closed client") once closing; protocol_crash_error
        "protocol.generate_chunks() crashed" (nothing written); the transport's errors. */
    void send_packet(const Sent& packet)
    {
        std::lock_guard lock(send_lock_);
        if (is_closing())
            throw client_closed_error("Closed client");
        sender_.send(*transport_, packet);
    }

    /** As `send_packet`, with raw control messages in the same `sendmsg` (Unix only, A2).
        @throws unsupported_operation on transports without ancillary data support;
        boost::system::system_error EMSGSIZE if not everything fit in one call. */
    void send_packet_with_ancillary(const Sent& packet, const std::vector<raw_ancillary_message>& ancillary)
    {
        std::lock_guard lock(send_lock_);
        if (is_closing())
            throw client_closed_error("Closed client");
        std::vector<std::string> chunks;
        std::visit([&](const auto& p) { p.generate_chunks(packet, chunks); }, protocol_);
        std::vector<std::string_view> views(chunks.begin(), chunks.end());
        transport_->send_all_with_ancillary(views, ancillary);
    }

    /** Closes the connection gracefully, after an in-flight send (H21). Idempotent. If the
        task is cancelled while waiting for the send lock, closes abruptly and rethrows. */
    void aclose()
    {
        bool interrupted = false;
        try {
            send_lock_.lock();
        } catch (const ::easynet::cancelled&) {
            interrupted = true;
        }
        if (interrupted) {
            closing_ = true;
            transports::aclose_forcefully(*transport_);
            throw ::easynet::cancelled{};
        }
        std::lock_guard lock(send_lock_, std::adopt_lock);
        closing_ = true;
        transport_->aclose();
    }

    /// Closes the connection abruptly, without waiting (never suspends for long).
    void abort()
    {
        closing_ = true;
        transports::aclose_forcefully(*transport_);
    }

    /// True once `aclose()`/`abort()` was called or the transport is closing.
    bool is_closing() const noexcept { return closing_ || transport_->is_closing(); }

    /** Flags the client closing after waiting for an in-flight send (servers' teardown);
        later sends raise client_closed_error. Ignores cancellation while it waits. */
    void mark_closing()
    {
        backend::ignore_cancellation([&] {
            std::lock_guard lock(send_lock_);
            closing_ = true;
        });
    }

    /// The bytes received and not yet parsed (bounded by the serializer's limit).
    std::string_view buffered_data() const noexcept { return receiver_.buffered_data(); }

    /// How many times `recv_request` was entered (to tell "returned before asking", H7).
    std::size_t requests_asked() const noexcept { return requests_asked_; }

    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::async_stream_transport& transport() noexcept { return *transport_; }

private:
    template <class P>
    static endpoints::detail::stream_receiver<Received> make_receiver(const P& p, std::size_t n)
    {
        return endpoints::detail::stream_receiver<Received>(p, n);
    }

    Received read(const recv_params& params)
    {
        if (!params.recv_with_ancillary)
            return receiver_.receive(*transport_);
        if (!options_.ancillary_bufsize)
            detail::throw_no_ancillary_support();
        const auto& data_received = params.recv_with_ancillary->data_received;
        return receiver_.receive_with_ancillary(
            *transport_, *options_.ancillary_bufsize, [&](std::vector<raw_ancillary_message> messages) {
                try {
                    if (data_received)
                        data_received(std::move(messages));
                } catch (...) {
                    detail::throw_ancillary_callback_crash();
                }
            });
    }

    std::unique_ptr<transports::async_stream_transport> transport_;
    protocol_type protocol_;
    endpoints::detail::stream_receiver<Received> receiver_;
    endpoints::detail::stream_sender<Sent> sender_;
    stream_serve_options options_;
    std::size_t max_recv_size_;
    endpoints::detail::busy_flag recv_busy_;
    backend::task_lock send_lock_ = backend::create_fair_lock();
    bool closing_ = false;
    std::size_t requests_asked_ = 0;
};

/** A stream server over one listener: accepts connections and runs a client handler for
    each, in a task of its own.
    @tparam Sent what the server sends; @tparam Received the requests.
    @par Example
    @code
    async_stream_server<std::string, std::string> server(std::move(listener), protocol);
    backend::with_task_group([&](backend::task_group& tg) {
        server.serve([](auto& client) {
            for (;;) client.send_packet(client.recv_request());
        }, tg, {.disconnect_error_filter = is_connection_error});
    });
    @endcode
    When the handler returns (or unwinds with `client_disconnected`) the connection is
    closed gracefully; when it fails or its task is cancelled, abruptly (SEMANTICS H14a).
    A failure is logged ERROR "Unhandled exception: <what>" on the logger
    "easynet.lowlevel.api_async.servers.stream" and the server goes on (W3).
    @par Thread safety
    One `serve` at a time (a second concurrent one throws busy_resource_error, W1).
*/
template <class Sent, class Received>
class async_stream_server : public transports::async_base_transport {
public:
    using client_type = connected_stream_client<Sent, Received>;
    using client_handler = std::function<void(client_type&)>;
    using listener_type = transports::async_listener<transports::async_stream_transport>;

    /** @param listener the listener (owned). @param protocol a `stream_protocol` or
        `buffered_stream_protocol` of `<Sent, Received>`.
        @param max_recv_size see `async_stream_endpoint`.
        @throws std::invalid_argument for a null listener or a zero `max_recv_size`. */
    template <class Protocol>
    async_stream_server(std::unique_ptr<listener_type> listener, const Protocol& protocol,
                        std::size_t max_recv_size = defaults::stream_bufsize)
        : listener_(std::move(listener)), protocol_(protocol), max_recv_size_(max_recv_size)
    {
        if (!listener_)
            throw std::invalid_argument("async_stream_server: null listener");
        if (max_recv_size_ == 0)
            throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
    }

    /** Accepts connections until cancelled; runs `handler(client)` for each in a new task
        of `task_group`.
        @throws busy_resource_error if already serving; std::invalid_argument for a zero
        `ancillary_bufsize`; the listener's errors; cancelled. */
    void serve(client_handler handler, backend::task_group& task_group, stream_serve_options options = {})
    {
        if (options.ancillary_bufsize && *options.ancillary_bufsize == 0)
            throw std::invalid_argument("'ancillary_bufsize' must be a strictly positive integer");
        auto busy = serve_busy_.enter("serving");
        listener_->serve(
            [this, handler = std::move(handler), options = std::move(options)](
                std::unique_ptr<transports::async_stream_transport> transport) {
                client_type client(std::move(transport), protocol_, max_recv_size_, options);
                run_client(client, handler);
            },
            task_group);
    }

    void aclose() override { listener_->aclose(); }
    bool is_closing() const noexcept override { return listener_->is_closing(); }
    const extra_attribute_map& extra_attributes() const override { return listener_->extra_attributes(); }

private:
    static void run_client(client_type& client, const client_handler& handler)
    {
        std::exception_ptr error;
        try {
            handler(client);
        } catch (const client_disconnected&) {
        } catch (const ::easynet::cancelled&) {
            client.abort();
            throw;
        } catch (...) {
            error = std::current_exception();
        }
        if (error) {
            client.abort();
            detail::log_unhandled_client_exception(error);
            return;
        }
        if (!client.transport().is_closing())
            client.aclose();
    }

    std::unique_ptr<listener_type> listener_;
    typename client_type::protocol_type protocol_;
    std::size_t max_recv_size_;
    endpoints::detail::busy_flag serve_busy_;
};

} // namespace easynet::lowlevel::api_async::servers

#endif
