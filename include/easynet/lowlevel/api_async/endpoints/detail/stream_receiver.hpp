//
// easynet — the receive half shared by the async stream endpoints: a transport read loop
// feeding a protocol consumer (plain or buffered).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_STREAM_RECEIVER_HPP

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_async/endpoints/detail/busy_flag.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/transports/stream_read_transport.hpp>
#include <easynet/lowlevel/api_async/transports/stream_write_transport.hpp>
#include <easynet/lowlevel/detail/stream_packet_state.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::lowlevel::api_async::endpoints::detail {

using lowlevel::detail::throw_end_of_stream;

/// Receive state of one stream plus the async read loops over a transport.
template <class ReceivedPacket>
class stream_receiver : public lowlevel::detail::stream_receive_state<ReceivedPacket> {
    using base = lowlevel::detail::stream_receive_state<ReceivedPacket>;

public:
    using base::base;

    /** Returns the next packet: from what is buffered, else reading `transport`.
        @throws the consumer's parse errors; system_error ECONNABORTED at end of stream;
        the transport's errors; cancelled (nothing is lost). */
    ReceivedPacket receive(transports::async_stream_read_transport& transport)
    {
        for (;;) {
            if (auto packet = this->try_buffered())
                return std::move(*packet);
            if (this->eof())
                throw_end_of_stream();
            const std::size_t n = transport.recv_into(this->write_area());
            this->commit(n);
            if (n == 0) {
                this->set_eof();
                throw_end_of_stream();
            }
        }
    }

    /** The next packet from ONE read with ancillary data (SEMANTICS A1); a packet already
        buffered is returned without reading (`received` is not called then).
        @throws eof_error "Received partial packet data" when the read did not complete a
        packet (the bytes stay buffered); std::invalid_argument if `ancillary_bufsize` is 0;
        else as `receive` and `received`. */
    ReceivedPacket receive_with_ancillary(transports::async_stream_read_transport& transport,
                                          std::size_t ancillary_bufsize,
                                          const std::function<void(std::vector<raw_ancillary_message>)>& received)
    {
        if (auto packet = this->before_ancillary_read(ancillary_bufsize))
            return std::move(*packet);
        return this->after_ancillary_read(transport.recv_with_ancillary_into(this->write_area(), ancillary_bufsize),
                                          received);
    }
};

/// Send state of one stream: serializes packets and writes them with one gathered write.
template <class SentPacket>
class stream_sender {
public:
    template <class Protocol>
    explicit stream_sender(const Protocol& protocol) : serializer_(protocol)
    {
    }

    /** Serializes `packet` whole, then writes it with one gathered write (SEMANTICS P5).
        @throws protocol_crash_error (nothing written); the transport's errors. */
    void send(transports::async_stream_write_transport& transport, const SentPacket& packet)
    {
        const auto views = serializer_.serialize(packet);
        if (views.size() == 1)
            transport.send_all(views.front());
        else if (!views.empty())
            transport.send_all_from_iterable(views);
    }

    /** Serializes `packet`, then sends it and `ancillary` in ONE sendmsg (SEMANTICS A1, W5).
        @throws protocol_crash_error (nothing written); system_error EMSGSIZE if it did not
        fit; easynet::unsupported_operation if the transport has no ancillary support. */
    void send_with_ancillary(transports::async_stream_write_transport& transport, const SentPacket& packet,
                             std::span<const raw_ancillary_message> ancillary)
    {
        transport.send_all_with_ancillary(serializer_.serialize(packet), ancillary);
    }

private:
    lowlevel::detail::stream_packet_serializer<SentPacket> serializer_;
};

} // namespace easynet::lowlevel::api_async::endpoints::detail

#endif
