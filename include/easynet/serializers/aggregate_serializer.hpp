//
// easynet — plain C++ structs as fixed-size binary records (Boost.PFR + Boost.Endian),
// the typed counterpart of `struct_serializer` (EasyNetwork `NamedTupleStructSerializer`).
//
#ifndef EASYNET_SERIALIZERS_AGGREGATE_SERIALIZER_HPP
#define EASYNET_SERIALIZERS_AGGREGATE_SERIALIZER_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/serializers/base_stream/fixed_size_packet_serializer.hpp>

#include <boost/endian/conversion.hpp>
#include <boost/pfr/core.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace easynet::serializers {

/** A text field of exactly `N` bytes in an `aggregate_serializer` record (Python
    `NamedTupleStructSerializer` string fields, format `Ns`): sent as UTF-8, truncated or padded
    with NUL bytes to `N`; received with trailing NUL bytes stripped and checked as UTF-8
    (invalid text gives `deserialize_error("UnicodeError when building packet from unpacked
    struct value: ...")`). */
template <std::size_t N>
struct fixed_string {
    std::string value;

    fixed_string() = default;
    fixed_string(std::string v) : value(std::move(v)) {}
    fixed_string(const char* v) : value(v) {}
    operator std::string_view() const noexcept { return value; }
    friend bool operator==(const fixed_string&, const fixed_string&) = default;
};

namespace detail {

/// Python's utf-8 codec message for `data`, or empty if it is valid.
std::string aggregate_utf8_error(std::string_view data);

template <class T>
struct aggregate_field_traits {
    static constexpr bool supported = false;
};

#define EASYNET_AGGREGATE_FIELD(type, code)                 \
    template <>                                             \
    struct aggregate_field_traits<type> {                   \
        static constexpr bool supported = true;             \
        static constexpr char format = code;                \
        static constexpr std::size_t size = sizeof(type);   \
    };
EASYNET_AGGREGATE_FIELD(bool, '?')
EASYNET_AGGREGATE_FIELD(char, 'c')
EASYNET_AGGREGATE_FIELD(std::int8_t, 'b')
EASYNET_AGGREGATE_FIELD(std::uint8_t, 'B')
EASYNET_AGGREGATE_FIELD(std::int16_t, 'h')
EASYNET_AGGREGATE_FIELD(std::uint16_t, 'H')
EASYNET_AGGREGATE_FIELD(std::int32_t, 'i')
EASYNET_AGGREGATE_FIELD(std::uint32_t, 'I')
EASYNET_AGGREGATE_FIELD(std::int64_t, 'q')
EASYNET_AGGREGATE_FIELD(std::uint64_t, 'Q')
EASYNET_AGGREGATE_FIELD(float, 'f')
EASYNET_AGGREGATE_FIELD(double, 'd')
#undef EASYNET_AGGREGATE_FIELD

template <std::size_t N>
struct aggregate_field_traits<std::array<char, N>> {
    static constexpr bool supported = true;
    static constexpr char format = 's';
    static constexpr std::size_t size = N;
};

template <std::size_t N>
struct aggregate_field_traits<fixed_string<N>> {
    static constexpr bool supported = true;
    static constexpr char format = 's';
    static constexpr std::size_t size = N;
};

template <class T>
struct is_fixed_string : std::false_type {
};
template <std::size_t N>
struct is_fixed_string<fixed_string<N>> : std::true_type {
};

template <class E>
    requires std::is_enum_v<E>
struct aggregate_field_traits<E> : aggregate_field_traits<std::underlying_type_t<E>> {
};

template <class T, std::size_t... I>
constexpr std::size_t aggregate_record_size(std::index_sequence<I...>)
{
    return (std::size_t{0} + ... + aggregate_field_traits<boost::pfr::tuple_element_t<I, T>>::size);
}

template <class T, std::size_t... I>
constexpr bool aggregate_all_supported(std::index_sequence<I...>)
{
    return (true && ... && aggregate_field_traits<boost::pfr::tuple_element_t<I, T>>::supported);
}

} // namespace detail

/** Fixed-size binary records for an aggregate `T` whose fields are `bool`, `char`, the
    fixed-width integers, `float`, `double`, enums, `std::array<char, N>` (raw bytes, Python
    `Ns`) or `fixed_string<N>` (UTF-8 text padded with NULs, Python `Ns` string fields). The layout is packed (no padding) in byte order `Order`
    (big endian = network order by default), identical to `struct_serializer(format())`,
    so `aggregate_serializer<point>` talks to a Python `StructSerializer("!ii")`.

    Thread safety: immutable; concurrent calls are safe.
*/
template <class T, boost::endian::order Order = boost::endian::order::big>
class aggregate_serializer final : public fixed_size_packet_serializer<T, T> {
    static_assert(std::is_aggregate_v<T>, "aggregate_serializer needs an aggregate type");
    using indices = std::make_index_sequence<boost::pfr::tuple_size_v<T>>;
    static_assert(detail::aggregate_all_supported<T>(indices{}),
                  "aggregate_serializer: unsupported field type (use fixed-width integers, float, double, bool, "
                  "char, enums or std::array<char, N>)");

public:
    /// Size of one record in bytes.
    static constexpr std::size_t record_size = detail::aggregate_record_size<T>(indices{});

    explicit aggregate_serializer(bool debug = false) : fixed_size_packet_serializer<T, T>(record_size, debug) {}

    /// The equivalent Python `struct` format, e.g. ">iid" (">" big, "<" little).
    static std::string format()
    {
        std::string f(1, Order == boost::endian::order::big ? '>' : '<');
        format_fields(f, indices{});
        return f;
    }

    std::string serialize(const T& packet) const override
    {
        std::string out(record_size, '\0'); // NUL padding of string fields
        char* p = out.data();
        boost::pfr::for_each_field(packet, [&p](const auto& field) { p = store(p, field); });
        return out;
    }

    T deserialize(std::string_view data) const override
    {
        if (data.size() != record_size) {
            throw deserialize_error("Invalid value: unpack requires a buffer of " + std::to_string(record_size) + " bytes",
                                    this->debug() ? make_error_info({{"data", std::string(data)}}) : nullptr);
        }
        T packet{};
        const char* p = data.data();
        boost::pfr::for_each_field(packet, [&p](auto& field) { p = load(p, field); });
        return packet;
    }

private:
    template <std::size_t... I>
    static void format_fields(std::string& f, std::index_sequence<I...>)
    {
        (append_field<boost::pfr::tuple_element_t<I, T>>(f), ...);
    }

    template <class F>
    static void append_field(std::string& f)
    {
        using tr = detail::aggregate_field_traits<F>;
        if constexpr (tr::format == 's') {
            f += std::to_string(tr::size);
        }
        f += tr::format;
    }

    template <class F>
    static char* store(char* p, const F& v)
    {
        if constexpr (std::is_enum_v<F>) {
            return store(p, static_cast<std::underlying_type_t<F>>(v));
        } else if constexpr (std::is_same_v<F, bool>) {
            *p = v ? 1 : 0;
            return p + 1;
        } else if constexpr (std::is_same_v<F, char>) {
            *p = v;
            return p + 1;
        } else if constexpr (std::is_floating_point_v<F>) {
            using U = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;
            boost::endian::endian_store<U, sizeof(U), Order>(reinterpret_cast<unsigned char*>(p), std::bit_cast<U>(v));
            return p + sizeof(U);
        } else if constexpr (std::is_integral_v<F>) {
            boost::endian::endian_store<F, sizeof(F), Order>(reinterpret_cast<unsigned char*>(p), v);
            return p + sizeof(F);
        } else if constexpr (detail::is_fixed_string<F>::value) {
            constexpr std::size_t n = detail::aggregate_field_traits<F>::size;
            if (!detail::aggregate_utf8_error(v.value).empty()) {
                throw std::invalid_argument("string field is not valid UTF-8");
            }
            std::memcpy(p, v.value.data(), std::min(n, v.value.size()));
            return p + n;
        } else {
            std::memcpy(p, v.data(), v.size());
            return p + v.size();
        }
    }

    template <class F>
    static const char* load(const char* p, F& v)
    {
        if constexpr (std::is_enum_v<F>) {
            std::underlying_type_t<F> u{};
            p = load(p, u);
            v = static_cast<F>(u);
            return p;
        } else if constexpr (std::is_same_v<F, bool>) {
            v = *p != 0;
            return p + 1;
        } else if constexpr (std::is_same_v<F, char>) {
            v = *p;
            return p + 1;
        } else if constexpr (std::is_floating_point_v<F>) {
            using U = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;
            v = std::bit_cast<F>(boost::endian::endian_load<U, sizeof(U), Order>(reinterpret_cast<const unsigned char*>(p)));
            return p + sizeof(U);
        } else if constexpr (std::is_integral_v<F>) {
            v = boost::endian::endian_load<F, sizeof(F), Order>(reinterpret_cast<const unsigned char*>(p));
            return p + sizeof(F);
        } else if constexpr (detail::is_fixed_string<F>::value) {
            constexpr std::size_t n = detail::aggregate_field_traits<F>::size;
            std::string_view text(p, n);
            while (!text.empty() && text.back() == '\0') {
                text.remove_suffix(1);
            }
            const std::string error = detail::aggregate_utf8_error(text);
            if (!error.empty()) {
                throw deserialize_error("UnicodeError when building packet from unpacked struct value: " + error);
            }
            v.value.assign(text);
            return p + n;
        } else {
            std::memcpy(v.data(), p, v.size());
            return p + v.size();
        }
    }
};

} // namespace easynet::serializers

#endif
