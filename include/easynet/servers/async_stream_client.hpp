//
// easynet — the client object a stream request handler talks to
// (EasyNetwork's `AsyncStreamClient`, plus `recv_request`, the C++ form of `yield`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_STREAM_CLIENT_HPP
#define EASYNET_SERVERS_ASYNC_STREAM_CLIENT_HPP

#include <easynet/lowlevel/api_async/servers/stream.hpp>
#include <easynet/lowlevel/request_handler.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/servers/client_attributes.hpp>

#include <string>
#include <vector>

namespace easynet::servers {

using lowlevel::client_disconnected;
using lowlevel::recv_ancillary_data_params;
using lowlevel::recv_params;

namespace detail {
/// The extra attributes of a server-side client: the transport's, plus peer credentials on Unix.
lowlevel::extra_attribute_map make_client_attributes(const lowlevel::extra_attribute_map& transport_attributes);
} // namespace detail

/** One connected client, as seen by a stream request handler.
    @tparam Response what the server sends; @tparam Request what it receives.
    @par Thread safety
    Use from tasks of the server's loop: `recv_request` from the client's own task
    (the handler); `send_packet` from any task (FIFO, SEMANTICS H20).
*/
template <class Response, class Request>
class async_stream_client final : public lowlevel::typed_attribute_provider {
public:
    using lowlevel_client_type = lowlevel::api_async::servers::connected_stream_client<Response, Request>;

    /// Built by the servers (one per connection).
    async_stream_client(lowlevel_client_type& client, lowlevel::socket_address address)
        : client_(client), address_(std::move(address)),
          attributes_(detail::make_client_attributes(client.extra_attributes()))
    {
    }

    /** Waits for the next request (`request = yield params` in EasyNetwork).
        @throws timeout_error, stream_protocol_parse_error, protocol_crash_error,
        std::invalid_argument, eof_error / unsupported_operation (ancillary data), and
        `client_disconnected` (not a std::exception) when the client is gone: see
        `connected_stream_client::recv_request`. */
    Request recv_request(const recv_params& params = {}) { return client_.recv_request(params); }

    /** Sends `packet` (H20). @throws client_closed_error("Closed client") once closing;
        protocol_crash_error "protocol.generate_chunks() crashed"; OS errors. */
    void send_packet(const Response& packet) { client_.send_packet(packet); }

    /** Sends `packet` with raw control messages (`socket_ancillary::as_raw()`), Unix only.
        @throws unsupported_operation on TCP; as `send_packet`. */
    void send_packet_with_ancillary(const Response& packet, const std::vector<lowlevel::raw_ancillary_message>& ancillary)
    {
        client_.send_packet_with_ancillary(packet, ancillary);
    }

    /** Closes the connection gracefully (after an in-flight send); no more `handle` calls
        (H21). Idempotent. */
    void aclose()
    {
        closed_by_handler_ = true;
        client_.aclose();
    }

    /// True once closed or closing (also after the server's teardown began).
    bool is_closing() const noexcept { return client_.is_closing(); }

    /// The peer address resolved at accept time ("host:port", a Unix name...).
    const lowlevel::socket_address& address() const noexcept { return address_; }

    const lowlevel::extra_attribute_map& extra_attributes() const override { return attributes_; }

    /// True when the handler called `aclose()` (servers: no SO_LINGER 0 then, H14b).
    bool closed_by_handler() const noexcept { return closed_by_handler_; }
    lowlevel_client_type& lowlevel_client() noexcept { return client_; }

private:
    lowlevel_client_type& client_;
    lowlevel::socket_address address_;
    lowlevel::extra_attribute_map attributes_;
    bool closed_by_handler_ = false;
};

} // namespace easynet::servers

#endif
