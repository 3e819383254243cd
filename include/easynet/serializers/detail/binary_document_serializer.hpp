//
// easynet — what the CBOR and MessagePack serializers share (private).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_BINARY_DOCUMENT_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_DETAIL_BINARY_DOCUMENT_SERIALIZER_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/base_stream/file_based_packet_serializer.hpp>
#include <easynet/serializers/detail/binary_document_codec.hpp>
#include <easynet/serializers/detail/document_conversion.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace easynet::serializers::detail {

/** A `file_based_packet_serializer` of `boost::json::value` documents written and read by
    `Codec`, a set of static members: `encode(doc, out)`, `decode(data, doc, options)`
    (returning a `decode_result`) and `make_scanner(max_depth)`, whose result has
    `scan(data)` (returning a `decode_status`) and `reset()`.

    `Options` (of the public serializer) has `limit`, `debug`, `max_depth` and `allow_binary`.

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket, class ReceivedPacket, class Codec>
class binary_document_serializer : public file_based_packet_serializer<SentPacket, ReceivedPacket> {
    using base = file_based_packet_serializer<SentPacket, ReceivedPacket>;

public:
    /// Appends the encoded form of `packet`.
    void dump_to_bytes(const SentPacket& packet, std::string& out) const override
    {
        with_document(packet, [&](const boost::json::value& doc) { Codec::encode(doc, out); });
    }

    /// Decodes the document at the start of `data` (`std::nullopt` if it is incomplete).
    /// @throws deserialize_error for an invalid document (`consumed`: where it stopped).
    std::optional<ReceivedPacket> load_from_bytes(std::string_view data, std::size_t& consumed) const override
    {
        boost::json::value doc;
        const decode_result r = Codec::decode(data, doc, decode_options_);
        if (r.status == decode_status::need_more)
            return std::nullopt;
        consumed = r.position;
        if (r.status == decode_status::invalid)
            throw deserialize_error(r.message);
        return document_to<ReceivedPacket>(std::move(doc));
    }

    /// Finds the end of a document without decoding it (linear work for trickling input).
    std::unique_ptr<typename base::document_scanner> make_document_scanner() const override
    {
        return std::make_unique<scanner>(decode_options_.max_depth);
    }

protected:
    /// @throws std::invalid_argument if `options.limit` is 0.
    template <class Options>
    explicit binary_document_serializer(const Options& options)
        : base({options.limit, options.debug}), decode_options_{options.max_depth, options.allow_binary}
    {
    }

private:
    class scanner final : public base::document_scanner {
    public:
        explicit scanner(std::size_t max_depth) : scanner_(Codec::make_scanner(max_depth)) {}
        bool ready(std::string_view data) override { return scanner_.scan(data) != decode_status::need_more; }
        void reset() noexcept override { scanner_.reset(); }

    private:
        decltype(Codec::make_scanner(std::size_t{})) scanner_;
    };

    document_decode_options decode_options_;
};

} // namespace easynet::serializers::detail

#endif
