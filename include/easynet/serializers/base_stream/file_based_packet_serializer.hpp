//
// easynet — base class for whole-document formats (EasyNetwork `FileBasedPacketSerializer`,
// SEMANTICS Z5): MessagePack, CBOR and any self-delimiting encoding.
//
#ifndef EASYNET_SERIALIZERS_BASE_STREAM_FILE_BASED_PACKET_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_BASE_STREAM_FILE_BASED_PACKET_SERIALIZER_HPP

#include <easynet/defaults.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/abc/buffered_incremental_packet_serializer.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace easynet::serializers {

/// Options of `file_based_packet_serializer`.
struct file_based_options {
    /// Maximum number of buffered bytes while one document is incomplete (must be > 0).
    std::size_t limit = defaults::serializer_limit;
    /// Attach the offending data to errors (`error_info`).
    bool debug = false;
};

/** Base class for formats where a document delimits itself (no framing is added).

    Implement `dump_to_bytes()` and `load_from_bytes()`; this class provides everything else:
    - `serialize()` = `dump_to_bytes()`; `incremental_serialize()` sends it as one chunk
      (nothing when empty);
    - `deserialize()`: an incomplete document gives `deserialize_error("Missing data to create
      packet")`, a `deserialize_error` from `load_from_bytes()` is rethrown with the same
      message, trailing bytes give `deserialize_error("Extra data caught")`; debug info
      `{"data"}` (or `{"packet", "extra"}`);
    - stream: documents are simply concatenated. While the pending bytes hold an incomplete
      document the deserializer waits; once more than `limit` bytes are pending it throws
      `limit_overrun_error("chunk exceeded buffer limit")` and all pending bytes are dropped.
      A `deserialize_error` from `load_from_bytes()` becomes
      `incremental_deserialize_error("Deserialize error: <message>")` whose remaining data
      starts where the loader stopped reading (debug info `{"data"}`: all pending bytes);
    - buffered: the receive buffer starts at `min(sizehint, limit + 1)` bytes and may grow to
      `limit + 1`, so a document of up to `limit` bytes is parsed in place, without copies.

    Each call to `load_from_bytes()` starts again from the first byte of the document; the
    consumer calls it only when new bytes arrived (and, when the serializer provides a
    `document_scanner`, only once that scanner found the end of the document).

    Thread safety: immutable; concurrent calls are safe.
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class file_based_packet_serializer : public buffered_incremental_packet_serializer<SentPacket, ReceivedPacket> {
public:
    /// @throws std::invalid_argument if `options.limit` is 0.
    explicit file_based_packet_serializer(const file_based_options& options = {}) : options_(options)
    {
        if (options_.limit == 0) {
            throw std::invalid_argument("limit must be a positive integer");
        }
    }

    /** Appends the encoded `packet` to `out` (Python `dump_to_file`).
        @throws any exception for a packet that cannot be encoded. */
    virtual void dump_to_bytes(const SentPacket& packet, std::string& out) const = 0;

    /** Decodes one document from the start of `data` (Python `load_from_file`).
        @param data the bytes available (may be incomplete, may be followed by other documents).
        @param consumed [out] on success, the size of the document; when throwing
               `deserialize_error`, the number of bytes read before the error was detected
               (stream parsing resumes there).
        @return the packet, or `std::nullopt` if `data` ends inside the document (Python's
                `EOFError`).
        @throws deserialize_error for invalid data (Python's "expected load errors"); any
                other exception is treated as a crash. */
    virtual std::optional<ReceivedPacket> load_from_bytes(std::string_view data, std::size_t& consumed) const = 0;

    /** Optional per-connection helper that finds where a document ends without decoding it,
        resuming where it stopped (so a document trickling in costs linear, not quadratic, work).

        When a serializer provides one, a stream deserializer that got an incomplete document
        calls `load_from_bytes()` again only once `ready()` says the document is complete (or
        invalid); meanwhile the limit still applies.
    */
    class document_scanner {
    public:
        virtual ~document_scanner() = default;
        /// False while `data` surely ends inside the document. `data` grows between calls as
        /// in `incremental_deserializer::try_parse()`.
        virtual bool ready(std::string_view data) = 0;
        /// Forgets the progress (a new document starts).
        virtual void reset() noexcept = 0;
    };

    /// The scanner of one connection, or null (the default: retry `load_from_bytes()`).
    virtual std::unique_ptr<document_scanner> make_document_scanner() const { return nullptr; }

    std::string serialize(const SentPacket& packet) const override
    {
        std::string out;
        dump_to_bytes(packet, out);
        return out;
    }

    ReceivedPacket deserialize(std::string_view data) const override
    {
        std::size_t consumed = 0;
        std::optional<ReceivedPacket> packet;
        try {
            packet = load_from_bytes(data, consumed);
        } catch (const deserialize_error& exc) {
            throw deserialize_error(exc.what(), debug_info_data(data));
        }
        if (!packet) {
            throw deserialize_error("Missing data to create packet", debug_info_data(data));
        }
        if (consumed < data.size()) {
            error_info_ptr info;
            if (options_.debug) {
                auto map = std::make_shared<error_info_map>();
                if constexpr (std::is_copy_constructible_v<ReceivedPacket>) {
                    map->set("packet", *packet);
                }
                map->set("extra", std::string(data.substr(consumed)));
                info = std::move(map);
            }
            throw deserialize_error("Extra data caught", std::move(info));
        }
        return std::move(*packet);
    }

    void incremental_serialize(const SentPacket& packet, std::vector<std::string>& chunks) const final
    {
        std::string out;
        dump_to_bytes(packet, out);
        if (!out.empty()) {
            chunks.push_back(std::move(out));
        }
    }

    std::unique_ptr<incremental_deserializer<ReceivedPacket>> make_incremental_deserializer() const final
    {
        return std::make_unique<deserializer>(*this);
    }

    deserializer_buffer_size create_deserializer_buffer(std::size_t sizehint) const final
    {
        const std::size_t maximum = options_.limit + 1;
        return {std::clamp<std::size_t>(sizehint, 1, maximum), maximum};
    }

    /// Maximum number of pending bytes for one incomplete document.
    std::size_t buffer_limit() const noexcept { return options_.limit; }
    bool debug() const noexcept { return options_.debug; }

private:
    error_info_ptr debug_info_data(std::string_view data) const
    {
        return options_.debug ? make_error_info({{"data", std::string(data)}}) : nullptr;
    }

    class deserializer final : public incremental_deserializer<ReceivedPacket> {
    public:
        explicit deserializer(const file_based_packet_serializer& s)
            : serializer_(s), scanner_(s.make_document_scanner())
        {
        }
        std::optional<ReceivedPacket> try_parse(std::string_view data, std::size_t& consumed) override
        {
            // The first attempt decodes directly (a whole document usually comes at once);
            // once it was incomplete, the scanner decides when to try again.
            if (scanner_ && waiting_ && !scanner_->ready(data)) {
                if (data.size() > serializer_.options_.limit) {
                    throw limit_overrun_error("chunk exceeded buffer limit", data, data.size());
                }
                return std::nullopt;
            }
            std::size_t used = 0;
            std::optional<ReceivedPacket> packet;
            try {
                packet = serializer_.load_from_bytes(data, used);
            } catch (const deserialize_error& exc) {
                used = std::min(used, data.size());
                throw incremental_deserialize_error(std::string("Deserialize error: ") + exc.what(),
                                                    std::string(data.substr(used)), serializer_.debug_info_data(data));
            }
            if (packet) {
                consumed = std::min(used, data.size());
                if (scanner_) {
                    scanner_->reset();
                }
                waiting_ = false;
                return packet;
            }
            waiting_ = true;
            if (data.size() > serializer_.options_.limit) {
                throw limit_overrun_error("chunk exceeded buffer limit", data, data.size());
            }
            return std::nullopt;
        }

    private:
        const file_based_packet_serializer& serializer_;
        std::unique_ptr<document_scanner> scanner_;
        bool waiting_ = false; // the current document was found incomplete at least once
    };

    file_based_options options_;
};

} // namespace easynet::serializers

#endif
