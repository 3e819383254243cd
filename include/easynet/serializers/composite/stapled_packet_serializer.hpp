//
// easynet — different formats for sending and receiving
// (EasyNetwork `StapledPacketSerializer` and its incremental/buffered variants, SEMANTICS Z9).
//
#ifndef EASYNET_SERIALIZERS_COMPOSITE_STAPLED_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_COMPOSITE_STAPLED_PACKET_SERIALIZER_HPP

#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace easynet::serializers {

namespace detail {

template <class SentPacket>
class stapled_sender {
public:
    virtual ~stapled_sender() = default;
    virtual std::string serialize(const SentPacket& packet) const = 0;
    virtual void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const = 0;
    virtual bool is_incremental() const noexcept = 0;
};

template <class ReceivedPacket>
class stapled_receiver {
public:
    virtual ~stapled_receiver() = default;
    virtual ReceivedPacket deserialize(std::string_view data) const = 0;
    virtual std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const = 0;
    virtual deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const = 0;
    virtual bool is_incremental() const noexcept = 0;
    virtual bool is_buffered() const noexcept = 0;
};

template <class Serializer>
class stapled_sender_impl final : public stapled_sender<typename Serializer::sent_packet_type> {
    using S = typename Serializer::sent_packet_type;
    using R = typename Serializer::received_packet_type;

public:
    explicit stapled_sender_impl(std::shared_ptr<Serializer> s)
        : s_(std::move(s)), incremental_(dynamic_cast<const incremental_packet_serializer<S, R>*>(s_.get()))
    {
    }
    std::string serialize(const S& packet) const override { return s_->serialize(packet); }
    void incremental_serialize(const S& packet, std::vector<std::string>& chunks) const override
    {
        incremental_->incremental_serialize(packet, chunks);
    }
    bool is_incremental() const noexcept override { return incremental_ != nullptr; }

private:
    std::shared_ptr<Serializer> s_;
    const incremental_packet_serializer<S, R>* incremental_;
};

template <class Serializer>
class stapled_receiver_impl final : public stapled_receiver<typename Serializer::received_packet_type> {
    using S = typename Serializer::sent_packet_type;
    using R = typename Serializer::received_packet_type;

public:
    explicit stapled_receiver_impl(std::shared_ptr<Serializer> s)
        : s_(std::move(s)), incremental_(dynamic_cast<const incremental_packet_serializer<S, R>*>(s_.get())),
          buffered_(dynamic_cast<const buffered_incremental_packet_serializer<S, R>*>(s_.get()))
    {
    }
    R deserialize(std::string_view data) const override { return s_->deserialize(data); }
    std::unique_ptr<incremental_deserializer<R>> make_incremental_deserializer() const override
    {
        return incremental_->make_incremental_deserializer();
    }
    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override
    {
        return buffered_->create_deserializer_buffer(sizehint);
    }
    bool is_incremental() const noexcept override { return incremental_ != nullptr; }
    bool is_buffered() const noexcept override { return buffered_ != nullptr; }

private:
    std::shared_ptr<Serializer> s_;
    const incremental_packet_serializer<S, R>* incremental_;
    const buffered_incremental_packet_serializer<S, R>* buffered_;
};

template <class SentPacket, class ReceivedPacket>
struct stapled_halves {
    std::shared_ptr<const stapled_sender<SentPacket>> sent;
    std::shared_ptr<const stapled_receiver<ReceivedPacket>> received;
};

} // namespace detail

/** One-shot stapled serializer: `serialize()` uses the sent-packet serializer,
    `deserialize()` the received-packet serializer. Usually made by
    `make_stapled_packet_serializer()`. */
template <class SentPacket, class ReceivedPacket>
class stapled_packet_serializer final : public packet_serializer<SentPacket, ReceivedPacket> {
public:
    explicit stapled_packet_serializer(detail::stapled_halves<SentPacket, ReceivedPacket> h) : h_(std::move(h)) {}
    std::string serialize(const SentPacket& packet) const override { return h_.sent->serialize(packet); }
    ReceivedPacket deserialize(std::string_view data) const override { return h_.received->deserialize(data); }

private:
    detail::stapled_halves<SentPacket, ReceivedPacket> h_;
};

/// Incremental stapled serializer (both halves incremental).
template <class SentPacket, class ReceivedPacket>
class stapled_incremental_packet_serializer final : public incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    explicit stapled_incremental_packet_serializer(detail::stapled_halves<SentPacket, ReceivedPacket> h) : h_(std::move(h)) {}
    std::string serialize(const SentPacket& packet) const override { return h_.sent->serialize(packet); }
    ReceivedPacket deserialize(std::string_view data) const override { return h_.received->deserialize(data); }
    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const override
    {
        h_.sent->incremental_serialize(packet, chunks);
    }
    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const override
    {
        return h_.received->make_incremental_deserializer();
    }

private:
    detail::stapled_halves<SentPacket, ReceivedPacket> h_;
};

/// Buffered stapled serializer (incremental sender, buffered receiver).
template <class SentPacket, class ReceivedPacket>
class stapled_buffered_incremental_packet_serializer final
    : public buffered_incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    explicit stapled_buffered_incremental_packet_serializer(detail::stapled_halves<SentPacket, ReceivedPacket> h)
        : h_(std::move(h))
    {
    }
    std::string serialize(const SentPacket& packet) const override { return h_.sent->serialize(packet); }
    ReceivedPacket deserialize(std::string_view data) const override { return h_.received->deserialize(data); }
    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const override
    {
        h_.sent->incremental_serialize(packet, chunks);
    }
    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const override
    {
        return h_.received->make_incremental_deserializer();
    }
    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const override
    {
        return h_.received->create_deserializer_buffer(sizehint);
    }

private:
    detail::stapled_halves<SentPacket, ReceivedPacket> h_;
};

/** Staples a serializer for sent packets and one for received packets (e.g. JSON requests,
    line responses) into one serializer of the richest capability both allow (SEMANTICS Z9):
    - sender incremental and receiver buffered → `stapled_buffered_incremental_packet_serializer`;
    - both incremental → `stapled_incremental_packet_serializer`;
    - otherwise → `stapled_packet_serializer` (datagrams only).

    The result is typed `packet_serializer<Sent, Received>`; give it to any protocol, which
    checks the capability it needs (`stream_protocol` accepts the first two kinds).
    @throws std::invalid_argument if a serializer is null.
*/
template <class SentSerializer, class ReceivedSerializer>
std::shared_ptr<const packet_serializer<typename SentSerializer::sent_packet_type, typename ReceivedSerializer::received_packet_type>>
make_stapled_packet_serializer(std::shared_ptr<SentSerializer> sent, std::shared_ptr<ReceivedSerializer> received)
{
    using S = typename SentSerializer::sent_packet_type;
    using R = typename ReceivedSerializer::received_packet_type;
    if (!sent || !received) {
        throw std::invalid_argument("make_stapled_packet_serializer: null serializer");
    }
    detail::stapled_halves<S, R> h{std::make_shared<const detail::stapled_sender_impl<SentSerializer>>(std::move(sent)),
                                   std::make_shared<const detail::stapled_receiver_impl<ReceivedSerializer>>(std::move(received))};
    if (h.sent->is_incremental() && h.received->is_buffered()) {
        return std::make_shared<const stapled_buffered_incremental_packet_serializer<S, R>>(std::move(h));
    }
    if (h.sent->is_incremental() && h.received->is_incremental()) {
        return std::make_shared<const stapled_incremental_packet_serializer<S, R>>(std::move(h));
    }
    return std::make_shared<const stapled_packet_serializer<S, R>>(std::move(h));
}

} // namespace easynet::serializers

#endif
