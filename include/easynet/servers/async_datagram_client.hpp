//
// easynet — the client object a datagram request handler talks to
// (EasyNetwork's `AsyncDatagramClient`, plus `recv_request`, the C++ form of `yield`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_ASYNC_DATAGRAM_CLIENT_HPP
#define EASYNET_SERVERS_ASYNC_DATAGRAM_CLIENT_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/servers/datagram.hpp>
#include <easynet/lowlevel/request_handler.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/servers/client_attributes.hpp>

#include <atomic>
#include <cerrno>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include <boost/system/system_error.hpp>

namespace easynet::servers {

using lowlevel::client_disconnected;
using lowlevel::recv_ancillary_data_params;
using lowlevel::recv_params;

/** One peer address of a datagram server, as seen by a datagram request handler.
    Client objects are equal and hash-equal when they stand for the same address on the
    same server, and the server hands the same instance to every handler call for that
    address while something still references it (SEMANTICS D7): keep one with
    `client.shared_from_this()`. There is no `aclose`.
    @tparam Response what the server sends; @tparam Request what it receives.
    @par Thread safety
    `recv_request` from the handler call being served; `send_packet` and `is_closing`
    from any task of the server's loop.
*/
template <class Response, class Request>
class async_datagram_client final : public lowlevel::typed_attribute_provider,
                                    public std::enable_shared_from_this<async_datagram_client<Response, Request>> {
public:
    using lowlevel_server_type = lowlevel::api_async::servers::async_datagram_server<Response, Request>;
    using context_type = lowlevel::api_async::servers::datagram_client_context<Response, Request>;

    /** Built by the servers. @param serving true while the server serves (after
        `service_init`, before teardown). */
    async_datagram_client(lowlevel_server_type& server, lowlevel::socket_address address,
                          std::shared_ptr<const std::atomic<bool>> serving)
        : server_(server), address_(std::move(address)), serving_(std::move(serving))
    {
        attributes_.merge(server_.extra_attributes());
        attributes_.set(lowlevel::socket_attribute::remote_address, [a = address_] { return a; });
    }
    async_datagram_client(const async_datagram_client&) = delete;
    async_datagram_client& operator=(const async_datagram_client&) = delete;

    /** Waits for the next datagram of this peer (`request = yield params`); see
        `datagram_client_context::recv_request` (D3, D4, A3).
        @throws std::logic_error outside a handler call for this client. */
    Request recv_request(const recv_params& params = {})
    {
        if (context_ == nullptr)
            throw std::logic_error("recv_request() called outside a handler call for this client");
        return context_->recv_request(params);
    }

    /** Sends `packet` to this peer as one datagram.
        @throws client_closed_error("Closed client") when closing (D7, item 32);
        boost::system::system_error EINVAL "Cannot send a datagram to an unnamed address."
        for an unbound Unix peer (D11); protocol_crash_error "protocol.make_datagram()
        crashed" (nothing sent, D9); OS errors. */
    void send_packet(const Response& packet)
    {
        check_can_send();
        server_.send_packet_to(packet, address_);
    }

    /** As `send_packet`, with raw control messages (`socket_ancillary::as_raw()`), Unix only.
        @throws unsupported_operation on UDP; as `send_packet`. */
    void send_packet_with_ancillary(const Response& packet, const std::vector<lowlevel::raw_ancillary_message>& ancillary)
    {
        check_can_send();
        server_.send_packet_with_ancillary_to(packet, ancillary, address_);
    }

    /// True before `service_init` completed, once `serve_forever` ended, or when the
    /// listener is closing (D7).
    bool is_closing() const noexcept { return !serving_->load() || server_.is_closing(); }

    /// The peer address.
    const lowlevel::socket_address& address() const noexcept { return address_; }

    /// The server's socket, its local address, this peer's address and the family (D8).
    const lowlevel::extra_attribute_map& extra_attributes() const override { return attributes_; }

    friend bool operator==(const async_datagram_client& a, const async_datagram_client& b) noexcept
    {
        return &a.server_ == &b.server_ && a.address_ == b.address_;
    }

    /// Internal (servers): the handler call this client serves now (nullptr: none).
    void attach(context_type* context) noexcept { context_ = context; }
    lowlevel_server_type& lowlevel_server() const noexcept { return server_; }

private:
    void check_can_send() const
    {
        if (is_closing())
            throw client_closed_error("Closed client");
        if (address_.is_unix() && address_.as_unix().is_unnamed())
            throw boost::system::system_error(EINVAL, boost::system::system_category(),
                                              "Cannot send a datagram to an unnamed address.");
    }

    lowlevel_server_type& server_;
    lowlevel::socket_address address_;
    std::shared_ptr<const std::atomic<bool>> serving_;
    lowlevel::extra_attribute_map attributes_;
    context_type* context_ = nullptr;
};

} // namespace easynet::servers

template <class Response, class Request>
struct std::hash<easynet::servers::async_datagram_client<Response, Request>> {
    std::size_t operator()(const easynet::servers::async_datagram_client<Response, Request>& c) const noexcept
    {
        return std::hash<easynet::lowlevel::socket_address>{}(c.address()) ^
               (std::hash<const void*>{}(&c.lowlevel_server()) << 1);
    }
};

#endif
