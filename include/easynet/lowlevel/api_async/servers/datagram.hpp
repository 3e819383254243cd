//
// easynet — the low-level datagram server: a datagram listener + a protocol; the
// datagrams of each peer address are queued in arrival order and served by one task at
// a time (EasyNetwork's `AsyncDatagramServer` and `DatagramClientContext`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_SERVERS_DATAGRAM_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_SERVERS_DATAGRAM_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/endpoints/detail/busy_flag.hpp>
#include <easynet/lowlevel/api_async/servers/detail/errors.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_listener.hpp>
#include <easynet/lowlevel/request_handler.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/protocol/datagram_protocol.hpp>

#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace easynet::lowlevel::api_async::servers {

template <class Sent, class Received>
class async_datagram_server;

namespace detail {

/// The logger of the low-level datagram server ("easynet.lowlevel.api_async.servers.datagram").
const logger& datagram_server_logger();
/// Closes the file descriptors of SCM_RIGHTS messages (the default "unused" hook, A3).
void close_unclaimed_fds(const std::vector<raw_ancillary_message>& ancillary) noexcept;

/// The datagrams of one peer not yet handed to its handler, and who waits for them.
struct datagram_queue {
    struct entry {
        std::string data;
        std::vector<raw_ancillary_message> ancillary;
    };
    std::mutex mutex;
    std::deque<entry> pending;
    std::optional<backend::event> waiter; // set when a datagram arrives
    bool running = false;                 // a handler task serves this peer
    bool stopped = false;                 // the server stopped receiving
};

} // namespace detail

/** What to do with the control messages a handler did not ask for (no
    `recv_with_ancillary` at that `recv_request`, or the handler returned before asking).
    Called with the messages and the sender; it owns the file descriptors. */
using ancillary_data_unused_hook = std::function<void(std::vector<raw_ancillary_message>, const socket_address&)>;

/** The peer of the datagrams a handler call serves, handed to the client handler of
    `async_datagram_server::serve`. Equal (and hash-equal) to the context of any other
    handler call for the same address on the same server (EasyNetwork's frozen
    `DatagramClientContext`).
    @par Thread safety
    Use from the handler's task (`recv_request`); `send_packet` from any task of the loop.
*/
template <class Sent, class Received>
class datagram_client_context {
public:
    using server_type = async_datagram_server<Sent, Received>;

    /// Built by the server for each handler call.
    datagram_client_context(server_type& server, socket_address address, std::shared_ptr<detail::datagram_queue> queue)
        : server_(&server), address_(std::move(address)), queue_(std::move(queue))
    {
    }
    datagram_client_context(const datagram_client_context&) = delete;
    datagram_client_context& operator=(const datagram_client_context&) = delete;

    /// The client address.
    const socket_address& address() const noexcept { return address_; }
    /// The server which received the datagrams.
    server_type& server() const noexcept { return *server_; }

    /** The next request of this peer (the C++ form of `request = yield params`).
        The first call of a handler call returns the datagram that started it and ignores
        `params.timeout` (validated only); later calls return queued datagrams at once
        (even with timeout 0) or wait for the next one (SEMANTICS D3).
        @throws std::invalid_argument for an invalid timeout; timeout_error when it expires;
        datagram_protocol_parse_error for an undecodable datagram (the next one is
        unaffected, D4); protocol_crash_error "protocol.build_packet_from_datagram()
        crashed"; unsupported_operation "The server is not configured to handle ancillary
        data." when `recv_with_ancillary` is asked outside `serve_with_ancillary` (A3);
        protocol_crash_error "RecvAncillaryDataParams.data_received() crashed";
        `client_disconnected` once the server stopped receiving and nothing is queued;
        `cancelled`. */
    Received recv_request(const recv_params& params = {})
    {
        validate_recv_params(params);
        if (params.recv_with_ancillary && !server_->ancillary_enabled())
            detail::throw_no_ancillary_support();
        auto busy = recv_busy_.enter("receiving");
        auto entry = requests_asked_++ == 0 ? take_first() : wait_next(params);
        if (params.recv_with_ancillary) {
            try {
                if (params.recv_with_ancillary->data_received)
                    params.recv_with_ancillary->data_received(std::move(entry.ancillary));
            } catch (...) {
                detail::throw_ancillary_callback_crash();
            }
        } else if (!entry.ancillary.empty()) {
            server_->ancillary_unused(std::move(entry.ancillary), address_);
        }
        return server_->protocol().build_packet_from_datagram(entry.data);
    }

    /** Sends `packet` to this peer (`server().send_packet_to(packet, address())`). */
    void send_packet(const Sent& packet) { server_->send_packet_to(packet, address_); }

    /// How many times `recv_request` was entered (to tell "returned before asking", D2).
    std::size_t requests_asked() const noexcept { return requests_asked_; }

    friend bool operator==(const datagram_client_context& a, const datagram_client_context& b) noexcept
    {
        return a.server_ == b.server_ && a.address_ == b.address_;
    }

private:
    friend server_type;

    detail::datagram_queue::entry take_first()
    {
        std::lock_guard lock(queue_->mutex);
        auto entry = std::move(queue_->pending.front());
        queue_->pending.pop_front();
        return entry;
    }

    detail::datagram_queue::entry wait_next(const recv_params& params)
    {
        for (;;) {
            backend::event arrived;
            {
                std::lock_guard lock(queue_->mutex);
                if (!queue_->pending.empty()) {
                    auto entry = std::move(queue_->pending.front());
                    queue_->pending.pop_front();
                    return entry;
                }
                if (queue_->stopped)
                    throw client_disconnected{};
                queue_->waiter = arrived;
            }
            struct forget {
                detail::datagram_queue& queue;
                ~forget()
                {
                    std::lock_guard lock(queue.mutex);
                    queue.waiter.reset();
                }
            } cleanup{*queue_};
            if (params.timeout)
                backend::timeout(*params.timeout, [&] { arrived.wait(); });
            else
                arrived.wait();
        }
    }

    server_type* server_;
    socket_address address_;
    std::shared_ptr<detail::datagram_queue> queue_;
    endpoints::detail::busy_flag recv_busy_;
    std::size_t requests_asked_ = 0;
};

/** A datagram server over one datagram listener. The datagrams of each peer address are
    queued in arrival order (unbounded); one handler call at a time serves a peer, in a
    task of its own; when it returns and datagrams are still queued, a new task calls the
    handler for the next one (SEMANTICS D1, D5). A handler that returns without calling
    `recv_request` discards the datagram that started it (D2).
    @tparam Sent what the server sends; @tparam Received the requests.
    @par Example
    @code
    async_datagram_server<std::string, std::string> server(std::move(listener), protocol);
    backend::with_task_group([&](backend::task_group& tg) {
        server.serve([](auto& client) { client.send_packet(client.recv_request()); }, tg);
    });
    @endcode
    An exception escaping the handler is logged ERROR "Unhandled exception: <what>" on
    the logger "easynet.lowlevel.api_async.servers.datagram"; the server goes on (W3).
    @par Thread safety
    One `serve`/`serve_with_ancillary` at a time (a second concurrent one throws
    busy_resource_error, W1); `send_packet_to` from any task of the loop.
*/
template <class Sent, class Received>
class async_datagram_server : public transports::async_base_transport {
public:
    using client_type = datagram_client_context<Sent, Received>;
    using client_handler = std::function<void(client_type&)>;
    using listener_type = transports::async_datagram_listener<socket_address>;
    using protocol_type = protocol::datagram_protocol<Sent, Received>;

    /** @param listener the listener (owned). @throws std::invalid_argument for a null listener. */
    async_datagram_server(std::unique_ptr<listener_type> listener, const protocol_type& protocol)
        : listener_(std::move(listener)), protocol_(protocol)
    {
        if (!listener_)
            throw std::invalid_argument("async_datagram_server: null listener");
    }

    /** Receives datagrams until cancelled and runs `handler(client)` for them (see above),
        each peer's calls in a task of `task_group`.
        @throws busy_resource_error if already serving; the listener's errors (EBADF once
        closed); cancelled. */
    void serve(client_handler handler, backend::task_group& task_group)
    {
        auto busy = serve_busy_.enter("serving");
        ancillary_bufsize_.reset();
        run_loop(handler, task_group, [&] { return listener_->recv_from(); });
    }

    /** As `serve`, also receiving the control messages of each datagram (Unix datagram
        listeners). A handler claims them with `recv_params::recv_with_ancillary`; those it
        does not claim go to `ancillary_data_unused` (default: their file descriptors are
        closed, so none leaks; A3).
        @throws std::invalid_argument for a zero `ancillary_bufsize`; unsupported_operation
        if the listener has no ancillary data support; as `serve`. */
    void serve_with_ancillary(client_handler handler, std::size_t ancillary_bufsize,
                              ancillary_data_unused_hook ancillary_data_unused, backend::task_group& task_group)
    {
        if (ancillary_bufsize == 0)
            throw std::invalid_argument("'ancillary_bufsize' must be a strictly positive integer");
        auto busy = serve_busy_.enter("serving");
        ancillary_bufsize_ = ancillary_bufsize;
        ancillary_unused_ = std::move(ancillary_data_unused);
        run_loop(handler, task_group, [&] { return listener_->recv_with_ancillary_from(ancillary_bufsize); });
    }

    /** Serializes `packet` and sends it as one datagram to `address`.
        @throws protocol_crash_error "protocol.make_datagram() crashed" (nothing sent, D9);
        the listener's errors. */
    void send_packet_to(const Sent& packet, const socket_address& address)
    {
        listener_->send_to(protocol_.make_datagram(packet), address);
    }

    /** As `send_packet_to`, with raw control messages in the same `sendmsg` (Unix only).
        @throws unsupported_operation on listeners without ancillary data support. */
    void send_packet_with_ancillary_to(const Sent& packet, const std::vector<raw_ancillary_message>& ancillary,
                                       const socket_address& address)
    {
        listener_->send_with_ancillary_to(protocol_.make_datagram(packet), ancillary, address);
    }

    void aclose() override { listener_->aclose(); }
    bool is_closing() const noexcept override { return listener_->is_closing(); }
    const extra_attribute_map& extra_attributes() const override { return listener_->extra_attributes(); }

    const protocol_type& protocol() const noexcept { return protocol_; }
    /// True while serving with `serve_with_ancillary`.
    bool ancillary_enabled() const noexcept { return ancillary_bufsize_.has_value(); }

    /// Hands unclaimed control messages to the hook (or closes their descriptors).
    void ancillary_unused(std::vector<raw_ancillary_message> ancillary, const socket_address& address) noexcept
    {
        try {
            if (ancillary_unused_) {
                ancillary_unused_(std::move(ancillary), address);
                return;
            }
        } catch (...) {
            detail::log_unhandled_client_exception(detail::datagram_server_logger(), std::current_exception());
            return;
        }
        detail::close_unclaimed_fds(ancillary);
    }

private:
    template <class Receive>
    void run_loop(const client_handler& handler, backend::task_group& task_group, Receive receive)
    {
        struct stop_all {
            async_datagram_server& self;
            ~stop_all() { self.stop_clients(); }
        } stop{*this};
        auto shared_handler = std::make_shared<const client_handler>(handler);
        for (;;) {
            auto datagram = receive();
            std::shared_ptr<detail::datagram_queue> queue;
            std::optional<backend::event> waiter;
            bool start = false;
            {
                std::lock_guard lock(clients_mutex_);
                auto& slot = clients_[datagram.address];
                if (!slot)
                    slot = std::make_shared<detail::datagram_queue>();
                queue = slot;
                std::lock_guard queue_lock(queue->mutex);
                queue->pending.push_back({std::move(datagram.data), std::move(datagram.ancillary)});
                queue->stopped = false;
                start = !queue->running;
                queue->running = true;
                waiter = std::exchange(queue->waiter, std::nullopt);
            }
            if (waiter)
                waiter->set();
            if (start)
                start_client(shared_handler, task_group, std::move(datagram.address), std::move(queue));
        }
    }

    /// Starts a task that serves this peer's first queued datagram. If the group no longer
    /// accepts tasks (it is closing), the peer's queue is dropped.
    void start_client(const std::shared_ptr<const client_handler>& handler, backend::task_group& task_group,
                      socket_address address, std::shared_ptr<detail::datagram_queue> queue)
    {
        try {
            task_group.start_soon([this, handler, &task_group, address, queue] {
                run_client(handler, task_group, address, queue);
            });
        } catch (const std::logic_error&) {
            forget(address, queue, true);
        }
    }

    /// One handler call; then, if the peer has datagrams queued, a NEW task serves the next
    /// one (D5), else the peer is forgotten.
    void run_client(const std::shared_ptr<const client_handler>& handler, backend::task_group& task_group,
                    const socket_address& address, const std::shared_ptr<detail::datagram_queue>& queue)
    {
        client_type client(*this, address, queue);
        std::exception_ptr error;
        try {
            (*handler)(client);
        } catch (const client_disconnected&) {
        } catch (const ::easynet::cancelled&) {
            forget(address, queue, true);
            throw;
        } catch (...) {
            error = std::current_exception();
        }
        if (client.requests_asked() == 0) { // D2: the datagram that started this call is dropped
            auto dropped = client.take_first();
            if (!dropped.ancillary.empty())
                ancillary_unused(std::move(dropped.ancillary), address);
        }
        if (error)
            detail::log_unhandled_client_exception(detail::datagram_server_logger(), error);
        if (!forget(address, queue, false))
            start_client(handler, task_group, address, queue);
    }

    /// Ends this peer's task unless datagrams are queued (then returns false); `drop`
    /// discards what is queued (cancellation).
    bool forget(const socket_address& address, const std::shared_ptr<detail::datagram_queue>& queue, bool drop)
    {
        std::vector<std::vector<raw_ancillary_message>> unused;
        {
            std::lock_guard lock(clients_mutex_);
            std::lock_guard queue_lock(queue->mutex);
            if (drop) {
                for (auto& e : queue->pending)
                    if (!e.ancillary.empty())
                        unused.push_back(std::move(e.ancillary));
                queue->pending.clear();
            }
            if (!queue->pending.empty())
                return false;
            queue->running = false;
            auto it = clients_.find(address);
            if (it != clients_.end() && it->second == queue)
                clients_.erase(it);
        }
        for (auto& ancillary : unused)
            ancillary_unused(std::move(ancillary), address);
        return true;
    }

    /// The server stopped receiving: waiting handlers with nothing queued unwind.
    void stop_clients() noexcept
    {
        std::vector<backend::event> waiters;
        {
            std::lock_guard lock(clients_mutex_);
            for (auto& [address, queue] : clients_) {
                std::lock_guard queue_lock(queue->mutex);
                queue->stopped = true;
                if (queue->waiter)
                    waiters.push_back(*std::exchange(queue->waiter, std::nullopt));
            }
        }
        for (auto& w : waiters)
            w.set();
    }

    std::unique_ptr<listener_type> listener_;
    protocol_type protocol_;
    endpoints::detail::busy_flag serve_busy_;
    std::optional<std::size_t> ancillary_bufsize_;
    ancillary_data_unused_hook ancillary_unused_;
    std::mutex clients_mutex_;
    std::unordered_map<socket_address, std::shared_ptr<detail::datagram_queue>> clients_;
};

} // namespace easynet::lowlevel::api_async::servers

template <class Sent, class Received>
struct std::hash<easynet::lowlevel::api_async::servers::datagram_client_context<Sent, Received>> {
    std::size_t operator()(
        const easynet::lowlevel::api_async::servers::datagram_client_context<Sent, Received>& c) const noexcept
    {
        return std::hash<easynet::lowlevel::socket_address>{}(c.address()) ^
               (std::hash<const void*>{}(&c.server()) << 1);
    }
};

#endif
