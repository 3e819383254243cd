//
// easynet — CBOR codec for boost::json::value.
//
#include <easynet/serializers/detail/cbor_codec.hpp>

#include "document_tree.hpp"

#include <easynet/serializers/tools/big_integer.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace easynet::serializers::detail {

namespace json = boost::json;

namespace {

constexpr std::uint64_t indefinite = std::numeric_limits<std::uint64_t>::max();

// ---------------------------------------------------------------------------------- encoder

void put_head(std::string& out, unsigned major, std::uint64_t v)
{
    unsigned char b[9];
    const auto m = static_cast<unsigned char>(major << 5);
    std::size_t len;
    if (v < 24) {
        b[0] = static_cast<unsigned char>(m | v);
        len = 1;
    }
    else if (v <= 0xff) {
        b[0] = m | 24;
        b[1] = static_cast<unsigned char>(v);
        len = 2;
    }
    else if (v <= 0xffff) {
        b[0] = m | 25;
        store_be16(b + 1, static_cast<std::uint16_t>(v));
        len = 3;
    }
    else if (v <= 0xffffffff) {
        b[0] = m | 26;
        store_be32(b + 1, static_cast<std::uint32_t>(v));
        len = 5;
    }
    else {
        b[0] = m | 27;
        store_be64(b + 1, v);
        len = 9;
    }
    out.append(reinterpret_cast<const char*>(b), len);
}

// A string that is not UTF-8 (e.g. decoded from a byte string) cannot be a text string:
// every decoder would reject it. It is written as a byte string, so it round-trips.
inline void put_text(std::string& out, std::string_view s)
{
    put_head(out, is_valid_utf8(s) ? 3 : 2, s.size());
    out.append(s);
}

// ---------------------------------------------------------------------------------- decoder

struct head {
    unsigned major;
    unsigned info;       // additional information (low five bits)
    std::uint64_t value; // argument; meaningless when info == 31
    std::size_t size;    // bytes taken by the head
};

// Reads the head at `pos`: complete, need_more, or invalid (reserved additional info).
inline decode_status read_head(const unsigned char* p, std::size_t n, std::size_t pos, head& h) noexcept
{
    const unsigned char b = p[pos];
    h.major = b >> 5;
    h.info = b & 0x1f;
    const std::size_t avail = n - pos;
    if (h.info < 24) {
        h.value = h.info;
        h.size = 1;
    }
    else if (h.info <= 27) {
        const std::size_t width = std::size_t{1} << (h.info - 24);
        if (avail < 1 + width)
            return decode_status::need_more;
        h.value = width == 1 ? p[pos + 1]
                : width == 2 ? load_be16(p + pos + 1)
                : width == 4 ? load_be32(p + pos + 1)
                             : load_be64(p + pos + 1);
        h.size = 1 + width;
    }
    else if (h.info == 31) {
        h.value = 0;
        h.size = 1;
    }
    else {
        return decode_status::invalid;
    }
    return decode_status::complete;
}

double half_to_double(std::uint16_t h) noexcept
{
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    double v;
    if (exponent == 0)
        v = std::ldexp(mantissa, -24);
    else if (exponent != 31)
        v = std::ldexp(mantissa + 1024, exponent - 25);
    else
        v = mantissa == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    return (h & 0x8000) ? -v : v;
}

// An integer outside the 64-bit range, as the JSON serializer represents it
// (`{"$bigint": "<digits>"}`, see tools/big_integer.hpp): `magnitude` is big-endian.
json::value make_big(bool negative, std::string magnitude, const json::storage_ptr& sp)
{
    if (negative)
        magnitude_increment(magnitude); // -1 - n
    std::string text = negative ? "-" : "";
    text += magnitude_to_decimal(magnitude);
    return json::value(tools::make_big_integer(text), sp);
}

// -1 - u, the value of a negative integer (major type 1).
inline json::value make_negative(std::uint64_t u, const json::storage_ptr& sp)
{
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return json::value(-1 - static_cast<std::int64_t>(u), sp);
    std::string magnitude(8, '\0');
    store_be64(reinterpret_cast<unsigned char*>(magnitude.data()), u);
    return make_big(true, std::move(magnitude), sp);
}

// cbor2's encode_int for an integer beyond 64 bits: tag 2 / tag 3 with a minimal
// big-endian byte string, except [-2^64, -2^63) which still fits major type 1.
void put_big_integer(std::string& out, std::string_view digits)
{
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative)
        digits.remove_prefix(1);
    std::string magnitude = decimal_to_magnitude(digits);
    if (negative)
        magnitude_decrement(magnitude); // n = -1 - value
    if (magnitude.size() <= 8) {
        std::uint64_t u = 0;
        for (unsigned char c : magnitude)
            u = (u << 8) | c;
        put_head(out, negative ? 1 : 0, u);
        return;
    }
    out.push_back(static_cast<char>(negative ? 0xc3 : 0xc2));
    put_head(out, 2, magnitude.size());
    out += magnitude;
}

// Reads a byte or text string (major 2 or 3) starting with head `h` at `pos`. The result is
// a view of the input, or of `scratch` for an indefinite-length string.
decode_result read_string(std::string_view data, std::size_t pos, const head& h, std::string& scratch,
                          std::string_view& result)
{
    const auto* const p = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t n = data.size();
    const bool text = h.major == 3;
    if (h.info != 31) {
        if (n - pos - h.size < h.value)
            return need_more();
        result = data.substr(pos + h.size, static_cast<std::size_t>(h.value));
        pos += h.size + static_cast<std::size_t>(h.value);
        if (text && !is_valid_utf8(result))
            return invalid(pos, "invalid UTF-8 in text string");
        return {decode_status::complete, pos, nullptr};
    }
    // Indefinite length: definite chunks of the same major type, then a break.
    scratch.clear();
    pos += 1;
    for (;;) {
        if (pos >= n)
            return need_more();
        if (p[pos] == 0xff) {
            result = scratch;
            return {decode_status::complete, pos + 1, nullptr};
        }
        head c;
        const auto st = read_head(p, n, pos, c);
        if (st == decode_status::need_more)
            return need_more();
        if (st == decode_status::invalid || c.major != h.major || c.info == 31)
            return invalid(pos + 1, "invalid chunk in an indefinite-length string");
        if (n - pos - c.size < c.value)
            return need_more();
        const std::string_view chunk = data.substr(pos + c.size, static_cast<std::size_t>(c.value));
        pos += c.size + static_cast<std::size_t>(c.value);
        if (text && !is_valid_utf8(chunk))
            return invalid(pos, "invalid UTF-8 in text string");
        scratch.append(chunk);
    }
}

// Writes a scalar, or the head of an array or map: true when its elements follow.
bool put_value(std::string& out, const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null:
        out.push_back(static_cast<char>(0xf6));
        return false;
    case json::kind::bool_:
        out.push_back(static_cast<char>(v.get_bool() ? 0xf5 : 0xf4));
        return false;
    case json::kind::int64: {
        const std::int64_t i = v.get_int64();
        if (i >= 0)
            put_head(out, 0, static_cast<std::uint64_t>(i));
        else
            put_head(out, 1, ~static_cast<std::uint64_t>(i)); // -1 - i
        return false;
    }
    case json::kind::uint64:
        put_head(out, 0, v.get_uint64());
        return false;
    case json::kind::double_: {
        const double d = v.get_double();
        if (std::isnan(d))
            out.append("\xf9\x7e\x00", 3);
        else if (std::isinf(d))
            out.append(d > 0 ? "\xf9\x7c\x00" : "\xf9\xfc\x00", 3);
        else {
            unsigned char b[9];
            b[0] = 0xfb;
            store_be64(b + 1, std::bit_cast<std::uint64_t>(d));
            out.append(reinterpret_cast<const char*>(b), 9);
        }
        return false;
    }
    case json::kind::string:
        put_text(out, v.get_string());
        return false;
    case json::kind::array:
        put_head(out, 4, v.get_array().size());
        return true;
    case json::kind::object:
        if (const auto digits = tools::big_integer_digits(v)) {
            put_big_integer(out, *digits);
            return false;
        }
        put_head(out, 5, v.get_object().size());
        return true;
    }
    return false;
}

} // namespace

void cbor_encode(const json::value& root, std::string& out)
{
    write_in_document_order(
        root, [&](const json::value& v) { return put_value(out, v); },
        [&](std::string_view key) { put_text(out, key); });
}

decode_result cbor_decode(std::string_view data, json::value& out, const document_decode_options& options,
                          json::storage_ptr sp)
{
    struct frame {
        json::value container;
        std::uint64_t remaining; // `indefinite` until a break
        bool is_map;
        bool have_key;
        std::string_view key;
        std::string key_storage; // backs `key` when it was an indefinite-length string
    };
    boost::container::small_vector<frame, 16> stack;
    std::string scratch;

    const auto* const p = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t n = data.size();
    std::size_t pos = 0;
    json::value v;
    bool tagged = false; // a tag was read and its content is still to come
    int bignum = 0;      // 2 or 3 when that content is a bignum's byte string

    for (;;) {
        if (pos >= n)
            return need_more();
        const unsigned char b = p[pos];

        if (b == 0xff) {
            if (stack.empty() || stack.back().remaining != indefinite || tagged)
                return invalid(pos + 1, "unexpected break");
            if (stack.back().is_map && stack.back().have_key)
                return invalid(pos + 1, "break between a map key and its value");
            pos += 1;
            v = std::move(stack.back().container);
            stack.pop_back();
        }
        else {
            head h;
            const auto st = read_head(p, n, pos, h);
            if (st == decode_status::need_more)
                return need_more();
            if (st == decode_status::invalid)
                return invalid(pos + 1, "reserved additional information value");

            if (!stack.empty() && stack.back().is_map && !stack.back().have_key) {
                frame& f = stack.back();
                if (tagged || (h.major != 3 && !(h.major == 2 && options.allow_binary)))
                    return invalid(pos + 1, "map keys must be text strings");
                std::string_view key;
                const auto r = read_string(data, pos, h, scratch, key);
                if (r.status != decode_status::complete)
                    return r;
                pos = r.position;
                if (h.info == 31) {
                    f.key_storage.assign(key);
                    key = f.key_storage;
                }
                f.key = key;
                f.have_key = true;
                continue;
            }

            if (bignum != 0 && h.major != 2)
                return invalid(pos + 1, "a bignum tag must hold a byte string");

            if (h.info == 31 && h.major <= 1)
                return invalid(pos + 1, "indefinite length is not allowed here");

            switch (h.major) {
            case 0:
                v = make_integer(h.value, sp);
                pos += h.size;
                break;
            case 1:
                v = make_negative(h.value, sp);
                pos += h.size;
                break;
            case 2:
            case 3: {
                std::string_view s;
                const auto r = read_string(data, pos, h, scratch, s);
                if (r.status != decode_status::complete)
                    return r;
                pos = r.position;
                if (bignum != 0) {
                    std::size_t i = 0;
                    while (i < s.size() && s[i] == 0)
                        ++i;
                    s.remove_prefix(i);
                    if (s.size() <= 8) {
                        std::uint64_t u = 0;
                        for (unsigned char c : s)
                            u = (u << 8) | c;
                        v = bignum == 2 ? make_integer(u, sp) : make_negative(u, sp);
                    }
                    else if (s.size() > max_bignum_bytes) {
                        return invalid(pos, "bignum too large");
                    }
                    else {
                        v = make_big(bignum == 3, std::string(s), sp);
                    }
                    bignum = 0;
                }
                else if (h.major == 2 && !options.allow_binary) {
                    return invalid(pos, "byte strings are not accepted");
                }
                else {
                    v = json::value(s, sp);
                }
                break;
            }
            case 4:
            case 5: {
                const bool is_map = h.major == 5;
                pos += h.size;
                if (stack.size() >= options.max_depth)
                    return invalid(pos, "nesting depth exceeds the limit");
                if (h.info != 31 && h.value == 0) {
                    v = make_container(is_map, 0, 0, sp);
                    break;
                }
                const std::uint64_t count = h.info == 31 ? indefinite : h.value;
                stack.push_back({make_container(is_map, h.info == 31 ? 0 : count, n - pos, sp), count, is_map,
                                 false, {}, {}});
                tagged = false;
                continue;
            }
            case 6:
                if (h.info == 31)
                    return invalid(pos + 1, "indefinite length is not allowed here");
                pos += h.size;
                tagged = true;
                if (h.value == 2 || h.value == 3)
                    bignum = static_cast<int>(h.value);
                continue; // the tag's content follows; only bignums are interpreted
            default: // 7
                switch (h.info) {
                case 20:
                case 21:
                    v = json::value(h.info == 21, sp);
                    break;
                case 22:
                case 23: // undefined has no JSON counterpart: null
                    v = json::value(nullptr, sp);
                    break;
                case 25:
                    v = json::value(half_to_double(static_cast<std::uint16_t>(h.value)), sp);
                    break;
                case 26:
                    v = json::value(
                        static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(h.value))), sp);
                    break;
                case 27:
                    v = json::value(std::bit_cast<double>(h.value), sp);
                    break;
                default: // simple values (info < 20 or 24); a lone break was handled above
                    return invalid(pos + h.size, "unsupported simple value");
                }
                pos += h.size;
                break;
            }
        }
        tagged = false;

        // An indefinite-length container is only closed by a break.
        if (hand_to_parent(stack, v, out,
                           [](frame& f) { return f.remaining != indefinite && --f.remaining == 0; }))
            return {decode_status::complete, pos, nullptr};
    }
}

bool cbor_scanner::item_done() noexcept
{
    while (!stack_.empty()) {
        std::uint64_t& top = stack_.back();
        if (top == indefinite || --top != 0)
            return false;
        stack_.pop_back();
    }
    return true;
}

decode_status cbor_scanner::scan(std::string_view buffer)
{
    const auto* const p = reinterpret_cast<const unsigned char*>(buffer.data());
    const std::size_t n = buffer.size();
    while (!done_) {
        if (pos_ >= n)
            return decode_status::need_more;
        if (p[pos_] == 0xff) {
            if (stack_.empty() || stack_.back() != indefinite)
                return decode_status::invalid;
            stack_.pop_back();
            pos_ += 1;
            done_ = item_done();
            continue;
        }
        head h;
        const auto st = read_head(p, n, pos_, h);
        if (st != decode_status::complete)
            return st;
        switch (h.major) {
        case 0:
        case 1:
        case 7:
            if (h.major != 7 && h.info == 31)
                return decode_status::invalid;
            pos_ += h.size;
            done_ = item_done();
            break;
        case 2:
        case 3:
        case 4:
        case 5:
            if (h.info == 31) {
                if (stack_.size() > max_depth_)
                    return decode_status::invalid;
                stack_.push_back(indefinite);
                pos_ += 1;
            }
            else if (h.major <= 3) {
                if (n - pos_ - h.size < h.value)
                    return decode_status::need_more;
                pos_ += h.size + static_cast<std::size_t>(h.value);
                done_ = item_done();
            }
            else {
                pos_ += h.size;
                if (h.value == 0) {
                    done_ = item_done();
                    break;
                }
                if (stack_.size() > max_depth_)
                    return decode_status::invalid;
                // A count this large can never be reached by real data: capping it keeps the
                // arithmetic exact and the answer "need more", as the decoder's.
                const std::uint64_t count = std::min<std::uint64_t>(h.value, std::uint64_t{1} << 62);
                stack_.push_back(h.major == 5 ? count * 2 : count);
            }
            break;
        default: // 6: a tag; its content is the next item
            if (h.info == 31)
                return decode_status::invalid;
            pos_ += h.size;
            break;
        }
    }
    return decode_status::complete;
}

} // namespace easynet::serializers::detail
