//
// easynet — MessagePack codec for boost::json::value.
//
#include <easynet/serializers/detail/msgpack_codec.hpp>

#include "document_tree.hpp"

#include <easynet/serializers/tools/big_integer.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <bit>
#include <limits>
#include <stdexcept>

namespace easynet::serializers::detail {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------------------------- encoder

inline void put(std::string& out, const unsigned char* p, std::size_t n)
{
    out.append(reinterpret_cast<const char*>(p), n);
}

inline void put_byte(std::string& out, unsigned char b)
{
    out.push_back(static_cast<char>(b));
}

void put_unsigned(std::string& out, std::uint64_t v)
{
    unsigned char b[9];
    if (v < 0x80) {
        put_byte(out, static_cast<unsigned char>(v));
    }
    else if (v <= 0xff) {
        b[0] = 0xcc;
        b[1] = static_cast<unsigned char>(v);
        put(out, b, 2);
    }
    else if (v <= 0xffff) {
        b[0] = 0xcd;
        store_be16(b + 1, static_cast<std::uint16_t>(v));
        put(out, b, 3);
    }
    else if (v <= 0xffffffff) {
        b[0] = 0xce;
        store_be32(b + 1, static_cast<std::uint32_t>(v));
        put(out, b, 5);
    }
    else {
        b[0] = 0xcf;
        store_be64(b + 1, v);
        put(out, b, 9);
    }
}

void put_signed(std::string& out, std::int64_t v)
{
    if (v >= 0)
        return put_unsigned(out, static_cast<std::uint64_t>(v));
    unsigned char b[9];
    if (v >= -32) {
        put_byte(out, static_cast<unsigned char>(v));
    }
    else if (v >= std::numeric_limits<std::int8_t>::min()) {
        b[0] = 0xd0;
        b[1] = static_cast<unsigned char>(v);
        put(out, b, 2);
    }
    else if (v >= std::numeric_limits<std::int16_t>::min()) {
        b[0] = 0xd1;
        store_be16(b + 1, static_cast<std::uint16_t>(v));
        put(out, b, 3);
    }
    else if (v >= std::numeric_limits<std::int32_t>::min()) {
        b[0] = 0xd2;
        store_be32(b + 1, static_cast<std::uint32_t>(v));
        put(out, b, 5);
    }
    else {
        b[0] = 0xd3;
        store_be64(b + 1, static_cast<std::uint64_t>(v));
        put(out, b, 9);
    }
}

// `fix` is the fix-form base (0 if none), `fix_max` its exclusive bound; `m8/m16/m32` the tags.
void put_length(std::string& out, std::size_t n, unsigned char fix, std::size_t fix_max, unsigned char m8,
                unsigned char m16, unsigned char m32)
{
    unsigned char b[5];
    if (n < fix_max) {
        put_byte(out, static_cast<unsigned char>(fix | n));
    }
    else if (m8 != 0 && n <= 0xff) {
        b[0] = m8;
        b[1] = static_cast<unsigned char>(n);
        put(out, b, 2);
    }
    else if (n <= 0xffff) {
        b[0] = m16;
        store_be16(b + 1, static_cast<std::uint16_t>(n));
        put(out, b, 3);
    }
    else if (n <= 0xffffffff) {
        b[0] = m32;
        store_be32(b + 1, static_cast<std::uint32_t>(n));
        put(out, b, 5);
    }
    else {
        throw std::length_error("MessagePack cannot encode more than 2^32-1 elements or bytes");
    }
}

// A string that is not UTF-8 (e.g. decoded from `bin`) cannot be a `str`: every decoder,
// this one included, would reject it. It is written as `bin`, so it round-trips.
inline void put_str(std::string& out, std::string_view s)
{
    if (is_valid_utf8(s))
        put_length(out, s.size(), 0xa0, 32, 0xd9, 0xda, 0xdb);
    else
        put_length(out, s.size(), 0, 0, 0xc4, 0xc5, 0xc6);
    out.append(s);
}

// Writes a scalar, or the header of an array or map: true when its elements follow.
bool put_value(std::string& out, const json::value& v)
{
    switch (v.kind()) {
    case json::kind::null:
        put_byte(out, 0xc0);
        return false;
    case json::kind::bool_:
        put_byte(out, v.get_bool() ? 0xc3 : 0xc2);
        return false;
    case json::kind::int64:
        put_signed(out, v.get_int64());
        return false;
    case json::kind::uint64:
        put_unsigned(out, v.get_uint64());
        return false;
    case json::kind::double_: {
        unsigned char b[9];
        b[0] = 0xcb;
        store_be64(b + 1, std::bit_cast<std::uint64_t>(v.get_double()));
        put(out, b, 9);
        return false;
    }
    case json::kind::string:
        put_str(out, v.get_string());
        return false;
    case json::kind::array:
        put_length(out, v.get_array().size(), 0x90, 16, 0, 0xdc, 0xdd);
        return true;
    case json::kind::object:
        if (tools::big_integer_digits(v))
            throw std::out_of_range("Integer value out of range"); // as Python's msgpack
        put_length(out, v.get_object().size(), 0x80, 16, 0, 0xde, 0xdf);
        return true;
    }
    return false;
}

} // namespace

void msgpack_encode(const json::value& root, std::string& out)
{
    write_in_document_order(
        root, [&](const json::value& v) { return put_value(out, v); },
        [&](std::string_view key) { put_str(out, key); });
}

decode_result msgpack_decode(std::string_view data, json::value& out, const document_decode_options& options,
                             json::storage_ptr sp)
{
    struct frame {
        json::value container;
        std::uint32_t remaining;
        bool is_map;
        bool have_key;
        std::string_view key;
    };
    boost::container::small_vector<frame, 16> stack;

    const auto* const p = reinterpret_cast<const unsigned char*>(data.data());
    const std::size_t n = data.size();
    std::size_t pos = 0;
    // Scalars are built in place (emplace_*) rather than assigned: no temporary to swap.
    json::value v(sp);

    for (;;) {
        if (pos >= n)
            return need_more();
        const unsigned char b = p[pos];
        const std::size_t avail = n - pos;

        // A map key: `str` (or `bin`), read as a view of the input.
        if (!stack.empty() && stack.back().is_map && !stack.back().have_key) {
            std::size_t hdr, len;
            bool binary = false;
            if (b >= 0xa0 && b <= 0xbf) {
                hdr = 1;
                len = b & 0x1f;
            }
            else if (b == 0xd9 || b == 0xc4) {
                hdr = 2;
                if (avail < hdr)
                    return need_more();
                len = p[pos + 1];
                binary = b == 0xc4;
            }
            else if (b == 0xda || b == 0xc5) {
                hdr = 3;
                if (avail < hdr)
                    return need_more();
                len = load_be16(p + pos + 1);
                binary = b == 0xc5;
            }
            else if (b == 0xdb || b == 0xc6) {
                hdr = 5;
                if (avail < hdr)
                    return need_more();
                len = load_be32(p + pos + 1);
                binary = b == 0xc6;
            }
            else {
                return invalid(pos + 1, "map keys must be str or bin");
            }
            if (avail - hdr < len)
                return need_more();
            const std::string_view key(data.data() + pos + hdr, len);
            pos += hdr + len;
            if (binary ? !options.allow_binary : !is_valid_utf8(key))
                return invalid(pos, binary ? "bin is not accepted" : "invalid UTF-8 in str");
            stack.back().key = key;
            stack.back().have_key = true;
            continue;
        }

        std::size_t count = 0; // container element count
        bool is_container = false, is_map = false;

        auto need = [&](std::size_t k) { return avail < k; };

        if (b <= 0x7f) {
            v.emplace_int64() = b;
            pos += 1;
        }
        else if (b >= 0xe0) {
            v.emplace_int64() = static_cast<std::int8_t>(b);
            pos += 1;
        }
        else if (b <= 0x8f) {
            is_container = is_map = true;
            count = b & 0x0f;
            pos += 1;
        }
        else if (b <= 0x9f) {
            is_container = true;
            count = b & 0x0f;
            pos += 1;
        }
        else if (b <= 0xbf) {
            const std::size_t len = b & 0x1f;
            if (need(1 + len))
                return need_more();
            const std::string_view s(data.data() + pos + 1, len);
            pos += 1 + len;
            if (!is_valid_utf8(s))
                return invalid(pos, "invalid UTF-8 in str");
            v.emplace_string().assign(s);
        }
        else {
            switch (b) {
            case 0xc0:
                v.emplace_null();
                pos += 1;
                break;
            case 0xc2:
            case 0xc3:
                v.emplace_bool() = b == 0xc3;
                pos += 1;
                break;
            case 0xc1:
                return invalid(pos + 1, "invalid byte 0xc1");
            case 0xc4:
            case 0xc5:
            case 0xc6:
            case 0xd9:
            case 0xda:
            case 0xdb: {
                const bool binary = b <= 0xc6;
                const unsigned width = binary ? (1u << (b - 0xc4)) : (1u << (b - 0xd9));
                if (need(1 + width))
                    return need_more();
                const std::size_t len = width == 1 ? p[pos + 1]
                                      : width == 2 ? load_be16(p + pos + 1)
                                                   : load_be32(p + pos + 1);
                if (avail - 1 - width < len)
                    return need_more();
                const std::string_view s(data.data() + pos + 1 + width, len);
                pos += 1 + width + len;
                if (binary && !options.allow_binary)
                    return invalid(pos, "bin is not accepted");
                if (!binary && !is_valid_utf8(s))
                    return invalid(pos, "invalid UTF-8 in str");
                v.emplace_string().assign(s);
                break;
            }
            case 0xc7:
            case 0xc8:
            case 0xc9: {
                const unsigned width = 1u << (b - 0xc7);
                if (need(2 + width))
                    return need_more();
                const std::size_t len = width == 1 ? p[pos + 1]
                                      : width == 2 ? load_be16(p + pos + 1)
                                                   : load_be32(p + pos + 1);
                if (avail - 2 - width < len)
                    return need_more();
                return invalid(pos + 2 + width + len, "extension types are not supported");
            }
            case 0xd4:
            case 0xd5:
            case 0xd6:
            case 0xd7:
            case 0xd8: {
                const std::size_t size = 2 + (std::size_t{1} << (b - 0xd4));
                if (need(size))
                    return need_more();
                return invalid(pos + size, "extension types are not supported");
            }
            case 0xca:
                if (need(5))
                    return need_more();
                v.emplace_double() = static_cast<double>(std::bit_cast<float>(load_be32(p + pos + 1)));
                pos += 5;
                break;
            case 0xcb:
                if (need(9))
                    return need_more();
                v.emplace_double() = std::bit_cast<double>(load_be64(p + pos + 1));
                pos += 9;
                break;
            case 0xcc:
                if (need(2))
                    return need_more();
                v.emplace_int64() = p[pos + 1];
                pos += 2;
                break;
            case 0xcd:
                if (need(3))
                    return need_more();
                v.emplace_int64() = load_be16(p + pos + 1);
                pos += 3;
                break;
            case 0xce:
                if (need(5))
                    return need_more();
                v.emplace_int64() = load_be32(p + pos + 1);
                pos += 5;
                break;
            case 0xcf:
                if (need(9))
                    return need_more();
                v = make_integer(load_be64(p + pos + 1), sp);
                pos += 9;
                break;
            case 0xd0:
                if (need(2))
                    return need_more();
                v.emplace_int64() = static_cast<std::int8_t>(p[pos + 1]);
                pos += 2;
                break;
            case 0xd1:
                if (need(3))
                    return need_more();
                v.emplace_int64() = static_cast<std::int16_t>(load_be16(p + pos + 1));
                pos += 3;
                break;
            case 0xd2:
                if (need(5))
                    return need_more();
                v.emplace_int64() = static_cast<std::int32_t>(load_be32(p + pos + 1));
                pos += 5;
                break;
            case 0xd3:
                if (need(9))
                    return need_more();
                v.emplace_int64() = static_cast<std::int64_t>(load_be64(p + pos + 1));
                pos += 9;
                break;
            case 0xdc:
            case 0xde:
                if (need(3))
                    return need_more();
                is_container = true;
                is_map = b == 0xde;
                count = load_be16(p + pos + 1);
                pos += 3;
                break;
            case 0xdd:
            case 0xdf:
                if (need(5))
                    return need_more();
                is_container = true;
                is_map = b == 0xdf;
                count = load_be32(p + pos + 1);
                pos += 5;
                break;
            default: // unreachable: every byte is classified above
                return invalid(pos + 1, "invalid byte");
            }
        }

        if (is_container) {
            if (stack.size() >= options.max_depth)
                return invalid(pos, "nesting depth exceeds the limit");
            if (count == 0) {
                v = make_container(is_map, 0, 0, sp);
            }
            else {
                stack.push_back(
                    {make_container(is_map, count, n - pos, sp), static_cast<std::uint32_t>(count), is_map, false, {}});
                continue;
            }
        }

        if (hand_to_parent(stack, v, out, [](frame& f) { return --f.remaining == 0; }))
            return {decode_status::complete, pos, nullptr};
    }
}

decode_status msgpack_scanner::scan(std::string_view buffer) noexcept
{
    const auto* const p = reinterpret_cast<const unsigned char*>(buffer.data());
    const std::size_t n = buffer.size();
    while (pending_ != 0) {
        if (pos_ >= n)
            return decode_status::need_more;
        const unsigned char b = p[pos_];
        const std::size_t avail = n - pos_;
        std::size_t hdr = 1;
        std::uint64_t payload = 0, children = 0;
        if (b <= 0x7f || b >= 0xe0) {
        }
        else if (b <= 0x8f)
            children = 2u * (b & 0x0f);
        else if (b <= 0x9f)
            children = b & 0x0f;
        else if (b <= 0xbf)
            payload = b & 0x1f;
        else {
            switch (b) {
            case 0xc1:
                return decode_status::invalid;
            case 0xc0: case 0xc2: case 0xc3:
                break;
            case 0xc4: case 0xd9:
                hdr = 2;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = p[pos_ + 1];
                break;
            case 0xc5: case 0xda:
                hdr = 3;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = load_be16(p + pos_ + 1);
                break;
            case 0xc6: case 0xdb:
                hdr = 5;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = load_be32(p + pos_ + 1);
                break;
            case 0xc7:
                hdr = 3;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = p[pos_ + 1];
                break;
            case 0xc8:
                hdr = 4;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = load_be16(p + pos_ + 1);
                break;
            case 0xc9:
                hdr = 6;
                if (avail < hdr)
                    return decode_status::need_more;
                payload = load_be32(p + pos_ + 1);
                break;
            case 0xca: case 0xd2: case 0xce: hdr = 5; break;
            case 0xcb: case 0xd3: case 0xcf: hdr = 9; break;
            case 0xcc: case 0xd0: hdr = 2; break;
            case 0xcd: case 0xd1: hdr = 3; break;
            case 0xd4: hdr = 3; break;
            case 0xd5: hdr = 4; break;
            case 0xd6: hdr = 6; break;
            case 0xd7: hdr = 10; break;
            case 0xd8: hdr = 18; break;
            case 0xdc: case 0xde:
                hdr = 3;
                if (avail < hdr)
                    return decode_status::need_more;
                children = std::uint64_t{load_be16(p + pos_ + 1)} * (b == 0xde ? 2 : 1);
                break;
            case 0xdd: case 0xdf:
                hdr = 5;
                if (avail < hdr)
                    return decode_status::need_more;
                children = std::uint64_t{load_be32(p + pos_ + 1)} * (b == 0xdf ? 2 : 1);
                break;
            default:
                return decode_status::invalid;
            }
        }
        if (avail < hdr || avail - hdr < payload)
            return decode_status::need_more;
        pos_ += hdr + static_cast<std::size_t>(payload);
        // Cannot overflow: each header adds at most 2^33 and takes at least one byte.
        pending_ = pending_ - 1 + children;
    }
    return decode_status::complete;
}

} // namespace easynet::serializers::detail
