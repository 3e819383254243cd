//
// easynet — tests of easynet/serializers/cbor_serializer.hpp
//
#include <easynet/serializers/cbor_serializer.hpp>

#include "document_serializer_checks.hpp"

#include <easynet/serializers/detail/cbor_codec.hpp>
#include <easynet_test/counting_resource.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

namespace json = boost::json;
using serializer_type = easynet::serializers::cbor_serializer;
using document_checks::deserialize_message;
using document_checks::from_hex;
using document_checks::point;
using document_checks::same_document;
using document_checks::to_hex;

namespace {

json::value decode(std::string_view hex, const serializer_type& s = serializer_type())
{
    return s.deserialize(from_hex(hex));
}

} // namespace

BOOST_AUTO_TEST_SUITE(cbor_serializer)

BOOST_AUTO_TEST_CASE(serialize_matches_every_golden_vector)
{
    document_checks::check_golden_encoding(serializer_type({.limit = 1024 * 1024}), "cbor");
}

BOOST_AUTO_TEST_CASE(deserialize_accepts_every_golden_vector)
{
    document_checks::check_golden_decoding(serializer_type({.limit = 1024 * 1024}), "cbor");
}

BOOST_AUTO_TEST_CASE(buffered_protocol_parses_golden_packets_in_place)
{
    document_checks::check_buffered_stream(
        std::make_shared<const serializer_type>(serializer_type({.limit = 1024 * 1024})), "cbor");
}

BOOST_AUTO_TEST_CASE(stream_parses_golden_packets_in_any_chunking)
{
    document_checks::check_stream_chunkings(serializer_type({.limit = 1024 * 1024}), "cbor");
}

BOOST_AUTO_TEST_CASE(floats_are_float64_except_non_finite_ones)
{
    const serializer_type s;
    BOOST_TEST(to_hex(s.serialize(json::value(1.5))) == "fb3ff8000000000000");
    BOOST_TEST(to_hex(s.serialize(json::value(std::numeric_limits<double>::quiet_NaN()))) == "f97e00");
    BOOST_TEST(to_hex(s.serialize(json::value(-std::numeric_limits<double>::quiet_NaN()))) == "f97e00");
    BOOST_TEST(to_hex(s.serialize(json::value(std::numeric_limits<double>::infinity()))) == "f97c00");
    BOOST_TEST(to_hex(s.serialize(json::value(-std::numeric_limits<double>::infinity()))) == "f9fc00");
    BOOST_TEST(to_hex(s.serialize(json::value(std::uint64_t{1} << 63))) == "1b8000000000000000");
    BOOST_TEST(decode("01").is_int64());
    BOOST_TEST(decode("1bffffffffffffffff").is_uint64());
    BOOST_TEST(decode("3b7fffffffffffffff").as_int64() == std::numeric_limits<std::int64_t>::min());
}

BOOST_AUTO_TEST_CASE(decoder_accepts_every_float_width_and_non_minimal_heads)
{
    BOOST_TEST(decode("f93e00").as_double() == 1.5);
    BOOST_TEST(decode("f90001").as_double() == std::ldexp(1.0, -24)); // smallest subnormal
    BOOST_TEST(decode("f97bff").as_double() == 65504.0);
    BOOST_TEST(decode("f9c400").as_double() == -4.0);
    BOOST_TEST(std::isnan(decode("f97e00").as_double()));
    BOOST_TEST(decode("f9fc00").as_double() == -std::numeric_limits<double>::infinity());
    BOOST_TEST(decode("fa3fc00000").as_double() == 1.5);
    BOOST_TEST(decode("1801").as_int64() == 1);
    BOOST_TEST(decode("190001").as_int64() == 1);
    BOOST_TEST(decode("1b0000000000000001").as_int64() == 1);
    BOOST_TEST(decode("3800").as_int64() == -1);
    BOOST_TEST(decode("780161").as_string() == "a");
    BOOST_TEST(decode("98020102").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(decoder_accepts_indefinite_lengths)
{
    BOOST_TEST(same_document(decode("9f0102ff"), json::parse("[1,2]")));
    BOOST_TEST(same_document(decode("9fff"), json::parse("[]")));
    BOOST_TEST(same_document(decode("bf616101616202ff"), json::parse(R"({"a":1,"b":2})")));
    BOOST_TEST(decode("7f62616261636164ff").as_string() == "abcd");
    BOOST_TEST(decode("7fff").as_string() == "");
    BOOST_TEST(same_document(decode("bf7f6161ff01ff"), json::parse(R"({"a":1})"))); // indefinite key
    BOOST_TEST(same_document(decode("9f9f01ff829fff02ff"), json::parse("[[1],[[],2]]")));
}

BOOST_AUTO_TEST_CASE(tags_bignums_and_simple_values)
{
    BOOST_TEST(decode("c24101").as_int64() == 1);
    BOOST_TEST(decode("c3487fffffffffffffff").as_int64() == std::numeric_limits<std::int64_t>::min());
    BOOST_TEST(decode("c25f4101ff").as_int64() == 1); // indefinite byte string
    BOOST_TEST(decode("d9d9f701").as_int64() == 1);   // self-described CBOR
    BOOST_TEST(decode("c074323031332d30332d32315432303a30343a30305a").as_string() == "2013-03-21T20:04:00Z");
    BOOST_TEST(decode("f7").is_null()); // undefined
    BOOST_TEST(decode("f5").as_bool());
    BOOST_TEST(same_document(decode("a1616bc48201f6"), json::parse(R"({"k":[1,null]})")));
}

BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_are_big_integers_as_in_json)
{
    const serializer_type s;
    struct case_type {
        const char* hex;
        const char* digits;
        const char* reencoded; // cbor2's form of the same integer
    };
    for (const case_type& c : {
             case_type{"c249010000000000000000", "18446744073709551616", "c249010000000000000000"},
             case_type{"c2490100000000000000ff", "18446744073709551871", "c2490100000000000000ff"},
             case_type{"c24b0000010000000000000000", "18446744073709551616", "c249010000000000000000"},
             case_type{"c349010000000000000000", "-18446744073709551617", "c349010000000000000000"},
             case_type{"c348ffffffffffffffff", "-18446744073709551616", "3bffffffffffffffff"},
             case_type{"3bffffffffffffffff", "-18446744073709551616", "3bffffffffffffffff"},
             case_type{"3b8000000000000000", "-9223372036854775809", "3b8000000000000000"},
             case_type{"c25f4401000000450000000000ff", "18446744073709551616", "c249010000000000000000"},
         }) {
        BOOST_TEST_CONTEXT(c.hex)
        {
            const json::value v = decode(c.hex);
            BOOST_TEST(same_document(v, json::value{{"$bigint", c.digits}}));
            BOOST_TEST(to_hex(s.serialize(v)) == c.reencoded);
        }
    }
    // 2^200 and -2^200, through the decimal text.
    const std::string two_200 = "1606938044258990275541962092341162602522202993782792835301376";
    BOOST_TEST(to_hex(s.serialize(json::value{{"$bigint", two_200}})) == "c2581a01" + std::string(50, '0'));
    BOOST_TEST(to_hex(s.serialize(json::value{{"$bigint", "-" + two_200}})) == "c35819" + std::string(50, 'f'));
    BOOST_TEST(same_document(decode("c2581a01" + std::string(50, '0')), json::value{{"$bigint", two_200}}));
    // Python refuses integer texts over 4300 digits; so do we.
    const std::string huge = "c25906fa" + std::string(2 * 1786, '1');
    BOOST_TEST(deserialize_message(s, from_hex(huge)) == "bignum too large");
    // An object that merely looks like one is an ordinary map.
    BOOST_TEST(to_hex(s.serialize(json::value{{"$bigint", "12"}})) == "a16724626967696e74623132");
}

BOOST_AUTO_TEST_CASE(map_keys_keep_order_and_last_duplicate_wins)
{
    const json::value v = json::parse(R"({"b":1,"a":2,"c":3})");
    BOOST_TEST(to_hex(serializer_type().serialize(v)) == "a3616201616102616303");
    BOOST_TEST(same_document(decode("a3616101616202616103"), json::parse(R"({"a":3,"b":2})")));
}

BOOST_AUTO_TEST_CASE(byte_strings_become_raw_strings_unless_refused)
{
    // Strings that are not UTF-8 are written as byte strings, so they round-trip.
    BOOST_TEST(to_hex(serializer_type().serialize(json::value("\xff"))) == "41ff");
    BOOST_TEST(to_hex(serializer_type().serialize(decode("41ff"))) == "41ff");
    BOOST_TEST(to_hex(serializer_type().serialize(json::value{{"\xff", 1}})) == "a141ff01");
    BOOST_TEST(decode("4300ff61").as_string() == std::string_view("\x00\xff" "a", 3));
    BOOST_TEST(same_document(decode("a1416101"), json::parse(R"({"a":1})")));
    const serializer_type strict({.allow_binary = false});
    BOOST_TEST(deserialize_message(strict, from_hex("4161")) == "byte strings are not accepted");
    BOOST_TEST(deserialize_message(strict, from_hex("a1416101")) == "map keys must be text strings");
}

BOOST_AUTO_TEST_CASE(invalid_items_are_deserialize_errors)
{
    const serializer_type s;
    BOOST_TEST(deserialize_message(s, from_hex("1c")) == "reserved additional information value");
    BOOST_TEST(deserialize_message(s, from_hex("fc")) == "reserved additional information value");
    BOOST_TEST(deserialize_message(s, from_hex("1f")) == "indefinite length is not allowed here");
    BOOST_TEST(deserialize_message(s, from_hex("ff")) == "unexpected break");
    BOOST_TEST(deserialize_message(s, from_hex("8201ff")) == "unexpected break");
    BOOST_TEST(deserialize_message(s, from_hex("bf6161ff")) == "break between a map key and its value");
    BOOST_TEST(deserialize_message(s, from_hex("9fc6ff")) == "unexpected break");
    BOOST_TEST(deserialize_message(s, from_hex("f0")) == "unsupported simple value");
    BOOST_TEST(deserialize_message(s, from_hex("f820")) == "unsupported simple value");
    BOOST_TEST(deserialize_message(s, from_hex("a10102")) == "map keys must be text strings");
    BOOST_TEST(deserialize_message(s, from_hex("62c328")) == "invalid UTF-8 in text string");
    BOOST_TEST(deserialize_message(s, from_hex("7f4161ff")) == "invalid chunk in an indefinite-length string");
    BOOST_TEST(deserialize_message(s, from_hex("7f7f6161ffff")) == "invalid chunk in an indefinite-length string");
    BOOST_TEST(deserialize_message(s, from_hex("c201")) == "a bignum tag must hold a byte string");
    BOOST_TEST(deserialize_message(s, from_hex("82")) == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, from_hex("9f01")) == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, from_hex("c2")) == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, "") == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, from_hex("0102")) == "Extra data caught");
}

BOOST_AUTO_TEST_CASE(stream_resumes_after_the_offending_bytes)
{
    const serializer_type s;
    // reserved info, invalid UTF-8, a map with an integer key, then a valid item.
    const std::string input = from_hex("1c" "62c328" "a101" "02" "626f6b");
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, input.size()}) {
        BOOST_TEST_CONTEXT("step " << step)
        {
            const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), step));
            BOOST_TEST_REQUIRE(r.events.size() == 5u);
            BOOST_TEST(document_checks::error_message(r.events[0].error)
                       == "Deserialize error: reserved additional information value");
            BOOST_TEST(document_checks::error_message(r.events[1].error)
                       == "Deserialize error: invalid UTF-8 in text string");
            BOOST_TEST(document_checks::error_message(r.events[2].error)
                       == "Deserialize error: map keys must be text strings");
            BOOST_TEST(r.events[3].packet->as_int64() == 2);
            BOOST_TEST(r.events[4].packet->as_string() == "ok");
        }
    }
}

BOOST_AUTO_TEST_CASE(limit_overrun_drops_the_pending_bytes)
{
    const serializer_type s({.limit = 16});
    const std::string at_limit = s.serialize(json::value(std::string(15, 'x')));
    BOOST_TEST(at_limit.size() == 16u);
    // 41 bytes; after the overrun its tail of \x01 bytes parses as integers.
    const std::string big = s.serialize(json::value(std::string(39, '\x01')));
    const std::string input = at_limit + big + s.serialize(json::value(7));
    const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), 8));
    BOOST_TEST_REQUIRE(r.events.size() == 20u);
    BOOST_TEST(r.events[0].packet->as_string() == std::string(15, 'x'));
    BOOST_TEST_REQUIRE(!r.events[1].packet);
    try {
        std::rethrow_exception(r.events[1].error);
    }
    catch (const easynet::limit_overrun_error& exc) {
        BOOST_TEST(std::string(exc.what()) == "chunk exceeded buffer limit");
        BOOST_TEST(exc.remaining_data().empty());
    }
    BOOST_TEST(r.events.back().packet->as_int64() == 7);
}

BOOST_AUTO_TEST_CASE(hostile_lengths_allocate_nothing_big)
{
    namespace detail = easynet::serializers::detail;
    for (const char* hex : {"9bffffffffffffffff01", "bbffffffffffffffff6161", "7bffffffffffffffff61",
                            "5affffffff00", "99ffff99ffff99ffff", "9f9f9f9f", "c2c2c2c2"}) {
        BOOST_TEST_CONTEXT(hex)
        {
            easynet_test::counting_resource res;
            json::value out;
            const auto r = detail::cbor_decode(from_hex(hex), out, {}, json::storage_ptr(&res));
            BOOST_TEST((r.status != detail::decode_status::complete));
            BOOST_TEST(res.largest <= 1024u);
        }
    }
    const serializer_type s({.limit = 64});
    const std::string input = from_hex("9bffffffffffffffff") + std::string(100, '\x01');
    const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), 10));
    BOOST_TEST_REQUIRE(r.events.size() >= 1u);
    BOOST_TEST(document_checks::error_message(r.events[0].error) == "chunk exceeded buffer limit");
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded)
{
    const serializer_type s({.max_depth = 3});
    BOOST_TEST(decode("818180", s).as_array().size() == 1u);
    BOOST_TEST(deserialize_message(s, from_hex("81818180")) == "nesting depth exceeds the limit");
    BOOST_TEST(deserialize_message(s, from_hex("9f9f9f9fffffffff")) == "nesting depth exceeds the limit");
    const serializer_type d;
    BOOST_TEST(deserialize_message(d, std::string(200000, '\x81')) == "nesting depth exceeds the limit");
    BOOST_TEST(deserialize_message(d, std::string(200000, '\x9f')) == "nesting depth exceeds the limit");
    // Deep nesting trickled into a stream is refused as soon as the scanner sees it.
    const std::string deep(100000, '\x9f');
    const auto r = easynet_test::feed(serializer_type({.limit = 1024 * 1024}), deep,
                                      easynet_test::fixed_chunks(deep.size(), 1));
    BOOST_TEST_REQUIRE(r.events.size() >= 1u);
    BOOST_TEST(document_checks::error_message(r.events[0].error)
               == "Deserialize error: nesting depth exceeds the limit");
}

BOOST_AUTO_TEST_CASE(trickled_input_is_scanned_in_linear_time)
{
    json::array a;
    for (int i = 0; i < 20000; ++i)
        a.push_back(json::array{i % 100, "x"});
    const serializer_type s({.limit = 1024 * 1024});
    const std::string bytes = s.serialize(json::value(a));
    const auto r = easynet_test::feed(s, bytes, easynet_test::fixed_chunks(bytes.size(), 1));
    BOOST_TEST_REQUIRE(r.events.size() == 1u);
    BOOST_TEST(r.events[0].packet->as_array().size() == 20000u);
}

BOOST_AUTO_TEST_CASE(user_types_go_through_value_from_and_value_to)
{
    const easynet::serializers::basic_cbor_serializer<point> s;
    const std::string bytes = s.serialize(point{1, -2});
    BOOST_TEST(to_hex(bytes) == "a2617801617921");
    const point p = s.deserialize(bytes);
    BOOST_TEST(p.x == 1);
    BOOST_TEST(p.y == -2);
    BOOST_CHECK_THROW(s.deserialize(from_hex("6178")), easynet::deserialize_error);
}

BOOST_AUTO_TEST_SUITE_END()
