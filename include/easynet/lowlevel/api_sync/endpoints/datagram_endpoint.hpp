//
// easynet — typed packets over blocking datagrams: a sync datagram transport plus a
// datagram protocol (EasyNetwork's `api_sync.endpoints.datagram.DatagramEndpoint`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DATAGRAM_ENDPOINT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DATAGRAM_ENDPOINT_HPP

#include <easynet/lowlevel/api_sync/endpoints/detail/checked_timeout.hpp>
#include <easynet/lowlevel/api_sync/transports/datagram_transport.hpp>
#include <easynet/protocol/datagram_protocol.hpp>

#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace easynet::lowlevel::api_sync::endpoints {

using transports::no_timeout;
using transports::seconds;

/** Both directions of packets over one blocking `datagram_transport` (a connected UDP or
    Unix datagram socket): one packet is exactly one datagram (SEMANTICS P6, M4). Every
    call takes a timeout (`no_timeout` by default; 0 = do only what needs no waiting) and
    throws `easynet::timeout_error` when it expires; a negative or NaN timeout is refused
    with `std::invalid_argument`.

    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Example
    @code
    endpoints::datagram_endpoint<std::string> ep(std::move(transport), protocol);
    ep.send_packet("hello", 1s);
    std::string answer = ep.recv_packet(5s);
    ep.close();
    @endcode
    @par Thread safety
    One thread may receive while another sends; `close()` and `is_closed()` from any
    thread. Two concurrent receivers (or senders) are not allowed: clients add locks.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class datagram_endpoint : public typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using protocol_type = protocol::datagram_protocol<SentPacket, ReceivedPacket>;

    /** Takes ownership of `transport`.
        @throws std::invalid_argument if `transport` is null. */
    datagram_endpoint(std::unique_ptr<transports::datagram_transport> transport, protocol_type protocol)
        : transport_(std::move(transport)), protocol_(std::move(protocol))
    {
        if (!transport_)
            throw std::invalid_argument("datagram_endpoint: null transport");
    }

    /** Serializes `packet` into one datagram and sends it within `timeout`.
        @throws protocol_crash_error "protocol.make_datagram() crashed" (nothing sent);
        timeout_error (nothing sent); the transport's errors (EMSGSIZE, ECONNREFUSED...). */
    void send_packet(const SentPacket& packet, seconds timeout = no_timeout)
    {
        detail::checked_timeout(timeout);
        const std::string datagram = protocol_.make_datagram(packet);
        transport_->send(datagram, timeout);
    }

    /** Waits at most `timeout` for the next datagram and returns its packet.
        @throws timeout_error; datagram_protocol_parse_error for an invalid datagram (it
        is dropped; the endpoint stays usable); protocol_crash_error
        "protocol.build_packet_from_datagram() crashed"; the transport's errors. */
    ReceivedPacket recv_packet(seconds timeout = no_timeout)
    {
        const std::string datagram = transport_->recv(timeout);
        return protocol_.build_packet_from_datagram(datagram);
    }

    /** As `recv_packet`, receiving the datagram's ancillary data too (Unix datagram
        sockets): its raw control messages go to `data_received` before the datagram is
        parsed (so received descriptors are claimed even when parsing fails).
        @throws easynet::unsupported_operation without ancillary data support (UDP);
        std::invalid_argument if `ancillary_bufsize` is 0; else as `recv_packet` and
        `data_received`. */
    ReceivedPacket recv_packet_with_ancillary(std::size_t ancillary_bufsize,
                                              const std::function<void(std::vector<raw_ancillary_message>)>& data_received,
                                              seconds timeout = no_timeout)
    {
        auto received = transport_->recv_with_ancillary(ancillary_bufsize, timeout);
        data_received(std::move(received.messages));
        return protocol_.build_packet_from_datagram(received.data);
    }

    /** As `send_packet`, with `ancillary` (raw control messages) in the same sendmsg
        (SEMANTICS A1). @throws easynet::unsupported_operation without ancillary data
        support; else as `send_packet`. */
    void send_packet_with_ancillary(const SentPacket& packet, std::span<const raw_ancillary_message> ancillary,
                                    seconds timeout = no_timeout)
    {
        detail::checked_timeout(timeout);
        const std::string datagram = protocol_.make_datagram(packet);
        transport_->send_with_ancillary(datagram, ancillary, timeout);
    }

    /// Closes the transport. Idempotent, callable from any thread.
    void close() { transport_->close(); }
    bool is_closed() const noexcept { return transport_->is_closed(); }

    const extra_attribute_map& extra_attributes() const override { return transport_->extra_attributes(); }
    transports::datagram_transport& transport() noexcept { return *transport_; }

private:
    std::unique_ptr<transports::datagram_transport> transport_;
    protocol_type protocol_;
};

} // namespace easynet::lowlevel::api_sync::endpoints

#endif
