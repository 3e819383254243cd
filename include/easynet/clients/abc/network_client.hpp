//
// easynet — the interface of every blocking client (EasyNetwork's `AbstractNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ABC_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_ABC_NETWORK_CLIENT_HPP

#include <easynet/clients/abc/received_packets.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/lowlevel/api_sync/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace easynet::clients::abc {

using lowlevel::api_sync::transports::no_timeout;

/** A blocking client: every call takes a timeout (`no_timeout` = wait forever, 0 = one
    non-blocking attempt) that bounds the whole operation, lock waits included, and
    throws easynet::timeout_error when it expires (SEMANTICS Y2). The destructor closes.
    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Thread safety
    Safe from several threads: sends and receptions have separate locks, so one thread
    may send while another receives (SEMANTICS Y4).
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class network_client : public lowlevel::typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;
    using seconds = lowlevel::api_sync::transports::seconds;

    virtual ~network_client() = default;

    /// True once closed.
    virtual bool is_closed() const noexcept = 0;
    /// Closes the connection; idempotent. Waits for a pending send, not for a pending
    /// receive (which then fails with client_closed_error within `retry_interval`).
    virtual void close() = 0;
    /** Sends one packet within `timeout`.
        @throws client_closed_error "Closed client"; timeout_error; system_error
        ECONNABORTED when the connection broke; std::invalid_argument for a negative or
        NaN timeout. */
    virtual void send_packet(const SentPacket& packet, seconds timeout = no_timeout) = 0;
    /** Receives one packet within `timeout` (partial data is kept for the next call).
        @throws client_closed_error; timeout_error; system_error ECONNABORTED
        "end-of-stream" once the peer closed (sticky); stream_protocol_parse_error. */
    virtual ReceivedPacket recv_packet(seconds timeout = no_timeout) = 0;
    /// The socket descriptor, -1 once closed (SEMANTICS Y5).
    virtual lowlevel::native_socket_handle fileno() const noexcept = 0;

    /** The received packets as a range (SEMANTICS C10): ends silently at the first OS
        error (timeout, end of stream, closed client); parse errors propagate. `timeout` is
        the budget of the whole iteration, spent only inside the range's calls.
        @throws std::invalid_argument for a negative or NaN timeout. */
    received_packets<ReceivedPacket> iter_received_packets(seconds timeout = seconds{0})
    {
        if (std::isnan(timeout.count()) || timeout.count() < 0)
            throw std::invalid_argument("Invalid timeout");
        return received_packets<ReceivedPacket>([this, budget = timeout]() mutable -> std::optional<ReceivedPacket> {
            const auto start = std::chrono::steady_clock::now();
            try {
                std::optional<ReceivedPacket> packet(recv_packet(budget));
                if (!std::isinf(budget.count()))
                    budget = std::max(seconds{0}, seconds{budget - (std::chrono::steady_clock::now() - start)});
                return packet;
            } catch (const std::exception&) {
                if (detail::ends_packet_iteration(std::current_exception()))
                    return std::nullopt;
                throw;
            }
        });
    }
};

} // namespace easynet::clients::abc

#endif
