//
// easynet — private: type erasure of "serializer + optional converter" behind the protocols.
//
#ifndef EASYNET_PROTOCOL_DETAIL_PROTOCOL_CORE_HPP
#define EASYNET_PROTOCOL_DETAIL_PROTOCOL_CORE_HPP

#include <easynet/converter/packet_converter.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>
#include <easynet/serializers/abc/incremental_deserializer.hpp>
#include <easynet/serializers/abc/incremental_packet_serializer.hpp>
#include <easynet/serializers/abc/packet_serializer.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace easynet::protocol::detail {

/// Thrown (not a std::exception) by the converting deserializer when the converter
/// rejected a packet, so that a packet_conversion_error raised by the *serializer* is
/// still treated as a crash, as in EasyNetwork.
struct converter_rejected_packet {
    std::shared_ptr<const packet_error> error;
};

template <class SentPacket>
class sender_core {
public:
    virtual ~sender_core() = default;
    virtual std::string make_datagram(const SentPacket& packet) const = 0;
    virtual void generate_chunks(const SentPacket& packet, std::vector<std::string>& chunks) const = 0;
};

template <class ReceivedPacket>
class receiver_core {
public:
    virtual ~receiver_core() = default;
    /// Throws datagram_protocol_parse_error for deserialize/conversion errors; anything else raw.
    virtual ReceivedPacket build_packet_from_datagram(std::string_view datagram) const = 0;
    virtual std::unique_ptr<serializers::incremental_deserializer<ReceivedPacket>> make_deserializer() const = 0;
    virtual serializers::deserializer_buffer_size create_buffer(std::size_t sizehint) const = 0;
};

template <class SentPacket, class ReceivedPacket>
class protocol_core : public sender_core<SentPacket>, public receiver_core<ReceivedPacket> {
public:
    virtual bool is_incremental() const noexcept = 0;
    virtual bool is_buffered() const noexcept = 0;
};

template <class ReceivedPacket, class ReceivedDTOPacket, class Converter>
class converting_deserializer final : public serializers::incremental_deserializer<ReceivedPacket> {
public:
    converting_deserializer(std::unique_ptr<serializers::incremental_deserializer<ReceivedDTOPacket>> inner,
                            std::shared_ptr<const Converter> converter)
        : inner_(std::move(inner)), converter_(std::move(converter))
    {
    }

    std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
    {
        std::optional<ReceivedDTOPacket> dto = inner_->try_parse(data, consumed);
        if (!dto) {
            return std::nullopt;
        }
        try {
            return std::optional<ReceivedPacket>(converter_->create_from_dto_packet(std::move(*dto)));
        } catch (const packet_conversion_error& exc) {
            throw converter_rejected_packet{exc.clone()};
        }
    }

private:
    std::unique_ptr<serializers::incremental_deserializer<ReceivedDTOPacket>> inner_;
    std::shared_ptr<const Converter> converter_;
};

template <class SentPacket, class ReceivedPacket, class SentDTOPacket, class ReceivedDTOPacket>
class protocol_core_impl final : public protocol_core<SentPacket, ReceivedPacket> {
public:
    using serializer_type = serializers::packet_serializer<SentDTOPacket, ReceivedDTOPacket>;
    using converter_type =
        converter::packet_converter_composite<SentPacket, ReceivedPacket, SentDTOPacket, ReceivedDTOPacket>;

    using serializer_ptr = std::shared_ptr<const serializer_type>;
    using converter_ptr = std::shared_ptr<const converter_type>;

    protocol_core_impl(serializer_ptr serializer, converter_ptr converter)
        : serializer_(std::move(serializer)), converter_(std::move(converter))
    {
        if (!serializer_) {
            throw std::invalid_argument("Expected a serializer instance, got null");
        }
        if constexpr (!std::is_same_v<SentPacket, SentDTOPacket> || !std::is_same_v<ReceivedPacket, ReceivedDTOPacket>) {
            if (!converter_) {
                throw std::invalid_argument("Expected a converter instance, got null");
            }
        }
        incremental_ = dynamic_cast<const serializers::incremental_packet_serializer<SentDTOPacket, ReceivedDTOPacket>*>(
            serializer_.get());
        buffered_ = dynamic_cast<const serializers::buffered_incremental_packet_serializer<SentDTOPacket, ReceivedDTOPacket>*>(
            serializer_.get());
    }

    bool is_incremental() const noexcept override { return incremental_ != nullptr; }
    bool is_buffered() const noexcept override { return buffered_ != nullptr; }

    std::string make_datagram(const SentPacket& packet) const override
    {
        if constexpr (std::is_same_v<SentPacket, SentDTOPacket>) {
            if (!converter_) {
                return serializer_->serialize(packet);
            }
        }
        return serializer_->serialize(converter_->convert_to_dto_packet(packet));
    }

    void generate_chunks(const SentPacket& packet, std::vector<std::string>& chunks) const override
    {
        if constexpr (std::is_same_v<SentPacket, SentDTOPacket>) {
            if (!converter_) {
                incremental_->incremental_serialize(packet, chunks);
                return;
            }
        }
        incremental_->incremental_serialize(converter_->convert_to_dto_packet(packet), chunks);
    }

    ReceivedPacket build_packet_from_datagram(std::string_view datagram) const override
    {
        std::optional<ReceivedDTOPacket> dto;
        try {
            dto.emplace(serializer_->deserialize(datagram));
        } catch (const deserialize_error& exc) {
            throw datagram_protocol_parse_error(exc);
        }
        if constexpr (std::is_same_v<ReceivedPacket, ReceivedDTOPacket>) {
            if (!converter_) {
                return std::move(*dto);
            }
        }
        try {
            return converter_->create_from_dto_packet(std::move(*dto));
        } catch (const packet_conversion_error& exc) {
            throw datagram_protocol_parse_error(exc);
        }
    }

    std::unique_ptr<serializers::incremental_deserializer<ReceivedPacket>> make_deserializer() const override
    {
        if constexpr (std::is_same_v<ReceivedPacket, ReceivedDTOPacket>) {
            if (!converter_) {
                return incremental_->make_incremental_deserializer();
            }
        }
        return std::make_unique<converting_deserializer<ReceivedPacket, ReceivedDTOPacket, converter_type>>(
            incremental_->make_incremental_deserializer(), converter_);
    }

    serializers::deserializer_buffer_size create_buffer(std::size_t sizehint) const override
    {
        return buffered_->create_deserializer_buffer(sizehint);
    }

private:
    std::shared_ptr<const serializer_type> serializer_;
    std::shared_ptr<const converter_type> converter_;
    const serializers::incremental_packet_serializer<SentDTOPacket, ReceivedDTOPacket>* incremental_ = nullptr;
    const serializers::buffered_incremental_packet_serializer<SentDTOPacket, ReceivedDTOPacket>* buffered_ = nullptr;
};

/// Builds the core of a protocol from any serializer and converter pointers
/// (the DTO types are the serializer's packet types).
template <class SentPacket, class ReceivedPacket, class Serializer, class Converter>
std::shared_ptr<const protocol_core<SentPacket, ReceivedPacket>> make_protocol_core(std::shared_ptr<Serializer> serializer,
                                                                                   std::shared_ptr<Converter> converter)
{
    using sent_dto = typename Serializer::sent_packet_type;
    using received_dto = typename Serializer::received_packet_type;
    using impl = protocol_core_impl<SentPacket, ReceivedPacket, sent_dto, received_dto>;
    return std::make_shared<const impl>(typename impl::serializer_ptr(std::move(serializer)),
                                        typename impl::converter_ptr(std::move(converter)));
}

/// Buffer operations a consumer offers to `packet_parser::parse()` for error recovery.
class parser_buffer_ops {
public:
    /// Drops `n` leading pending bytes.
    virtual void advance(std::size_t n) = 0;
    /// Makes `data` the whole pending content (recovery point).
    virtual void replace(std::string_view data) = 0;
    /// Drops every pending byte.
    virtual void drop() noexcept = 0;

protected:
    ~parser_buffer_ops() = default;
};

/// The per-connection parse state plus the error mapping of SEMANTICS P3/P4/M5.
template <class ReceivedPacket>
class packet_parser {
public:
    packet_parser(std::shared_ptr<const receiver_core<ReceivedPacket>> core, const char* crash_message)
        : core_(std::move(core)), crash_message_(crash_message)
    {
    }

    const receiver_core<ReceivedPacket>& core() const noexcept { return *core_; }
    const char* crash_message() const noexcept { return crash_message_; }

    /// Forgets the parse state (the next call starts a new packet).
    void reset() noexcept { state_.reset(); }

    /** Parses from `pending` (non-empty); on success the caller advances by `consumed`.
        On error, `ops` has already been applied when the exception leaves. */
    std::optional<ReceivedPacket> parse(std::string_view pending, std::size_t& consumed, parser_buffer_ops& ops)
    {
        if (!state_) {
            try {
                state_ = core_->make_deserializer();
            } catch (const std::exception&) {
                throw protocol_crash_error(crash_message_); // nothing consumed: the buffer is kept
            }
        }
        std::size_t used = 0;
        try {
            std::optional<ReceivedPacket> packet = state_->try_parse(pending, used);
            if (used > pending.size()) {
                throw std::length_error("deserializer consumed more bytes than available");
            }
            consumed = used;
            return packet;
        } catch (const converter_rejected_packet& rejected) {
            const std::size_t n = used < pending.size() ? used : pending.size();
            std::string remaining(pending.substr(n));
            ops.advance(n);
            throw stream_protocol_parse_error(std::move(remaining), *rejected.error);
        } catch (const incremental_deserialize_error& exc) {
            state_.reset();
            ops.replace(exc.remaining_data());
            throw stream_protocol_parse_error(exc.remaining_data(), exc);
        } catch (const deserialize_error&) {
            state_.reset();
            ops.drop();
            try {
                throw protocol_crash_error("DeserializeError raised instead of IncrementalDeserializeError");
            } catch (const protocol_crash_error&) {
                throw protocol_crash_error(crash_message_);
            }
        } catch (const std::exception&) {
            state_.reset();
            ops.drop();
            throw protocol_crash_error(crash_message_);
        }
    }

private:
    std::shared_ptr<const receiver_core<ReceivedPacket>> core_;
    std::unique_ptr<serializers::incremental_deserializer<ReceivedPacket>> state_;
    const char* crash_message_;
};

} // namespace easynet::protocol::detail

#endif
