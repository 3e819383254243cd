//
// easynet — Python-compatible JSON writer and reader on boost::json::value.
//
#include <easynet/serializers/json/json_codec.hpp>

#include <easynet/serializers/tools/big_integer.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <stdexcept>
#include <system_error>

namespace easynet::serializers {

// ---------------------------------------------------------------------------------------
// big integers

namespace tools {

namespace {

// Compares two canonical non-negative decimal texts.
int compare_decimal(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

} // namespace

bool is_big_integer_text(std::string_view digits) noexcept
{
    bool negative = false;
    std::string_view d = digits;
    if (!d.empty() && d.front() == '-') {
        negative = true;
        d.remove_prefix(1);
    }
    if (d.empty() || (d.size() > 1 && d.front() == '0')) {
        return false;
    }
    for (char c : d) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    if (negative) {
        return compare_decimal(d, "9223372036854775808") > 0;
    }
    return compare_decimal(d, "18446744073709551615") > 0;
}

boost::json::value make_big_integer(std::string_view digits)
{
    if (!is_big_integer_text(digits)) {
        throw std::invalid_argument("not an integer outside the 64-bit range");
    }
    boost::json::object o;
    o.emplace(big_integer_key, boost::json::string(digits));
    return boost::json::value(std::move(o));
}

std::optional<std::string_view> big_integer_digits(const boost::json::value& v) noexcept
{
    const boost::json::object* o = v.if_object();
    if (o == nullptr || o->size() != 1) {
        return std::nullopt;
    }
    const auto& kv = *o->begin();
    if (kv.key() != big_integer_key) {
        return std::nullopt;
    }
    const boost::json::string* s = kv.value().if_string();
    if (s == nullptr || !is_big_integer_text(*s)) {
        return std::nullopt;
    }
    return std::string_view(*s);
}

} // namespace tools

namespace json {

// ---------------------------------------------------------------------------------------
// writer

namespace {

// 0: copy as is; otherwise the character after the backslash ('u' = \u00XX).
constexpr std::array<char, 256> make_escape_table(bool ensure_ascii)
{
    std::array<char, 256> t{};
    for (int c = 0; c < 0x20; ++c) {
        t[c] = 'u';
    }
    t['\b'] = 'b';
    t['\f'] = 'f';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t['"'] = '"';
    t['\\'] = '\\';
    if (ensure_ascii) {
        for (int c = 0x7F; c < 0x100; ++c) {
            t[c] = 'u';
        }
    }
    return t;
}

constexpr std::array<char, 256> ascii_escapes = make_escape_table(true);
constexpr std::array<char, 256> raw_escapes = make_escape_table(false);

constexpr char hex_digits[] = "0123456789abcdef";

// Appends to a std::string through a raw pointer: the string is kept sized to its
// capacity while writing and trimmed by finish().
class out_buffer {
public:
    explicit out_buffer(std::string& s) : s_(s), base_(s.size())
    {
        s_.resize(base_ + 256);
        p_ = s_.data() + base_;
        end_ = s_.data() + s_.size();
    }
    out_buffer(const out_buffer&) = delete;
    out_buffer& operator=(const out_buffer&) = delete;

    void ensure(std::size_t n)
    {
        if (static_cast<std::size_t>(end_ - p_) < n) {
            grow(n);
        }
    }
    void put(char c)
    {
        ensure(1);
        *p_++ = c;
    }
    void put_unchecked(char c) noexcept { *p_++ = c; }
    void write(const char* d, std::size_t n)
    {
        ensure(n);
        std::memcpy(p_, d, n);
        p_ += n;
    }
    void write(std::string_view d) { write(d.data(), d.size()); }
    char* cursor() noexcept { return p_; }
    void advance(char* to) noexcept { p_ = to; }
    void finish() { s_.resize(static_cast<std::size_t>(p_ - s_.data())); }

private:
    void grow(std::size_t n)
    {
        const std::size_t pos = static_cast<std::size_t>(p_ - s_.data());
        s_.resize(std::max(s_.size() * 2, pos + n + 256));
        p_ = s_.data() + pos;
        end_ = s_.data() + s_.size();
    }

    std::string& s_;
    std::size_t base_;
    char* p_ = nullptr;
    char* end_ = nullptr;
};

void append_u16(out_buffer& out, unsigned cp)
{
    out.ensure(6);
    out.put_unchecked('\\');
    out.put_unchecked('u');
    out.put_unchecked(hex_digits[(cp >> 12) & 0xF]);
    out.put_unchecked(hex_digits[(cp >> 8) & 0xF]);
    out.put_unchecked(hex_digits[(cp >> 4) & 0xF]);
    out.put_unchecked(hex_digits[cp & 0xF]);
}

// Decodes one UTF-8 (or WTF-8: lone surrogates allowed when `allow_surrogates`) sequence
// at p[0..n). Returns its length, 0 if invalid.
std::size_t decode_utf8(const unsigned char* p, std::size_t n, unsigned& cp, bool allow_surrogates) noexcept
{
    const unsigned char c = p[0];
    std::size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        cp = c & 0x0F;
        if (c == 0xE0) {
            lo = 0xA0;
        } else if (c == 0xED && !allow_surrogates) {
            hi = 0x9F;
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        cp = c & 0x07;
        if (c == 0xF0) {
            lo = 0x90;
        } else if (c == 0xF4) {
            hi = 0x8F;
        }
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const unsigned char b = p[k];
        if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    return len;
}

void write_string(out_buffer& out, std::string_view s, bool ensure_ascii)
{
    const std::array<char, 256>& table = ensure_ascii ? ascii_escapes : raw_escapes;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    // Fast path: most strings need no escape at all.
    out.ensure(n + 2);
    char* w = out.cursor();
    *w++ = '"';
    std::size_t i = 0;
    while (i < n && table[p[i]] == 0) {
        w[i] = static_cast<char>(p[i]);
        ++i;
    }
    out.advance(w + i);
    while (i < n) {
        std::size_t run = i;
        while (run < n && table[p[run]] == 0) {
            ++run;
        }
        if (run != i) {
            out.write(s.data() + i, run - i);
            i = run;
            if (i == n) {
                break;
            }
        }
        const unsigned char c = p[i];
        const char e = table[c];
        if (e != 'u') {
            out.ensure(2);
            out.put_unchecked('\\');
            out.put_unchecked(e);
            ++i;
            continue;
        }
        if (c < 0x80) {
            append_u16(out, c);
            ++i;
            continue;
        }
        // Non-ASCII with ensure_ascii: one code point, as \uXXXX or a surrogate pair.
        unsigned cp = 0;
        const std::size_t len = decode_utf8(p + i, n - i, cp, true);
        if (len == 0) {
            throw std::invalid_argument("JSON string is not valid UTF-8");
        }
        if (cp >= 0x10000) {
            cp -= 0x10000;
            append_u16(out, 0xD800 | (cp >> 10));
            append_u16(out, 0xDC00 | (cp & 0x3FF));
        } else {
            append_u16(out, cp);
        }
        i += len;
    }
    out.put('"');
    if (!ensure_ascii) {
        // Python encodes the result to UTF-8 strictly: lone surrogates cannot be written.
        for (std::size_t k = 0; k < n;) {
            if (p[k] < 0x80) {
                ++k;
                continue;
            }
            unsigned cp = 0;
            const std::size_t len = decode_utf8(p + k, n - k, cp, false);
            if (len == 0) {
                throw std::invalid_argument("JSON string is not valid UTF-8 (surrogates not allowed)");
            }
            k += len;
        }
    }
}

void write_float(out_buffer& out, double d, bool allow_nan)
{
    if (!std::isfinite(d)) {
        if (!allow_nan) {
            throw std::invalid_argument("Out of range float values are not JSON compliant");
        }
        out.write(std::isnan(d) ? std::string_view("NaN") : (d > 0 ? std::string_view("Infinity") : std::string_view("-Infinity")));
        return;
    }
    char buf[40];
    const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    // buf = [-]D[.DDDD]e(+|-)XX
    out.ensure(48);
    char* w = out.cursor();
    const char* p = buf;
    const char* end = r.ptr;
    if (*p == '-') {
        *w++ = '-';
        ++p;
    }
    char digits[24];
    std::size_t nd = 0;
    while (p != end && *p != 'e') {
        if (*p != '.') {
            digits[nd++] = *p;
        }
        ++p;
    }
    int exp = 0;
    std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), end, exp);
    const int decpt = exp + 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            *w++ = '0';
            *w++ = '.';
            for (int k = 0; k < -decpt; ++k) {
                *w++ = '0';
            }
            std::memcpy(w, digits, nd);
            w += nd;
        } else if (static_cast<std::size_t>(decpt) >= nd) {
            std::memcpy(w, digits, nd);
            w += nd;
            for (std::size_t k = nd; k < static_cast<std::size_t>(decpt); ++k) {
                *w++ = '0';
            }
            *w++ = '.';
            *w++ = '0';
        } else {
            std::memcpy(w, digits, static_cast<std::size_t>(decpt));
            w += decpt;
            *w++ = '.';
            std::memcpy(w, digits + decpt, nd - static_cast<std::size_t>(decpt));
            w += nd - static_cast<std::size_t>(decpt);
        }
        out.advance(w);
        return;
    }
    *w++ = digits[0];
    if (nd > 1) {
        *w++ = '.';
        std::memcpy(w, digits + 1, nd - 1);
        w += nd - 1;
    }
    *w++ = 'e';
    *w++ = exp < 0 ? '-' : '+';
    const int aexp = exp < 0 ? -exp : exp;
    if (aexp < 10) {
        *w++ = '0';
    }
    w = std::to_chars(w, w + 8, aexp).ptr;
    out.advance(w);
}

template <class Int>
void write_integer(out_buffer& out, Int i)
{
    out.ensure(24);
    out.advance(std::to_chars(out.cursor(), out.cursor() + 24, i).ptr);
}

void write_value(out_buffer& out, const boost::json::value& v, const encoder_options& opt)
{
    switch (v.kind()) {
    case boost::json::kind::null:
        out.write("null", 4);
        return;
    case boost::json::kind::bool_:
        if (v.get_bool()) {
            out.write("true", 4);
        } else {
            out.write("false", 5);
        }
        return;
    case boost::json::kind::int64:
        write_integer(out, v.get_int64());
        return;
    case boost::json::kind::uint64:
        write_integer(out, v.get_uint64());
        return;
    case boost::json::kind::double_:
        write_float(out, v.get_double(), opt.allow_nan);
        return;
    case boost::json::kind::string:
        write_string(out, v.get_string(), opt.ensure_ascii);
        return;
    case boost::json::kind::array: {
        const boost::json::array& a = v.get_array();
        out.put('[');
        bool first = true;
        for (const boost::json::value& e : a) {
            if (!first) {
                out.put(',');
            }
            first = false;
            write_value(out, e, opt);
        }
        out.put(']');
        return;
    }
    case boost::json::kind::object: {
        const boost::json::object& o = v.get_object();
        if (o.size() == 1) {
            if (const auto digits = tools::big_integer_digits(v)) {
                out.write(*digits);
                return;
            }
        }
        out.put('{');
        bool first = true;
        for (const auto& kv : o) {
            if (!first) {
                out.put(',');
            }
            first = false;
            write_string(out, kv.key(), opt.ensure_ascii);
            out.put(':');
            write_value(out, kv.value(), opt);
        }
        out.put('}');
        return;
    }
    }
}

} // namespace

void encode(const boost::json::value& value, std::string& out, const encoder_options& options)
{
    const std::size_t size = out.size();
    out_buffer buffer(out);
    try {
        write_value(buffer, value, options);
    } catch (...) {
        out.resize(size);
        throw;
    }
    buffer.finish();
}

std::string encode(const boost::json::value& value, const encoder_options& options)
{
    std::string out;
    encode(value, out, options);
    return out;
}

// ---------------------------------------------------------------------------------------
// errors

namespace {

std::size_t count_code_points(std::string_view s) noexcept
{
    std::size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::string format_decode_error(const std::string& msg, std::size_t pos, std::size_t lineno, std::size_t colno)
{
    return msg + ": line " + std::to_string(lineno) + " column " + std::to_string(colno) + " (char "
         + std::to_string(pos) + ")";
}

struct char_position {
    std::size_t pos, lineno, colno;
};

// Python: lineno = doc.count('\n', 0, pos) + 1; colno = pos - doc.rfind('\n', 0, pos)
char_position locate(std::string_view doc, std::size_t byte_pos) noexcept
{
    const std::string_view before = doc.substr(0, byte_pos);
    const std::size_t pos = count_code_points(before);
    std::size_t lineno = 1;
    for (char c : before) {
        lineno += c == '\n' ? 1 : 0;
    }
    const std::size_t nl = before.rfind('\n');
    const std::size_t colno = nl == std::string_view::npos ? pos + 1 : pos - count_code_points(doc.substr(0, nl));
    return {pos, lineno, colno};
}

} // namespace

json_decode_error::json_decode_error(std::string msg, std::string document, std::size_t position)
    : std::runtime_error(""), msg_(std::move(msg)), document_(std::move(document)), position_(position), lineno_(1),
      colno_(1)
{
    // `position` is a byte offset on input; convert to Python's character position.
    const char_position cp = locate(document_, position);
    position_ = cp.pos;
    lineno_ = cp.lineno;
    colno_ = cp.colno;
    static_cast<std::runtime_error&>(*this) = std::runtime_error(format_decode_error(msg_, position_, lineno_, colno_));
}

// ---------------------------------------------------------------------------------------
// reader, fast path: Boost.JSON's parser with a handler that keeps big integers and
// rounds floats correctly.

namespace {

bool is_integer_literal(std::string_view s) noexcept
{
    return s.find_first_of(".eE") == std::string_view::npos;
}

double out_of_range_double(std::string_view s) noexcept
{
    // from_chars reported overflow or underflow: decide which from the decimal exponent.
    bool negative = !s.empty() && s.front() == '-';
    std::string_view m = negative ? s.substr(1) : s;
    long exp10 = 0;
    const std::size_t e = m.find_first_of("eE");
    if (e != std::string_view::npos) {
        std::string_view es = m.substr(e + 1);
        bool eneg = false;
        if (!es.empty() && (es.front() == '+' || es.front() == '-')) {
            eneg = es.front() == '-';
            es.remove_prefix(1);
        }
        long v = 0;
        for (char c : es) {
            if (v < 100000000) {
                v = v * 10 + (c - '0');
            }
        }
        exp10 = eneg ? -v : v;
        m = m.substr(0, e);
    }
    // magnitude ~ position of the first significant digit relative to the point
    const std::size_t dot = m.find('.');
    const std::string_view ip = m.substr(0, dot);
    long mag;
    if (ip.size() > 1 || (ip.size() == 1 && ip[0] != '0')) {
        mag = static_cast<long>(ip.size());
    } else {
        const std::string_view fp = dot == std::string_view::npos ? std::string_view{} : m.substr(dot + 1);
        const std::size_t nz = fp.find_first_not_of('0');
        mag = nz == std::string_view::npos ? -1000000 : -static_cast<long>(nz);
    }
    const double r = mag + exp10 > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -r : r;
}

// Clinger's fast path: exact when the decimal mantissa fits in 53 bits and the power of ten
// is exactly representable (one correctly rounded operation).
bool parse_double_fast(std::string_view s, double& out) noexcept
{
    static constexpr double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::size_t i = 0;
    const std::size_t n = s.size();
    const bool negative = n != 0 && s[0] == '-';
    i += negative ? 1 : 0;
    std::uint64_t mantissa = 0;
    int digits = 0;
    int exp10 = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
        if (mantissa != 0 || s[i] != '0') {
            if (++digits > 19) {
                return false;
            }
        }
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i] - '0');
    }
    if (i < n && s[i] == '.') {
        for (++i; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (mantissa != 0 || s[i] != '0') {
                if (++digits > 19) {
                    return false;
                }
            }
            mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i] - '0');
            --exp10;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            ++i;
        }
        int e = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; ++i) {
            if (e > 10000) {
                return false;
            }
            e = e * 10 + (s[i] - '0');
        }
        exp10 += eneg ? -e : e;
    }
    if (i != n || mantissa > (std::uint64_t{1} << 53) || exp10 < -22 || exp10 > 22) {
        return false;
    }
    double d = static_cast<double>(mantissa);
    d = exp10 >= 0 ? d * pow10[exp10] : d / pow10[-exp10];
    out = negative ? -d : d;
    return true;
}

double parse_double(std::string_view s) noexcept
{
    double d = 0;
    if (parse_double_fast(s, d)) {
        return d;
    }
    const char* first = s.data();
    const auto r = std::from_chars(first, s.data() + s.size(), d);
    if (r.ec == std::errc::result_out_of_range) {
        return out_of_range_double(s);
    }
    return d;
}

struct fast_handler {
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    boost::json::value_stack st;
    std::string number;

    fast_handler(unsigned char* temp, std::size_t size) : st(boost::json::storage_ptr(), temp, size) {}

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) { return true; }
    bool on_object_end(std::size_t n, boost::json::error_code&)
    {
        st.push_object(n);
        return true;
    }
    bool on_array_begin(boost::json::error_code&) { return true; }
    bool on_array_end(std::size_t n, boost::json::error_code&)
    {
        st.push_array(n);
        return true;
    }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        st.push_chars(s);
        return true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        st.push_key(s);
        return true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        st.push_chars(s);
        return true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&)
    {
        st.push_string(s);
        return true;
    }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&)
    {
        number.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&)
    {
        number.clear();
        st.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&)
    {
        number.clear();
        st.push_uint64(u);
        return true;
    }
    bool on_double(double, boost::json::string_view s, boost::json::error_code&)
    {
        std::string_view text(s.data(), s.size());
        if (!number.empty()) {
            number.append(text);
            text = number;
        }
        if (is_integer_literal(text)) {
            st.push_key(tools::big_integer_key);
            st.push_string(boost::json::string_view(text.data(), text.size()));
            st.push_object(1);
        } else {
            st.push_double(parse_double(text));
        }
        number.clear();
        return true;
    }
    bool on_bool(bool b, boost::json::error_code&)
    {
        st.push_bool(b);
        return true;
    }
    bool on_null(boost::json::error_code&)
    {
        st.push_null();
        return true;
    }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

std::optional<boost::json::value> fast_decode(std::string_view text, const decoder_options& options)
{
    boost::json::parse_options po;
    po.max_depth = options.max_depth;
    unsigned char temp[4096];
    boost::json::basic_parser<fast_handler> p(po, temp, sizeof temp);
    p.handler().st.reset();
    boost::json::error_code ec;
    const std::size_t n = p.write_some(false, text.data(), text.size(), ec);
    if (ec || n != text.size() || !p.done()) {
        return std::nullopt;
    }
    return p.handler().st.release();
}

// ---------------------------------------------------------------------------------------
// reader, slow path: a port of CPython's json scanner for exact error messages and the
// Python extensions (NaN, Infinity, lone surrogates).

class python_scanner {
public:
    python_scanner(std::string_view text, const decoder_options& options) : s_(text), options_(options) {}

    boost::json::value decode()
    {
        std::size_t idx = skip_ws(0);
        boost::json::value v;
        if (!scan_once(idx, v, 0)) {
            fail("Expecting value", idx);
        }
        idx = skip_ws(idx);
        if (idx != s_.size()) {
            fail("Extra data", idx);
        }
        return v;
    }

private:
    [[noreturn]] void fail(const char* msg, std::size_t byte_pos) const
    {
        throw json_decode_error(msg, std::string(s_), byte_pos);
    }

    static bool is_ws(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    std::size_t skip_ws(std::size_t i) const noexcept
    {
        while (i < s_.size() && is_ws(s_[i])) {
            ++i;
        }
        return i;
    }

    bool match(std::size_t i, std::string_view word) const noexcept { return s_.substr(i, word.size()) == word; }

    // Returns false when no value starts at idx (Python's StopIteration).
    bool scan_once(std::size_t& idx, boost::json::value& out, std::size_t depth)
    {
        if (idx >= s_.size()) {
            return false;
        }
        const char c = s_[idx];
        switch (c) {
        case '"': {
            std::string str;
            idx = scan_string(idx + 1, str);
            out = boost::json::string(str);
            return true;
        }
        case '{':
            check_depth(depth + 1, idx);
            idx = parse_object(idx + 1, out, depth + 1);
            return true;
        case '[':
            check_depth(depth + 1, idx);
            idx = parse_array(idx + 1, out, depth + 1);
            return true;
        case 'n':
            if (match(idx, "null")) {
                out = nullptr;
                idx += 4;
                return true;
            }
            break;
        case 't':
            if (match(idx, "true")) {
                out = true;
                idx += 4;
                return true;
            }
            break;
        case 'f':
            if (match(idx, "false")) {
                out = false;
                idx += 5;
                return true;
            }
            break;
        case 'N':
            if (match(idx, "NaN")) {
                out = std::numeric_limits<double>::quiet_NaN();
                idx += 3;
                return true;
            }
            break;
        case 'I':
            if (match(idx, "Infinity")) {
                out = std::numeric_limits<double>::infinity();
                idx += 8;
                return true;
            }
            break;
        case '-':
            if (match(idx, "-Infinity")) {
                out = -std::numeric_limits<double>::infinity();
                idx += 9;
                return true;
            }
            break;
        default:
            break;
        }
        return match_number(idx, out);
    }

    void check_depth(std::size_t depth, std::size_t idx) const
    {
        if (depth > options_.max_depth) {
            fail("Maximum nesting depth exceeded", idx);
        }
    }

    bool match_number(std::size_t& idx, boost::json::value& out) const
    {
        const std::size_t start = idx;
        std::size_t i = idx;
        const std::size_t n = s_.size();
        if (i < n && s_[i] == '-') {
            ++i;
        }
        if (i < n && s_[i] == '0') {
            ++i;
        } else if (i < n && s_[i] >= '1' && s_[i] <= '9') {
            while (i < n && s_[i] >= '0' && s_[i] <= '9') {
                ++i;
            }
        } else {
            return false;
        }
        bool is_float = false;
        if (i + 1 < n && s_[i] == '.' && s_[i + 1] >= '0' && s_[i + 1] <= '9') {
            i += 2;
            while (i < n && s_[i] >= '0' && s_[i] <= '9') {
                ++i;
            }
            is_float = true;
        }
        if (i < n && (s_[i] == 'e' || s_[i] == 'E')) {
            std::size_t j = i + 1;
            if (j < n && (s_[j] == '+' || s_[j] == '-')) {
                ++j;
            }
            if (j < n && s_[j] >= '0' && s_[j] <= '9') {
                while (j < n && s_[j] >= '0' && s_[j] <= '9') {
                    ++j;
                }
                i = j;
                is_float = true;
            }
        }
        const std::string_view text = s_.substr(start, i - start);
        if (is_float) {
            out = parse_double(text);
        } else {
            std::int64_t i64 = 0;
            std::uint64_t u64 = 0;
            const char* b = text.data();
            const char* e = b + text.size();
            if (auto r = std::from_chars(b, e, i64); r.ec == std::errc{} && r.ptr == e) {
                out = i64;
            } else if (auto r2 = std::from_chars(b, e, u64); r2.ec == std::errc{} && r2.ptr == e) {
                out = u64;
            } else {
                out = tools::make_big_integer(text);
            }
        }
        idx = i;
        return true;
    }

    static int hex_value(char c) noexcept
    {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    // 4 hex digits at s_[i..i+4), or -1.
    long read_hex4(std::size_t i) const noexcept
    {
        long v = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const int h = hex_value(s_[i + k]);
            if (h < 0) {
                return -1;
            }
            v = (v << 4) | h;
        }
        return v;
    }

    static void append_code_point(std::string& out, unsigned long cp)
    {
        // UTF-8; lone surrogates are written as 3 bytes (WTF-8).
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }

    // CPython's scanstring_unicode (strict). `end` is just after the opening quote.
    std::size_t scan_string(std::size_t end, std::string& out) const
    {
        const std::size_t begin = end - 1;
        const std::size_t len = s_.size();
        std::size_t next = end;
        while (true) {
            std::size_t chunk = next;
            while (next < len) {
                const unsigned char c = static_cast<unsigned char>(s_[next]);
                if (c == '"' || c == '\\') {
                    break;
                }
                if (c <= 0x1F) {
                    fail("Invalid control character at", next);
                }
                ++next;
            }
            if (next >= len) {
                fail("Unterminated string starting at", begin);
            }
            out.append(s_.data() + chunk, next - chunk);
            if (s_[next] == '"') {
                return next + 1;
            }
            // backslash
            ++next;
            if (next >= len) {
                fail("Unterminated string starting at", begin);
            }
            const char c = s_[next];
            if (c != 'u') {
                char r;
                switch (c) {
                case '"':
                    r = '"';
                    break;
                case '\\':
                    r = '\\';
                    break;
                case '/':
                    r = '/';
                    break;
                case 'b':
                    r = '\b';
                    break;
                case 'f':
                    r = '\f';
                    break;
                case 'n':
                    r = '\n';
                    break;
                case 'r':
                    r = '\r';
                    break;
                case 't':
                    r = '\t';
                    break;
                default:
                    fail("Invalid \\escape", next - 1);
                }
                out.push_back(r);
                ++next;
                continue;
            }
            ++next; // after 'u'
            std::size_t e = next + 4;
            if (e >= len) {
                fail("Invalid \\uXXXX escape", next - 1);
            }
            long cp = read_hex4(next);
            if (cp < 0) {
                fail("Invalid \\uXXXX escape", e - 5);
            }
            next = e;
            if (cp >= 0xD800 && cp <= 0xDBFF && e + 6 < len && s_[next] == '\\' && s_[next + 1] == 'u') {
                const std::size_t e2 = e + 6;
                const long c2 = read_hex4(next + 2);
                if (c2 < 0) {
                    fail("Invalid \\uXXXX escape", e2 - 5);
                }
                if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
                    cp = 0x10000 + (((cp - 0xD800) << 10) | (c2 - 0xDC00));
                    next = e2;
                }
            }
            append_code_point(out, static_cast<unsigned long>(cp));
        }
    }

    std::size_t parse_object(std::size_t idx, boost::json::value& out, std::size_t depth)
    {
        boost::json::object obj;
        const std::size_t n = s_.size();
        idx = skip_ws(idx);
        if (idx >= n || s_[idx] != '}') {
            while (true) {
                if (idx >= n || s_[idx] != '"') {
                    fail("Expecting property name enclosed in double quotes", idx);
                }
                std::string key;
                idx = scan_string(idx + 1, key);
                idx = skip_ws(idx);
                if (idx >= n || s_[idx] != ':') {
                    fail("Expecting ':' delimiter", idx);
                }
                idx = skip_ws(idx + 1);
                boost::json::value v;
                if (!scan_once(idx, v, depth)) {
                    fail("Expecting value", idx);
                }
                obj[key] = std::move(v);
                idx = skip_ws(idx);
                if (idx < n && s_[idx] == '}') {
                    break;
                }
                if (idx >= n || s_[idx] != ',') {
                    fail("Expecting ',' delimiter", idx);
                }
                idx = skip_ws(idx + 1);
            }
        }
        out = std::move(obj);
        return idx + 1;
    }

    std::size_t parse_array(std::size_t idx, boost::json::value& out, std::size_t depth)
    {
        boost::json::array arr;
        const std::size_t n = s_.size();
        idx = skip_ws(idx);
        if (idx >= n || s_[idx] != ']') {
            while (true) {
                boost::json::value v;
                if (!scan_once(idx, v, depth)) {
                    fail("Expecting value", idx);
                }
                arr.push_back(std::move(v));
                idx = skip_ws(idx);
                if (idx < n && s_[idx] == ']') {
                    break;
                }
                if (idx >= n || s_[idx] != ',') {
                    fail("Expecting ',' delimiter", idx);
                }
                idx = skip_ws(idx + 1);
            }
        }
        out = std::move(arr);
        return idx + 1;
    }

    std::string_view s_;
    const decoder_options& options_;
};

} // namespace

boost::json::value decode(std::string_view text, const decoder_options& options)
{
    if (std::optional<boost::json::value> v = fast_decode(text, options)) {
        return std::move(*v);
    }
    return python_scanner(text, options).decode();
}

} // namespace json
} // namespace easynet::serializers
