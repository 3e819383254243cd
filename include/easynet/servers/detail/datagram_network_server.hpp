//
// easynet — what the UDP and Unix datagram servers share: a handler, a protocol, one
// low-level datagram server per listener, the cache of client objects and the pipeline
// of each handler call (EasyNetwork's `build_lowlevel_datagram_server_handler`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_DATAGRAM_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_DETAIL_DATAGRAM_NETWORK_SERVER_HPP

#include <easynet/lowlevel/api_async/servers/datagram.hpp>
#include <easynet/servers/datagram_request_handler.hpp>
#include <easynet/servers/detail/handler_errors.hpp>
#include <easynet/servers/detail/network_server_base.hpp>

#include <atomic>
#include <concepts>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace easynet::servers {

/** What a Unix datagram server does with datagrams from unbound (unnamed) sockets (D11). */
enum class unnamed_addresses_behavior {
    /// Drop them silently (the default).
    ignore,
    /// Serve them: each handler call gets a client of its own (not cached) whose sends
    /// fail with EINVAL "Cannot send a datagram to an unnamed address.".
    handle,
    /// Drop them with a WARNING "A datagram received from an unbound UNIX datagram
    /// socket has been dropped.".
    warn,
};

namespace detail {

/// Logs the WARNING of a dropped datagram from an unnamed Unix socket (D11).
void report_unnamed_datagram_dropped(const logger& log);

template <class Request, class Response>
class datagram_network_server : public network_server_base {
public:
    using handler_type = async_datagram_request_handler<Request, Response>;
    using handler_ptr = std::shared_ptr<handler_type>;
    using client_type = async_datagram_client<Response, Request>;
    using lowlevel_server_type = lowlevel::api_async::servers::async_datagram_server<Response, Request>;
    using protocol_type = protocol::datagram_protocol<Response, Request>;

protected:
    datagram_network_server(const protocol_type& protocol, handler_ptr handler, logger log)
        : network_server_base(std::move(log)), protocol_(protocol), handler_(std::move(handler))
    {
        if (!handler_)
            throw std::invalid_argument("null request handler");
    }

    template <class F>
        requires std::invocable<F&, client_type&>
    static handler_ptr adapt(F fn)
    {
        return make_datagram_request_handler<Request, Response>(std::move(fn));
    }

    server_ptr make_lowlevel_server(std::unique_ptr<typename lowlevel_server_type::listener_type> listener)
    {
        return std::make_unique<lowlevel_server_type>(std::move(listener), protocol_);
    }

    void serve_one(lowlevel::api_async::transports::async_base_transport& server,
                   lowlevel::api_async::backend::task_group& clients) override
    {
        auto& lowlevel_server = static_cast<lowlevel_server_type&>(server);
        auto handler = [this](typename lowlevel_server_type::client_type& context) { run_pipeline(context); };
        if (ancillary_bufsize_)
            lowlevel_server.serve_with_ancillary(handler, *ancillary_bufsize_, {}, clients);
        else
            lowlevel_server.serve(handler, clients);
    }

    void run_service_init(exit_stack& stack) override
    {
        handler_->service_init(stack, *this);
        serving_->store(true);
        stack.push([serving = serving_] { serving->store(false); }); // runs first (S2)
    }

    /// Unix datagram servers: receive control messages (A3).
    std::optional<std::size_t> ancillary_bufsize_;
    unnamed_addresses_behavior unnamed_behavior_ = unnamed_addresses_behavior::handle;

private:
    struct client_key {
        const void* server;
        lowlevel::socket_address address;
        friend bool operator==(const client_key&, const client_key&) = default;
    };
    struct client_key_hash {
        std::size_t operator()(const client_key& k) const noexcept
        {
            return std::hash<lowlevel::socket_address>{}(k.address) ^ (std::hash<const void*>{}(k.server) << 1);
        }
    };
    struct client_cache {
        std::mutex mutex;
        std::unordered_map<client_key, std::weak_ptr<client_type>, client_key_hash> clients;
    };

    /// The cached client of `address` on `server`, created if nobody references it (D7).
    std::shared_ptr<client_type> client_for(lowlevel_server_type& server, const lowlevel::socket_address& address)
    {
        client_key key{&server, address};
        std::lock_guard lock(cache_->mutex);
        auto& slot = cache_->clients[key];
        if (auto existing = slot.lock())
            return existing;
        auto created = std::shared_ptr<client_type>(
            new client_type(server, address, serving_),
            [cache = std::weak_ptr<client_cache>(cache_), key](client_type* client) {
                if (auto c = cache.lock()) {
                    std::lock_guard lock(c->mutex);
                    auto it = c->clients.find(key);
                    if (it != c->clients.end() && it->second.expired())
                        c->clients.erase(it);
                }
                delete client;
            });
        slot = created;
        return created;
    }

    void run_pipeline(typename lowlevel_server_type::client_type& context)
    {
        const auto& address = context.address();
        std::shared_ptr<client_type> client;
        if (address.is_unix() && address.as_unix().is_unnamed()) {
            if (unnamed_behavior_ == unnamed_addresses_behavior::warn)
                report_unnamed_datagram_dropped(this->log());
            if (unnamed_behavior_ != unnamed_addresses_behavior::handle)
                return; // dropped (D2)
            client = std::make_shared<client_type>(context.server(), address, serving_);
        } else {
            client = client_for(context.server(), address);
        }
        struct attach {
            client_type& client;
            attach(client_type& c, typename lowlevel_server_type::client_type& context) : client(c) { c.attach(&context); }
            ~attach() { client.attach(nullptr); }
        } attached(*client, context);
        try {
            handler_->handle(*client);
        } catch (const client_disconnected&) {
        } catch (const ::easynet::cancelled&) {
            throw;
        } catch (...) {
            report_handler_error(this->log(), std::current_exception(), address.to_string(), false); // D6
        }
    }

    protocol_type protocol_;
    handler_ptr handler_;
    std::shared_ptr<std::atomic<bool>> serving_ = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<client_cache> cache_ = std::make_shared<client_cache>();
};

} // namespace detail
} // namespace easynet::servers

#endif
