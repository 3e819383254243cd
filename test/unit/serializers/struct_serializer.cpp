#include <easynet/serializers/struct_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <easynet_test/wire_vectors.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>

using namespace easynet;
using serializers::struct_format;
using serializers::struct_tuple;
using serializers::struct_value;
using struct_ser = serializers::struct_serializer;

namespace {

std::string hex(std::string_view s)
{
    static const char* d = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out += d[c >> 4];
        out += d[c & 15];
    }
    return out;
}

std::string pack_error(std::string_view format, const struct_tuple& values)
{
    try {
        struct_format(format).pack(values);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

std::string format_error(std::string_view format)
{
    try {
        struct_format f(format);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "no error";
}

using i64 = std::int64_t;
using u64 = std::uint64_t;

} // namespace

BOOST_AUTO_TEST_SUITE(struct_serializer)

// Expected bytes produced by CPython 3.11's struct module on x86_64 Linux.
BOOST_AUTO_TEST_CASE(pack_matches_python_struct_for_every_byte_order_and_code)
{
    struct expectation {
        const char* format;
        struct_tuple values;
        std::size_t size;
        const char* hex;
    };
    const std::vector<expectation> cases{
        {"!iid", {i64(1), i64(-2), 2.5}, 16, "00000001fffffffe4004000000000000"},
        {"@bhiq", {i64(-1), i64(2), i64(-3), i64(4)}, 16, "ff000200fdffffff0400000000000000"},
        {"<e", {1.5}, 2, "003e"},
        {">e", {65504.0}, 2, "7bff"},
        {"<e", {6e-8}, 2, "0100"},
        {"<e", {1e-8}, 2, "0000"},
        {"<e", {65519.0}, 2, "ff7b"},
        {"=?xH", {true, i64(513)}, 4, "01000102"},
        {"@c3s0i", {std::string("z"), std::string("ab")}, 4, "7a616200"},
        {">5p", {std::string("hello world")}, 5, "0468656c6c"},
        {"@lLnNP", {i64(-5), u64(6), i64(-7), u64(8), u64(9)}, 40,
         "fbffffffffffffff0600000000000000f9ffffffffffffff08000000000000000900000000000000"},
        {"@hl", {i64(1), i64(2)}, 16, "01000000000000000200000000000000"},
        {">f", {0.1}, 4, "3dcccccd"},
        {"!Q", {u64(18446744073709551615ULL)}, 8, "ffffffffffffffff"},
        {"@?Bh", {false, i64(255), i64(-2)}, 4, "00fffeff"},
        {"< 2h x i", {i64(1), i64(2), i64(3)}, 9, "010002000003000000"},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("format " << c.format)
        {
            const struct_format f(c.format);
            BOOST_TEST(f.size() == c.size);
            const std::string packed = f.pack(c.values);
            BOOST_TEST(hex(packed) == c.hex);
        }
    }
}

BOOST_AUTO_TEST_CASE(unpack_gives_python_values)
{
    const struct_tuple t = struct_format("!bBhHiIqQ?d").unpack(struct_format("!bBhHiIqQ?d").pack(
        {i64(-1), i64(200), i64(-300), i64(60000), i64(-70000), u64(4000000000), i64(-5), u64(6), true, -0.5}));
    BOOST_TEST(std::get<i64>(t[0]) == -1);
    BOOST_TEST(std::get<u64>(t[1]) == 200u);
    BOOST_TEST(std::get<i64>(t[2]) == -300);
    BOOST_TEST(std::get<u64>(t[3]) == 60000u);
    BOOST_TEST(std::get<i64>(t[4]) == -70000);
    BOOST_TEST(std::get<u64>(t[5]) == 4000000000u);
    BOOST_TEST(std::get<i64>(t[6]) == -5);
    BOOST_TEST(std::get<u64>(t[7]) == 6u);
    BOOST_TEST(std::get<bool>(t[8]));
    BOOST_TEST(std::get<double>(t[9]) == -0.5);
    BOOST_TEST(std::get<std::string>(struct_format(">5p").unpack(std::string("\x09hell", 5))[0]) == "hell");
    BOOST_TEST(std::get<double>(struct_format("<e").unpack(std::string("\x00\x3e", 2))[0]) == 1.5);
    BOOST_TEST(std::get<bool>(struct_format("!?").unpack(std::string("\x02", 1))[0]));
    BOOST_TEST(std::isnan(std::get<double>(struct_format("<e").unpack(std::string("\x00\x7e", 2))[0])));
}

BOOST_AUTO_TEST_CASE(errors_use_python_messages)
{
    BOOST_TEST(pack_error("!h", {i64(40000)}) == "'h' format requires -32768 <= number <= 32767");
    BOOST_TEST(pack_error("!B", {i64(-1)}) == "ubyte format requires 0 <= number <= 255");
    BOOST_TEST(pack_error("!b", {i64(128)}) == "byte format requires -128 <= number <= 127");
    BOOST_TEST(pack_error("!I", {i64(-1)}) == "'I' format requires 0 <= number <= 4294967295");
    BOOST_TEST(pack_error("!q", {u64(1ULL << 63)}) == "int too large to convert");
    BOOST_TEST(pack_error("!c", {std::string("ab")}) == "char format requires a bytes object of length 1");
    BOOST_TEST(pack_error("!i", {1.5}) == "required argument is not an integer");
    BOOST_TEST(pack_error("!e", {70000.0}) == "float too large to pack with e format");
    BOOST_TEST(pack_error("!f", {1e300}) == "float too large to pack with f format");
    BOOST_TEST(pack_error("!ii", {i64(1)}) == "pack expected 2 items for packing (got 1)");
    BOOST_TEST(pack_error("!s", {i64(1)}) == "argument for 's' must be a bytes object");
    BOOST_TEST(format_error("!n") == "bad char in struct format");
    BOOST_TEST(format_error("3") == "repeat count given without format specifier");
    BOOST_TEST(format_error("!y") == "bad char in struct format");
}

BOOST_AUTO_TEST_CASE(serializer_defaults_to_network_byte_order)
{
    const struct_ser s("qq");
    BOOST_TEST(s.format().format() == "!qq");
    BOOST_TEST(s.packet_size() == 16u);
    BOOST_TEST(hex(s.serialize({i64(1), i64(2)})) == "00000000000000010000000000000002");
    BOOST_TEST(struct_ser("<h").format().format() == "<h");
}

BOOST_AUTO_TEST_CASE(deserialize_wrong_size_is_invalid_value)
{
    const struct_ser s("!i", true);
    try {
        s.deserialize("ab");
        BOOST_FAIL("no error");
    } catch (const deserialize_error& e) {
        BOOST_TEST(e.what() == std::string("Invalid value: unpack requires a buffer of 4 bytes"));
        BOOST_TEST_REQUIRE(e.error_info() != nullptr);
        BOOST_TEST(*e.error_info()->get<std::string>("data") == "ab");
    }
}

BOOST_AUTO_TEST_CASE(stream_waits_for_exactly_the_record_size_in_any_split)
{
    const auto s = std::make_shared<struct_ser>("!hd");
    protocol::stream_protocol<struct_tuple> p(s);
    protocol::buffered_stream_protocol<struct_tuple> bp(s);
    std::string all;
    for (int i = 0; i < 20; ++i) all += s->serialize({i64(i), i * 0.5});
    for (std::size_t step : {std::size_t(1), std::size_t(7), all.size()}) {
        auto c = p.make_consumer();
        auto bc = bp.make_consumer(1);
        int n = 0, bn = 0;
        for (std::size_t pos = 0; pos < all.size(); pos += step) {
            const std::string_view piece = std::string_view(all).substr(pos, step);
            c.feed(piece);
            while (auto t = c.next_packet()) {
                BOOST_TEST(std::get<i64>((*t)[0]) == n);
                ++n;
            }
            std::string_view rest = piece;
            while (!rest.empty()) {
                auto buf = bc.get_write_buffer();
                const std::size_t k = std::min(buf.size(), rest.size());
                std::memcpy(buf.data(), rest.data(), k);
                bc.buffer_updated(k);
                rest.remove_prefix(k);
                while (auto t = bc.next_packet()) {
                    BOOST_TEST(std::get<double>((*t)[1]) == bn * 0.5);
                    ++bn;
                }
            }
        }
        BOOST_TEST(n == 20);
        BOOST_TEST(bn == 20);
    }
    BOOST_TEST(bp.create_buffer(4).initial == 10u); // max(size, sizehint)
}

BOOST_AUTO_TEST_SUITE_END()
