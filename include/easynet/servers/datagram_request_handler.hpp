//
// easynet — the request handler of UDP and Unix datagram servers
// (EasyNetwork's `AsyncDatagramRequestHandler`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DATAGRAM_REQUEST_HANDLER_HPP
#define EASYNET_SERVERS_DATAGRAM_REQUEST_HANDLER_HPP

#include <easynet/servers/abc.hpp>
#include <easynet/servers/async_datagram_client.hpp>
#include <easynet/servers/exit_stack.hpp>

#include <concepts>
#include <memory>
#include <utility>

namespace easynet::servers {

/** What a datagram server does with the datagrams of each peer. One instance serves
    every peer.
    @tparam Request what clients send; @tparam Response what the server answers.
    @par Example
    @code
    struct echo : async_datagram_request_handler<std::string, std::string> {
        void handle(client_type& client) override {
            client.send_packet(client.recv_request());
        }
    };
    @endcode
    @par Life of a peer (SEMANTICS D1–D6)
    Each datagram is queued for its sender's address; `handle` is called when a peer
    that is not being served sends one, and called again while its queue is not empty.
    The first `recv_request` of a call returns the datagram that started it (its
    timeout is ignored); later ones wait for the next datagram of that peer. A `handle`
    that returns without calling `recv_request` drops the datagram (refuse unknown
    peers this way). An exception escaping `handle` is logged (3 ERROR records; a
    client_closed_error: one WARNING) and the peer's next datagram starts a new call.
    @par Thread safety
    With several loop threads, different peers run in parallel: shared state in the
    handler needs synchronisation; one peer's calls are always sequential.
*/
template <class Request, class Response>
class async_datagram_request_handler {
public:
    using request_type = Request;
    using response_type = Response;
    using client_type = async_datagram_client<Response, Request>;

    virtual ~async_datagram_request_handler() = default;

    /// Serves one request (or several) of `client`; called again while it has datagrams queued.
    virtual void handle(client_type& client) = 0;
    /** Called once per `serve_forever`, before any datagram is served (S1); push cleanups on
        `stack`, run LIFO after every client task finished, when every client already
        reports `is_closing()` (S2). Throwing aborts `serve_forever` (S3). */
    virtual void service_init(exit_stack& stack, async_base_server& server)
    {
        (void)stack;
        (void)server;
    }
};

/** A handler whose `handle` is the callable `fn(client)` (lambdas as handlers).
    @par Example
    @code
    auto handler = make_datagram_request_handler<std::string, std::string>(
        [](auto& client) { client.send_packet(client.recv_request()); });
    @endcode
*/
template <class Request, class Response, class F>
    requires std::invocable<F&, async_datagram_client<Response, Request>&>
std::shared_ptr<async_datagram_request_handler<Request, Response>> make_datagram_request_handler(F fn)
{
    struct adapter final : async_datagram_request_handler<Request, Response> {
        explicit adapter(F f) : fn(std::move(f)) {}
        void handle(typename async_datagram_request_handler<Request, Response>::client_type& client) override
        {
            fn(client);
        }
        F fn;
    };
    return std::make_shared<adapter>(std::move(fn));
}

} // namespace easynet::servers

#endif
