//
// easynet — the receive and send halves of the sync stream endpoint: a blocking read loop
// with a time budget feeding a protocol consumer (plain or buffered).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP
#define EASYNET_LOWLEVEL_API_SYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/api_sync/endpoints/detail/checked_timeout.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_write_transport.hpp>
#include <easynet/lowlevel/detail/stream_packet_state.hpp>

#include <boost/system/system_error.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace easynet::lowlevel::api_sync::endpoints::detail {

using transports::seconds;

using lowlevel::detail::throw_end_of_stream;

/// Receive state of one stream plus the blocking read loops over a transport.
template <class ReceivedPacket>
class stream_receiver : public lowlevel::detail::stream_receive_state<ReceivedPacket> {
    using base = lowlevel::detail::stream_receive_state<ReceivedPacket>;

public:
    using base::base;

    /** The next packet, reading within `timeout` (SEMANTICS W4, Y2): with a budget, reads
        until it is spent; with 0, reads while each read fills the whole buffer, and gives up
        after a short read that did not complete a packet. Partial data stays buffered.
        @throws timeout_error; the consumer's parse errors; system_error ECONNABORTED at end
        of stream; the transport's errors. */
    ReceivedPacket receive(transports::stream_read_transport& transport, seconds timeout)
    {
        const double budget = checked_timeout(timeout);
        const double deadline = std::isinf(budget) ? budget : api_async::backend::current_time() + budget;
        for (;;) {
            if (auto packet = this->try_buffered())
                return std::move(*packet);
            if (this->eof())
                throw_end_of_stream();
            double left = budget;
            if (budget > 0 && !std::isinf(budget))
                left = std::max(0.0, deadline - api_async::backend::current_time());
            const std::span<char> area = this->write_area();
            const std::size_t n = transport.recv_into(area, seconds{left});
            this->commit(n);
            if (n == 0) {
                this->set_eof();
                throw_end_of_stream();
            }
            if (budget == 0 && n < area.size()) {
                if (auto packet = this->try_buffered())
                    return std::move(*packet);
                throw timeout_error();
            }
        }
    }

    /** The next packet from ONE read with ancillary data (SEMANTICS A1); a packet already
        buffered is returned without reading (the callback is not called then).
        @throws eof_error "Received partial packet data" when the read did not complete a
        packet (the bytes stay buffered); else as `receive` and the callback. */
    ReceivedPacket receive_with_ancillary(transports::stream_read_transport& transport, std::size_t ancillary_bufsize,
                                          const std::function<void(std::vector<raw_ancillary_message>)>& received,
                                          seconds timeout)
    {
        checked_timeout(timeout);
        if (auto packet = this->before_ancillary_read(ancillary_bufsize))
            return std::move(*packet);
        return this->after_ancillary_read(
            transport.recv_with_ancillary_into(this->write_area(), ancillary_bufsize, timeout), received);
    }
};

/// Send state of one stream: the protocol (for `generate_chunks`) and reusable chunk storage.
template <class SentPacket>
class stream_sender {
public:
    template <class Protocol>
    explicit stream_sender(const Protocol& protocol) : serializer_(protocol)
    {
    }

    /** Serializes `packet` whole (nothing is written if that fails: protocol_crash_error),
        then returns the chunks to write. */
    std::span<const std::string_view> serialize(const SentPacket& packet) { return serializer_.serialize(packet); }

    /// Serializes `packet`, then writes it with one gathered write within `timeout`.
    void send(transports::stream_write_transport& transport, const SentPacket& packet, seconds timeout)
    {
        checked_timeout(timeout);
        const auto views = serialize(packet);
        if (views.size() == 1)
            transport.send_all(views.front(), timeout);
        else if (!views.empty())
            transport.send_all_from_iterable(views, timeout);
    }

private:
    lowlevel::detail::stream_packet_serializer<SentPacket> serializer_;
};

} // namespace easynet::lowlevel::api_sync::endpoints::detail

#endif
