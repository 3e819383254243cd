//
// easynet — typed packets over datagrams: a datagram transport plus a datagram protocol
// (EasyNetwork's `AsyncDatagramEndpoint`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DATAGRAM_ENDPOINT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DATAGRAM_ENDPOINT_HPP

#include <easynet/lowlevel/api_async/endpoints/detail/busy_flag.hpp>
#include <easynet/lowlevel/api_async/transports/datagram_transport.hpp>
#include <easynet/protocol/datagram_protocol.hpp>

#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace easynet::lowlevel::api_async::endpoints {

/** Both directions of packets over one `async_datagram_transport` (a connected UDP or
    Unix datagram socket): one packet is exactly one datagram (SEMANTICS P6, M4).

    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    endpoints::async_datagram_endpoint<std::string> ep(backend::create_udp_endpoint("localhost", 9000), protocol);
    ep.send_packet("hello");
    std::string answer = ep.recv_packet();
    ep.aclose();
    @endcode
    @par Thread safety
    One task may receive while another sends; a second concurrent receiver (or sender)
    gets `busy_resource_error` (SEMANTICS W1). Clients add locks on top.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_datagram_endpoint : public typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;

    /** Takes ownership of `transport`.
        @throws std::invalid_argument if `transport` is null. */
    async_datagram_endpoint(std::unique_ptr<transports::async_datagram_transport> transport, protocol_type protocol)
        : transport_(std::move(transport)), protocol_(std::move(protocol))
    {
        if (!transport_)
            throw std::invalid_argument("async_datagram_endpoint: null transport");
    }

    /** Serializes `packet` into one datagram and sends it.
        @throws protocol_crash_error "protocol.make_datagram() crashed" (nothing sent);
        the transport's errors (EMSGSIZE for a datagram too big, ECONNREFUSED pending
        from an earlier ICMP port unreachable...); busy_resource_error; cancelled. */
    void send_packet(const SentPacket& packet)
    {
        auto busy = send_busy_.enter("sending");
        const std::string datagram = protocol_.make_datagram(packet);
        transport_->send(datagram);
    }

    /** Waits for the next datagram and returns its packet.
        @throws datagram_protocol_parse_error for an invalid datagram (it is dropped; the
        endpoint stays usable); protocol_crash_error "protocol.build_packet_from_datagram()
        crashed"; the transport's errors; busy_resource_error; cancelled (nothing is lost). */
    ReceivedPacket recv_packet()
    {
        auto busy = recv_busy_.enter("receiving");
        const std::string datagram = transport_->recv();
        return protocol_.build_packet_from_datagram(datagram);
    }

    /** The packet of the next datagram, received with its ancillary data (Unix datagram
        sockets: file descriptors, credentials), which goes to `data_received` as raw
        control messages (see `socket_ancillary::update_from_raw`) before the datagram is
        parsed, so that received descriptors are claimed even when parsing fails.
        @param ancillary_bufsize room for control messages (defaults::unix_ancillary_bufsize).
        @throws easynet::unsupported_operation if the transport has no ancillary data
        support (UDP); std::invalid_argument if `ancillary_bufsize` is 0; else as
        `recv_packet` and `data_received`. */
    ReceivedPacket recv_packet_with_ancillary(std::size_t ancillary_bufsize,
                                              const std::function<void(std::vector<raw_ancillary_message>)>& data_received)
    {
        auto busy = recv_busy_.enter("receiving");
        auto received = transport_->recv_with_ancillary(ancillary_bufsize);
        data_received(std::move(received.messages));
        return protocol_.build_packet_from_datagram(received.data);
    }

    /** Serializes `packet` into one datagram and sends it with `ancillary` (raw control
        messages, see `socket_ancillary::as_raw`) in one sendmsg (SEMANTICS A1).
        @throws easynet::unsupported_operation without ancillary data support; else as
        `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, std::span<const raw_ancillary_message> ancillary)
    {
        auto busy = send_busy_.enter("sending");
        const std::string datagram = protocol_.make_datagram(packet);
        transport_->send_with_ancillary(datagram, ancillary);
    }

    /// Closes the transport (see `async_base_transport::aclose`). Idempotent.
    void aclose() { transport_->aclose(); }
    bool is_closing() const noexcept { return transport_->is_closing(); }

    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::async_datagram_transport& transport() noexcept { return *transport_; }

private:
    std::unique_ptr<transports::async_datagram_transport> transport_;
    protocol_type protocol_;
    detail::busy_flag recv_busy_;
    detail::busy_flag send_busy_;
};

} // namespace easynet::lowlevel::api_async::endpoints

#endif
