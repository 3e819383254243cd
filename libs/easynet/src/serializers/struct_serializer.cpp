//
// easynet — struct_format: a port of CPython's `struct` module format engine.
//
#include <easynet/serializers/struct_serializer.hpp>

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace easynet::serializers {

namespace {

struct code_info {
    std::size_t size;
    std::size_t align;
    bool native_only;
};

// Sizes and alignments of CPython's native and standard tables on this platform.
bool lookup(char code, bool native, code_info& out) noexcept
{
    switch (code) {
    case 'x':
    case 'c':
    case 'b':
    case 'B':
    case 's':
    case 'p':
        out = {1, 1, false};
        return true;
    case '?':
        out = {native ? sizeof(bool) : 1, native ? alignof(bool) : 1, false};
        return true;
    case 'h':
    case 'H':
    case 'e':
        out = {2, native ? 2u : 1u, false};
        return true;
    case 'i':
    case 'I':
    case 'f':
        out = {4, native ? 4u : 1u, false};
        return true;
    case 'l':
    case 'L':
        out = {native ? sizeof(long) : 4, native ? alignof(long) : 1, false};
        return true;
    case 'q':
    case 'Q':
    case 'd':
        out = {8, native ? alignof(long long) : 1, false};
        if (code == 'd') {
            out.align = native ? alignof(double) : 1;
        }
        return true;
    case 'n':
    case 'N':
        out = {sizeof(std::size_t), alignof(std::size_t), true};
        return true;
    case 'P':
        out = {sizeof(void*), alignof(void*), true};
        return true;
    default:
        return false;
    }
}

[[noreturn]] void struct_error(const std::string& msg)
{
    throw std::invalid_argument(msg);
}

bool is_signed_code(char c) noexcept
{
    return c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q' || c == 'n';
}

bool is_unsigned_code(char c) noexcept
{
    return c == 'B' || c == 'H' || c == 'I' || c == 'L' || c == 'Q' || c == 'N' || c == 'P';
}

bool little_endian_order(char order) noexcept
{
    if (order == '<') {
        return true;
    }
    if (order == '>' || order == '!') {
        return false;
    }
    return std::endian::native == std::endian::little;
}

void store_uint(char* p, std::uint64_t v, std::size_t size, bool little) noexcept
{
    for (std::size_t i = 0; i < size; ++i) {
        const auto byte = static_cast<char>((v >> (8 * i)) & 0xFF);
        p[little ? i : size - 1 - i] = byte;
    }
}

std::uint64_t load_uint(const char* p, std::size_t size, bool little) noexcept
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(p[little ? i : size - 1 - i]);
        v |= static_cast<std::uint64_t>(byte) << (8 * i);
    }
    return v;
}

// IEEE 754 binary16 from a double, round half to even (CPython PyFloat_Pack2).
bool double_to_half(double x, std::uint16_t& out) noexcept
{
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
    const std::uint16_t sign = static_cast<std::uint16_t>((bits >> 48) & 0x8000);
    if (std::isnan(x)) {
        out = static_cast<std::uint16_t>(sign | 0x7E00);
        return true;
    }
    if (std::isinf(x)) {
        out = static_cast<std::uint16_t>(sign | 0x7C00);
        return true;
    }
    double a = std::fabs(x);
    if (a == 0.0) {
        out = sign;
        return true;
    }
    int e = 0;
    double f = std::frexp(a, &e); // a = f * 2^e, 0.5 <= f < 1
    // normal half: value = 1.m * 2^(E-15), E in 1..30  => e-1 in -14..15
    int exp = e - 1;
    std::uint32_t mant;
    std::uint32_t hexp;
    if (exp < -14) {
        // subnormal: value = m * 2^-24
        const double scaled = std::ldexp(a, 24);
        double r = std::nearbyint(scaled); // default rounding mode: nearest even
        mant = static_cast<std::uint32_t>(r);
        if (mant >= 0x400) { // rounded up to the smallest normal
            out = static_cast<std::uint16_t>(sign | 0x0400);
            return true;
        }
        out = static_cast<std::uint16_t>(sign | mant);
        return true;
    }
    const double scaled = std::ldexp(f * 2.0 - 1.0, 10); // fraction bits
    double r = std::nearbyint(scaled);
    mant = static_cast<std::uint32_t>(r);
    if (mant == 0x400) {
        mant = 0;
        ++exp;
    }
    if (exp > 15) {
        return false; // overflow
    }
    hexp = static_cast<std::uint32_t>(exp + 15);
    out = static_cast<std::uint16_t>(sign | (hexp << 10) | mant);
    return true;
}

double half_to_double(std::uint16_t h) noexcept
{
    const bool neg = (h & 0x8000) != 0;
    const int e = (h >> 10) & 0x1F;
    const int m = h & 0x3FF;
    double v;
    if (e == 0) {
        v = std::ldexp(static_cast<double>(m), -24);
    } else if (e == 31) {
        v = m == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    } else {
        v = std::ldexp(static_cast<double>(m | 0x400), e - 25);
    }
    return neg ? -v : v;
}

struct integer_arg {
    bool negative;
    std::uint64_t magnitude; // absolute value
};

integer_arg as_integer(const struct_value& v)
{
    if (const auto* b = std::get_if<bool>(&v)) {
        return {false, *b ? 1u : 0u};
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        if (*i < 0) {
            return {true, static_cast<std::uint64_t>(-(*i + 1)) + 1};
        }
        return {false, static_cast<std::uint64_t>(*i)};
    }
    if (const auto* u = std::get_if<std::uint64_t>(&v)) {
        return {false, *u};
    }
    struct_error("required argument is not an integer");
}

double as_float(const struct_value& v)
{
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* b = std::get_if<bool>(&v)) {
        return *b ? 1.0 : 0.0;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*i);
    }
    if (const auto* u = std::get_if<std::uint64_t>(&v)) {
        return static_cast<double>(*u);
    }
    struct_error("required argument is not a float");
}

bool truthiness(const struct_value& v) noexcept
{
    return std::visit(
        [](const auto& x) -> bool {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string>) {
                return !x.empty();
            } else {
                return x != T{};
            }
        },
        v);
}

[[noreturn]] void range_error(char code, std::size_t size, bool is_unsigned)
{
    char buf[128];
    if (code == 'b') {
        struct_error("byte format requires -128 <= number <= 127");
    }
    if (code == 'B') {
        struct_error("ubyte format requires 0 <= number <= 255");
    }
    if (size >= 8) {
        struct_error("int too large to convert");
    }
    const std::uint64_t ulargest = (std::uint64_t{1} << (8 * size)) - 1;
    if (is_unsigned) {
        std::snprintf(buf, sizeof buf, "'%c' format requires 0 <= number <= %llu", code,
                      static_cast<unsigned long long>(ulargest));
    } else {
        const long long largest = static_cast<long long>(ulargest >> 1);
        std::snprintf(buf, sizeof buf, "'%c' format requires %lld <= number <= %lld", code, -largest - 1, largest);
    }
    struct_error(buf);
}

} // namespace

struct_format::struct_format(std::string_view format) : format_(format)
{
    std::size_t i = 0;
    if (!format.empty() && std::string_view("@=<>!").find(format.front()) != std::string_view::npos) {
        order_ = format.front();
        i = 1;
    }
    const bool native = order_ == '@';
    std::size_t offset = 0;
    while (i < format.size()) {
        const char c = format[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
            ++i;
            continue;
        }
        std::size_t num = 1;
        if (c >= '0' && c <= '9') {
            num = 0;
            while (i < format.size() && format[i] >= '0' && format[i] <= '9') {
                const std::size_t digit = static_cast<std::size_t>(format[i] - '0');
                if (num > (std::numeric_limits<std::size_t>::max() - digit) / 10) {
                    struct_error("total struct size too long");
                }
                num = num * 10 + digit;
                ++i;
            }
            if (i == format.size()) {
                struct_error("repeat count given without format specifier");
            }
        }
        const char code = format[i++];
        code_info info{};
        if (!lookup(code, native, info) || (info.native_only && !native)) {
            struct_error("bad char in struct format");
        }
        if (native && info.align > 1) {
            offset = (offset + info.align - 1) / info.align * info.align;
        }
        if (code == 's' || code == 'p') {
            fields_.push_back({code, num, offset, num});
            offset += num;
            ++count_;
        } else if (code == 'x') {
            offset += num;
        } else {
            for (std::size_t k = 0; k < num; ++k) {
                fields_.push_back({code, 1, offset, info.size});
                offset += info.size;
                ++count_;
            }
        }
    }
    size_ = offset;
}

std::string struct_format::pack(const struct_tuple& values) const
{
    std::string out;
    pack_into(values, out);
    return out;
}

void struct_format::pack_into(const struct_tuple& values, std::string& out) const
{
    if (values.size() != count_) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "pack expected %zu items for packing (got %zu)", count_, values.size());
        struct_error(buf);
    }
    const std::size_t base = out.size();
    out.resize(base + size_, '\0');
    char* record = out.data() + base;
    const bool little = little_endian_order(order_);
    try {
        for (std::size_t k = 0; k < fields_.size(); ++k) {
            const field& f = fields_[k];
            const struct_value& v = values[k];
            char* p = record + f.offset;
            switch (f.code) {
            case 'c': {
                const auto* s = std::get_if<std::string>(&v);
                if (s == nullptr || s->size() != 1) {
                    struct_error("char format requires a bytes object of length 1");
                }
                *p = (*s)[0];
                break;
            }
            case 's':
            case 'p': {
                const auto* s = std::get_if<std::string>(&v);
                if (s == nullptr) {
                    struct_error(std::string("argument for '") + f.code + "' must be a bytes object");
                }
                if (f.code == 's') {
                    std::memcpy(p, s->data(), std::min(s->size(), f.count));
                } else if (f.count > 0) {
                    std::size_t n = std::min(s->size(), f.count - 1);
                    std::memcpy(p + 1, s->data(), n);
                    p[0] = static_cast<char>(std::min<std::size_t>(n, 255));
                }
                break;
            }
            case '?':
                *p = truthiness(v) ? 1 : 0;
                break;
            case 'e': {
                std::uint16_t h = 0;
                if (!double_to_half(as_float(v), h)) {
                    struct_error("float too large to pack with e format");
                }
                store_uint(p, h, 2, little);
                break;
            }
            case 'f': {
                const double d = as_float(v);
                const auto fl = static_cast<float>(d);
                if (std::isinf(fl) && std::isfinite(d)) {
                    struct_error("float too large to pack with f format");
                }
                store_uint(p, std::bit_cast<std::uint32_t>(fl), 4, little);
                break;
            }
            case 'd':
                store_uint(p, std::bit_cast<std::uint64_t>(as_float(v)), 8, little);
                break;
            default: {
                const integer_arg a = as_integer(v);
                const std::size_t bits = 8 * f.size;
                if (is_unsigned_code(f.code)) {
                    if (a.negative || (bits < 64 && a.magnitude >> bits != 0)) {
                        range_error(f.code, f.size, true);
                    }
                    store_uint(p, a.magnitude, f.size, little);
                } else {
                    const std::uint64_t limit = std::uint64_t{1} << (bits - 1); // |min|
                    if ((a.negative && a.magnitude > limit) || (!a.negative && a.magnitude >= limit)) {
                        range_error(f.code, f.size, false);
                    }
                    const std::uint64_t raw = a.negative ? (~a.magnitude + 1) : a.magnitude;
                    store_uint(p, raw, f.size, little);
                }
                break;
            }
            }
        }
    } catch (...) {
        out.resize(base);
        throw;
    }
}

struct_tuple struct_format::unpack(std::string_view data) const
{
    if (data.size() != size_) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "unpack requires a buffer of %zu bytes", size_);
        struct_error(buf);
    }
    const bool little = little_endian_order(order_);
    struct_tuple out;
    out.reserve(count_);
    for (const field& f : fields_) {
        const char* p = data.data() + f.offset;
        switch (f.code) {
        case 'c':
            out.emplace_back(std::string(p, 1));
            break;
        case 's':
            out.emplace_back(std::string(p, f.count));
            break;
        case 'p': {
            if (f.count == 0) {
                out.emplace_back(std::string());
                break;
            }
            std::size_t n = static_cast<unsigned char>(p[0]);
            if (n >= f.count) {
                n = f.count - 1;
            }
            out.emplace_back(std::string(p + 1, n));
            break;
        }
        case '?':
            out.emplace_back(*p != 0);
            break;
        case 'e':
            out.emplace_back(half_to_double(static_cast<std::uint16_t>(load_uint(p, 2, little))));
            break;
        case 'f':
            out.emplace_back(static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(load_uint(p, 4, little)))));
            break;
        case 'd':
            out.emplace_back(std::bit_cast<double>(load_uint(p, 8, little)));
            break;
        default: {
            const std::uint64_t raw = load_uint(p, f.size, little);
            if (is_signed_code(f.code)) {
                const std::size_t bits = 8 * f.size;
                std::int64_t v;
                if (bits < 64 && (raw >> (bits - 1)) != 0) {
                    v = static_cast<std::int64_t>(raw | (~std::uint64_t{0} << bits));
                } else {
                    v = static_cast<std::int64_t>(raw);
                }
                out.emplace_back(v);
            } else {
                out.emplace_back(raw);
            }
            break;
        }
        }
    }
    return out;
}

} // namespace easynet::serializers
