//
// easynet — the request handler of TCP and Unix stream servers
// (EasyNetwork's `AsyncStreamRequestHandler`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_STREAM_REQUEST_HANDLER_HPP
#define EASYNET_SERVERS_STREAM_REQUEST_HANDLER_HPP

#include <easynet/servers/abc.hpp>
#include <easynet/servers/async_stream_client.hpp>
#include <easynet/servers/exit_stack.hpp>

#include <concepts>
#include <memory>
#include <utility>

namespace easynet::servers {

/** What a stream server does with each client. One instance serves every client (H1).
    @tparam Request what clients send; @tparam Response what the server answers.
    @par Example
    @code
    struct echo : async_stream_request_handler<std::string, std::string> {
        void handle(client_type& client) override {
            client.send_packet(client.recv_request());
        }
    };
    @endcode
    @par Life of a connection (SEMANTICS H4–H16)
    `on_connection` runs first (it may call `recv_request`, e.g. for a login); then
    `handle` is called again each time it returns, while the client is open; a `handle`
    that returns without having called `recv_request` closes the connection. When the
    client disconnects, `recv_request` throws `client_disconnected` (not a
    std::exception): let it propagate. `on_disconnection` runs at the end if
    `on_connection` completed. Exceptions escaping the handler are logged and close
    that connection only.
    @par Thread safety
    With several loop threads, different clients run in parallel: shared state in the
    handler needs synchronisation; one client's calls are always sequential.
*/
template <class Request, class Response>
class async_stream_request_handler {
public:
    using request_type = Request;
    using response_type = Response;
    using client_type = async_stream_client<Response, Request>;

    virtual ~async_stream_request_handler() = default;

    /// Serves one request (or several); called again after it returns.
    virtual void handle(client_type& client) = 0;
    /// Called once before the first `handle` (may read requests: H4).
    virtual void on_connection(client_type& client) { (void)client; }
    /// Called once at teardown if `on_connection` completed (H5, H15, H16).
    virtual void on_disconnection(client_type& client) { (void)client; }
    /** Called once per `serve_forever`, before any client is served (S1); push cleanups on
        `stack`, run LIFO after every client task finished (S2). Throwing aborts
        `serve_forever` (S3). */
    virtual void service_init(exit_stack& stack, async_base_server& server)
    {
        (void)stack;
        (void)server;
    }
};

/** A handler whose `handle` is the callable `fn(client)` (lambdas as handlers).
    @par Example
    @code
    auto handler = make_stream_request_handler<std::string, std::string>(
        [](auto& client) { client.send_packet(client.recv_request()); });
    @endcode
*/
template <class Request, class Response, class F>
    requires std::invocable<F&, async_stream_client<Response, Request>&>
std::shared_ptr<async_stream_request_handler<Request, Response>> make_stream_request_handler(F fn)
{
    struct adapter final : async_stream_request_handler<Request, Response> {
        explicit adapter(F f) : fn(std::move(f)) {}
        void handle(typename async_stream_request_handler<Request, Response>::client_type& client) override
        {
            fn(client);
        }
        F fn;
    };
    return std::make_shared<adapter>(std::move(fn));
}

} // namespace easynet::servers

#endif
