//
// easynet — tests of easynet/serializers/msgpack_serializer.hpp
//
#include <easynet/serializers/msgpack_serializer.hpp>

#include "document_serializer_checks.hpp"

#include <easynet/serializers/detail/msgpack_codec.hpp>
#include <easynet_test/counting_resource.hpp>

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

namespace json = boost::json;
using serializer_type = easynet::serializers::msgpack_serializer;
using easynet::serializers::msgpack_serializer_options;
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

BOOST_AUTO_TEST_SUITE(msgpack_serializer)

BOOST_AUTO_TEST_CASE(serialize_matches_every_golden_vector)
{
    document_checks::check_golden_encoding(serializer_type({.limit = 1024 * 1024}), "msgpack");
}

BOOST_AUTO_TEST_CASE(deserialize_accepts_every_golden_vector)
{
    document_checks::check_golden_decoding(serializer_type({.limit = 1024 * 1024}), "msgpack");
}

BOOST_AUTO_TEST_CASE(buffered_protocol_parses_golden_packets_in_place)
{
    document_checks::check_buffered_stream(
        std::make_shared<const serializer_type>(serializer_type({.limit = 1024 * 1024})), "msgpack");
}

BOOST_AUTO_TEST_CASE(stream_parses_golden_packets_in_any_chunking)
{
    document_checks::check_stream_chunkings(serializer_type({.limit = 1024 * 1024}), "msgpack");
}

BOOST_AUTO_TEST_CASE(floats_are_always_float64_and_integers_stay_integers)
{
    const serializer_type s;
    BOOST_TEST(to_hex(s.serialize(json::value(1.0))) == "cb3ff0000000000000");
    BOOST_TEST(to_hex(s.serialize(json::value(1))) == "01");
    BOOST_TEST(to_hex(s.serialize(json::value(std::uint64_t{1}))) == "01");
    BOOST_TEST(to_hex(s.serialize(json::value(std::numeric_limits<double>::quiet_NaN()))) == "cb7ff8000000000000");
    BOOST_TEST(decode("01").is_int64());
    BOOST_TEST(decode("cb3ff0000000000000").is_double());
    BOOST_TEST(decode("cfffffffffffffffff").is_uint64());
    BOOST_TEST(decode("cf7fffffffffffffff").is_int64());
}

BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_cannot_be_encoded)
{
    // As Python's msgpack (OverflowError): a protocol reports it as a crash of generate_chunks.
    BOOST_CHECK_THROW(serializer_type().serialize(json::value{{"$bigint", "18446744073709551616"}}),
                      std::out_of_range);
}

BOOST_AUTO_TEST_CASE(decoder_accepts_non_minimal_encodings)
{
    BOOST_TEST(decode("cc01").as_int64() == 1);
    BOOST_TEST(decode("cd0001").as_int64() == 1);
    BOOST_TEST(decode("cf0000000000000001").as_int64() == 1);
    BOOST_TEST(decode("d0ff").as_int64() == -1);
    BOOST_TEST(decode("d3ffffffffffffffff").as_int64() == -1);
    BOOST_TEST(decode("ca3fc00000").as_double() == 1.5); // float32, re-sent as float64
    BOOST_TEST(to_hex(serializer_type().serialize(decode("ca3fc00000"))) == "cb3ff8000000000000");
    BOOST_TEST(decode("d90161").as_string() == "a");
    BOOST_TEST(decode("da000161").as_string() == "a");
    BOOST_TEST(decode("dc0001c0").as_array().size() == 1u);
    BOOST_TEST(same_document(decode("de0001a16101"), json::parse(R"({"a":1})")));
}

BOOST_AUTO_TEST_CASE(map_keys_keep_order_and_last_duplicate_wins)
{
    const json::value v = json::parse(R"({"b":1,"a":2,"c":3})");
    BOOST_TEST(to_hex(serializer_type().serialize(v)) == "83a16201a16102a16303");
    const json::value d = decode("83a16101a16202a16103");
    BOOST_TEST(same_document(d, json::parse(R"({"a":3,"b":2})")));
}

BOOST_AUTO_TEST_CASE(bin_becomes_a_raw_string_unless_refused)
{
    // Strings that are not UTF-8 are written as byte strings, so they round-trip.
    BOOST_TEST(to_hex(serializer_type().serialize(json::value("\xff"))) == "c401ff");
    BOOST_TEST(to_hex(serializer_type().serialize(decode("c401ff"))) == "c401ff");
    BOOST_TEST(to_hex(serializer_type().serialize(json::value{{"\xff", 1}})) == "81c401ff01");
    BOOST_TEST(decode("c40300ff61").as_string() == std::string_view("\x00\xff" "a", 3));
    BOOST_TEST(same_document(decode("81c4016101"), json::parse(R"({"a":1})")));
    const serializer_type strict({.allow_binary = false});
    BOOST_TEST(deserialize_message(strict, from_hex("c40161")) == "bin is not accepted");
}

BOOST_AUTO_TEST_CASE(invalid_objects_are_deserialize_errors)
{
    const serializer_type s;
    BOOST_TEST(deserialize_message(s, from_hex("c1")) == "invalid byte 0xc1");
    BOOST_TEST(deserialize_message(s, from_hex("d40100")) == "extension types are not supported");
    BOOST_TEST(deserialize_message(s, from_hex("c7020100ff")) == "extension types are not supported");
    BOOST_TEST(deserialize_message(s, from_hex("810102")) == "map keys must be str or bin");
    BOOST_TEST(deserialize_message(s, from_hex("a2c328")) == "invalid UTF-8 in str");
    BOOST_TEST(deserialize_message(s, from_hex("a3eda080")) == "invalid UTF-8 in str"); // surrogate
    BOOST_TEST(deserialize_message(s, from_hex("a2c0af")) == "invalid UTF-8 in str");   // overlong
    BOOST_TEST(deserialize_message(s, from_hex("92")) == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, from_hex("db0000000561")) == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, "") == "Missing data to create packet");
    BOOST_TEST(deserialize_message(s, from_hex("0102")) == "Extra data caught");
}

BOOST_AUTO_TEST_CASE(debug_attaches_the_offending_data)
{
    const serializer_type plain;
    const serializer_type debug({.debug = true});
    try {
        plain.deserialize(from_hex("c1"));
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST(exc.error_info() == nullptr);
    }
    try {
        debug.deserialize(from_hex("c1"));
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST_REQUIRE(exc.error_info() != nullptr);
        BOOST_TEST(*exc.error_info()->get<std::string>("data") == from_hex("c1"));
    }
    try {
        debug.deserialize(from_hex("0102"));
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST_REQUIRE(exc.error_info() != nullptr);
        BOOST_TEST(*exc.error_info()->get<std::string>("extra") == from_hex("02"));
        BOOST_TEST(exc.error_info()->get<json::value>("packet")->as_int64() == 1);
    }
}

BOOST_AUTO_TEST_CASE(stream_resumes_after_the_offending_bytes)
{
    const serializer_type s;
    // c1, then an invalid UTF-8 str, then a map with a non-string key, then a valid object.
    const std::string input = from_hex("c1" "a2c328" "8101" "02" "a26f6b");
    for (std::size_t step : {std::size_t{1}, std::size_t{3}, input.size()}) {
        BOOST_TEST_CONTEXT("step " << step)
        {
            const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), step));
            BOOST_TEST_REQUIRE(r.events.size() == 5u);
            BOOST_TEST(document_checks::error_message(r.events[0].error) == "Deserialize error: invalid byte 0xc1");
            BOOST_TEST(document_checks::error_message(r.events[1].error) == "Deserialize error: invalid UTF-8 in str");
            BOOST_TEST(document_checks::error_message(r.events[2].error)
                       == "Deserialize error: map keys must be str or bin");
            // After the bad key, the parser resumes at its value (02), then the string.
            BOOST_TEST(r.events[3].packet->as_int64() == 2);
            BOOST_TEST(r.events[4].packet->as_string() == "ok");
        }
    }
}

BOOST_AUTO_TEST_CASE(limit_overrun_drops_the_pending_bytes)
{
    const serializer_type s({.limit = 16});
    // A 16-byte object is accepted (fixstr of 15 bytes).
    const std::string at_limit = s.serialize(json::value(std::string(15, 'x')));
    BOOST_TEST(at_limit.size() == 16u);
    // A 41-byte one arriving in 8-byte chunks is not; parsing goes on afterwards.
    const std::string big = s.serialize(json::value(std::string(39, 'y')));
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
    // The overrun dropped the 24 pending bytes of `big`; its last 17 bytes ('y') are
    // parsed as positive fixints, then comes 7.
    BOOST_TEST_REQUIRE(r.packet_count() == 19u);
    BOOST_TEST(r.events.back().packet->as_int64() == 7);
}

BOOST_AUTO_TEST_CASE(hostile_lengths_allocate_nothing_big)
{
    namespace detail = easynet::serializers::detail;
    for (const char* hex : {"ddffffffff01020304", "dfffffffffa16101", "dbffffffff6161", "c6ffffffff00",
                            "dcffff" "dcffff" "dcffff", "c9ffffffff0100"}) {
        BOOST_TEST_CONTEXT(hex)
        {
            easynet_test::counting_resource res;
            json::value out;
            const auto r = detail::msgpack_decode(from_hex(hex), out, {}, json::storage_ptr(&res));
            BOOST_TEST((r.status == detail::decode_status::need_more));
            BOOST_TEST(res.largest <= 1024u);
        }
    }
    // Through the stream: such a header waits, then overruns the limit.
    const serializer_type s({.limit = 64});
    const std::string input = from_hex("ddffffffff") + std::string(100, '\x01');
    const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), 10));
    BOOST_TEST_REQUIRE(r.events.size() >= 1u);
    BOOST_TEST(document_checks::error_message(r.events[0].error) == "chunk exceeded buffer limit");
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded)
{
    const serializer_type s({.max_depth = 3});
    BOOST_TEST(decode("919190", s).as_array().size() == 1u);
    BOOST_TEST(deserialize_message(s, from_hex("91919190")) == "nesting depth exceeds the limit");
    // A deep hostile document is refused without recursion.
    const serializer_type d;
    const std::string deep(200000, '\x91');
    BOOST_TEST(deserialize_message(d, deep) == "nesting depth exceeds the limit");
    const std::string ok = std::string(easynet::defaults::binary_document_max_depth - 1, '\x91') + "\x90";
    BOOST_TEST(d.deserialize(ok).is_array());
}

BOOST_AUTO_TEST_CASE(trickled_input_is_scanned_in_linear_time)
{
    // 20000 small integers in one array, fed one byte at a time.
    json::array a;
    for (int i = 0; i < 20000; ++i)
        a.push_back(i % 100);
    const serializer_type s({.limit = 1024 * 1024});
    const std::string bytes = s.serialize(json::value(a));
    const auto r = easynet_test::feed(s, bytes, easynet_test::fixed_chunks(bytes.size(), 1));
    BOOST_TEST_REQUIRE(r.events.size() == 1u);
    BOOST_TEST(r.events[0].packet->as_array().size() == 20000u);
}

BOOST_AUTO_TEST_CASE(user_types_go_through_value_from_and_value_to)
{
    const easynet::serializers::basic_msgpack_serializer<point> s;
    const std::string bytes = s.serialize(point{1, -2});
    BOOST_TEST(to_hex(bytes) == "82a17801a179fe");
    const point p = s.deserialize(bytes);
    BOOST_TEST(p.x == 1);
    BOOST_TEST(p.y == -2);
    try {
        s.deserialize(from_hex("a178"));
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST(std::string(exc.what()).starts_with("Invalid value: "));
    }
}

BOOST_AUTO_TEST_CASE(zero_limit_is_rejected)
{
    BOOST_CHECK_THROW(serializer_type({.limit = 0}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
