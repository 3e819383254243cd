//
// easynet — the interface of every async client (EasyNetwork's `AbstractAsyncNetworkClient`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_CLIENTS_ABC_ASYNC_NETWORK_CLIENT_HPP
#define EASYNET_CLIENTS_ABC_ASYNC_NETWORK_CLIENT_HPP

#include <easynet/clients/abc/received_packets.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace easynet::clients::abc {

using lowlevel::api_async::backend::seconds;

/** A client used from tasks (every call may suspend the calling task only).

    The connection may be lazy: `wait_connected()` (or the first send/receive) opens it.
    Destroying the client closes it abruptly (no graceful shutdown: call `aclose()`).
    @tparam SentPacket what `send_packet()` takes.
    @tparam ReceivedPacket what `recv_packet()` returns.
    @par Thread safety
    Concurrent calls from tasks of one loop (even one run by several threads) are
    allowed: sends are serialized in call order, receptions too (SEMANTICS C5).
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class async_network_client : public lowlevel::typed_attribute_provider {
public:
    using sent_packet_type = SentPacket;
    using received_packet_type = ReceivedPacket;

    virtual ~async_network_client() = default;

    /// True once the connection was established (stays true after `aclose()`).
    virtual bool is_connected() const noexcept = 0;
    /** Opens the connection if not yet done; concurrent calls wait for the same attempt
        (SEMANTICS C3). A no-op once connected.
        @throws client_closed_error "Client is closing, or is already closed"; the
        connection's errors. */
    virtual void wait_connected() = 0;
    /// True once `aclose()` was called (or the client was closed by an error).
    virtual bool is_closing() const noexcept = 0;
    /** Closes the client gracefully; idempotent (SEMANTICS C5, C12). Waits for a pending
        send, not for a pending receive (which then fails with client_closed_error). If
        cancelled meanwhile, the connection is closed abruptly and `cancelled` propagates. */
    virtual void aclose() = 0;
    /** Sends one packet (connecting first if needed).
        @throws client_closed_error; system_error ECONNABORTED when the connection broke;
        protocol_crash_error; the socket's pending error (C6). */
    virtual void send_packet(const SentPacket& packet) = 0;
    /** Receives one packet (connecting first if needed).
        @throws client_closed_error; system_error ECONNABORTED "end-of-stream" once the
        peer closed (sticky, C7); stream_protocol_parse_error (the stream stays usable). */
    virtual ReceivedPacket recv_packet() = 0;

    /** The received packets as a range (SEMANTICS C10): it ends silently at the first OS
        error (timeout, end of stream, closed client); parse errors propagate. `timeout` is
        the budget of the whole iteration, spent only inside the range's calls: 0 = only
        what is available at once, +inf = until an error.
        @throws std::invalid_argument for a negative or NaN timeout. */
    received_packets<ReceivedPacket> iter_received_packets(seconds timeout = seconds{0})
    {
        if (std::isnan(timeout.count()) || timeout.count() < 0)
            throw std::invalid_argument("Invalid timeout");
        return received_packets<ReceivedPacket>([this, budget = timeout]() mutable -> std::optional<ReceivedPacket> {
            namespace backend = lowlevel::api_async::backend;
            const double start = backend::current_time();
            try {
                if (std::isinf(budget.count()))
                    return recv_packet();
                std::optional<ReceivedPacket> packet;
                backend::timeout(budget, [&] { packet.emplace(recv_packet()); });
                budget = std::max(seconds{0}, budget - seconds{backend::current_time() - start});
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
