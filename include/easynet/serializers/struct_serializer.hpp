//
// easynet — Python-`struct`-compatible packing (EasyNetwork `StructSerializer`,
// `AbstractStructSerializer`, SEMANTICS Z4).
//
#ifndef EASYNET_SERIALIZERS_STRUCT_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_STRUCT_SERIALIZER_HPP

#include <easynet/serializers/base_stream/fixed_size_packet_serializer.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace easynet::serializers {

/** One value of a struct tuple (Python: int, bool, float or bytes).

    Unpacking yields `std::int64_t` for signed codes (b h i l q n), `std::uint64_t` for
    unsigned ones (B H I L Q N P), `bool` for `?`, `double` for e f d, and `std::string`
    (bytes) for c s p. Packing accepts any integer alternative (and `bool`) for integer
    codes, any number for float codes, anything for `?` (truthiness, as Python).
*/
using struct_value = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

/// A packed record: one value per non-pad field, in format order (Python's tuple).
using struct_tuple = std::vector<struct_value>;

/** A compiled Python `struct` format (`struct.Struct`).

    Supports byte orders `@` (native, with alignment), `=`, `<`, `>`, `!`; every field code
    `x c b B ? h H i I l L q Q n N e f d s p P` with repeat counts (`4s` is one 4-byte
    string, `3i` three ints), whitespace between fields. `n`, `N`, `P` exist only in native
    mode. Sizes and padding are those of CPython on this platform (`@`: `l` is 8 bytes on
    LP64, fields aligned to their size, no trailing padding).

    Thread safety: immutable; concurrent calls are safe.
*/
class struct_format {
public:
    /// @throws std::invalid_argument with Python's `struct.error` messages ("bad char in struct format", ...).
    explicit struct_format(std::string_view format);

    /// The format string as given.
    const std::string& format() const noexcept { return format_; }
    /// Packed size in bytes (`struct.calcsize`).
    std::size_t size() const noexcept { return size_; }
    /// Number of values of a tuple (pad bytes excluded).
    std::size_t value_count() const noexcept { return count_; }

    /** `struct.pack`. @throws std::invalid_argument ("pack expected 2 items for packing (got 1)",
        "'h' format requires -32768 <= number <= 32767", ...). */
    std::string pack(const struct_tuple& values) const;
    /// Appends the packed bytes to `out`.
    void pack_into(const struct_tuple& values, std::string& out) const;
    /** `struct.unpack`. @throws std::invalid_argument "unpack requires a buffer of N bytes". */
    struct_tuple unpack(std::string_view data) const;

    struct field {
        char code;          ///< format character
        std::size_t count;  ///< string length for s/p, else 1
        std::size_t offset; ///< byte offset in the record
        std::size_t size;   ///< bytes
    };
    const std::vector<field>& fields() const noexcept { return fields_; }
    /// '<' little, '>' big, '@' native aligned, '=' native unaligned.
    char byte_order() const noexcept { return order_; }

private:
    std::string format_;
    char order_ = '@';
    std::size_t size_ = 0;
    std::size_t count_ = 0;
    std::vector<field> fields_;
};

/** Base class mapping packets to struct tuples (Python `AbstractStructSerializer`).

    If the format has no byte-order character, network order (`!`) is used, as EasyNetwork
    does. Implement `iter_values()` and `from_tuple()`. Unpacking errors give
    `deserialize_error("Invalid value: ...")` (debug info `{"data"}`).
*/
template <class SentPacket, class ReceivedPacket = SentPacket>
class abstract_struct_serializer : public fixed_size_packet_serializer<SentPacket, ReceivedPacket> {
public:
    explicit abstract_struct_serializer(std::string_view format, bool debug = false)
        : abstract_struct_serializer(struct_format(with_default_order(format)), debug)
    {
    }

    /// The values to pack for `packet`.
    virtual struct_tuple iter_values(const SentPacket& packet) const = 0;
    /// The packet for unpacked values. May throw `deserialize_error`.
    virtual ReceivedPacket from_tuple(struct_tuple&& values) const = 0;

    std::string serialize(const SentPacket& packet) const final { return format_.pack(iter_values(packet)); }

    ReceivedPacket deserialize(std::string_view data) const final
    {
        struct_tuple values;
        try {
            values = format_.unpack(data);
        } catch (const std::invalid_argument& exc) {
            throw deserialize_error(std::string("Invalid value: ") + exc.what(),
                                    this->debug() ? make_error_info({{"data", std::string(data)}}) : nullptr);
        }
        return from_tuple(std::move(values));
    }

    /// The compiled format (with the byte order actually used).
    const struct_format& format() const noexcept { return format_; }

    /// `format` with "!" prepended when it has no byte-order character.
    static std::string with_default_order(std::string_view format)
    {
        if (!format.empty() && std::string_view("@=<>!").find(format.front()) != std::string_view::npos) {
            return std::string(format);
        }
        return "!" + std::string(format);
    }

private:
    abstract_struct_serializer(struct_format&& f, bool debug)
        : fixed_size_packet_serializer<SentPacket, ReceivedPacket>(f.size() == 0 ? 1 : f.size(), debug), format_(std::move(f))
    {
        if (format_.size() == 0) {
            throw std::invalid_argument("size must be a positive integer");
        }
    }

    struct_format format_;
};

/** Struct tuples as packets (Python `StructSerializer`): `struct_serializer("!iid")`.

    Thread safety: immutable; concurrent calls are safe.
*/
class struct_serializer final : public abstract_struct_serializer<struct_tuple, struct_tuple> {
public:
    explicit struct_serializer(std::string_view format, bool debug = false)
        : abstract_struct_serializer(format, debug)
    {
    }
    struct_tuple iter_values(const struct_tuple& packet) const override { return packet; }
    struct_tuple from_tuple(struct_tuple&& values) const override { return std::move(values); }
};

} // namespace easynet::serializers

#endif
