#include <easynet/serializers/json_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/tools/big_integer.hpp>

#include <easynet_test/wire_vectors.hpp>

#include <boost/test/unit_test.hpp>

#include <random>

using namespace easynet;
template <class... T> using json_ser = serializers::json_serializer<T...>;
using serializers::json_serializer_options;
using boost::json::value;

namespace {

std::shared_ptr<json_ser<>> make(json_serializer_options o = {})
{
    return std::make_shared<json_ser<>>(o);
}

std::string join(const std::vector<std::string>& chunks)
{
    std::string s;
    for (const auto& c : chunks) s += c;
    return s;
}

// Feeds `bytes` to a fresh stream consumer in pieces of the given sizes; returns every packet.
template <class Protocol>
std::vector<value> parse_chunked(const Protocol& p, std::string_view bytes, const std::vector<std::size_t>& sizes)
{
    auto c = p.make_consumer();
    std::vector<value> out;
    std::size_t pos = 0, k = 0;
    while (pos < bytes.size()) {
        const std::size_t n = std::min(sizes[k++ % sizes.size()], bytes.size() - pos);
        c.feed(bytes.substr(pos, n));
        pos += n;
        while (auto v = c.next_packet()) out.push_back(std::move(*v));
    }
    BOOST_TEST(c.buffered_data().empty());
    return out;
}

template <class Protocol>
std::vector<value> parse_buffered_chunked(const Protocol& p, std::string_view bytes, const std::vector<std::size_t>& sizes,
                                          std::size_t hint)
{
    auto c = p.make_consumer(hint);
    std::vector<value> out;
    std::size_t pos = 0, k = 0;
    while (pos < bytes.size()) {
        auto buf = c.get_write_buffer();
        const std::size_t n = std::min({sizes[k++ % sizes.size()], bytes.size() - pos, buf.size()});
        std::memcpy(buf.data(), bytes.data() + pos, n);
        c.buffer_updated(n);
        pos += n;
        while (auto v = c.next_packet()) out.push_back(std::move(*v));
    }
    BOOST_TEST(c.buffered_data().empty());
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(json_serializer)

BOOST_AUTO_TEST_CASE(golden_stream_vectors_are_produced_and_parsed_back)
{
    json_serializer_options o;
    o.limit = 1024 * 1024; // WIRE_FORMATS §0: the vectors hold 200 KiB packets
    const auto s = make(o);
    protocol::stream_protocol<value> p(s);
    const auto vectors = easynet_test::load_wire_vectors("json", "none", "stream");
    BOOST_TEST_REQUIRE(vectors.size() > 50u);
    std::string all;
    std::vector<value> expected;
    for (const auto& v : vectors) {
        BOOST_TEST_CONTEXT("vector line " << v.line)
        {
            BOOST_TEST(join(p.generate_chunks(v.value)) == v.bytes);
            auto c = p.make_consumer();
            c.feed(v.bytes);
            auto got = c.next_packet();
            BOOST_TEST_REQUIRE(got.has_value());
            BOOST_TEST(easynet_test::strictly_equal(*got, v.value));
        }
        all += v.bytes;
        expected.push_back(v.value);
    }
    // every packet one byte at a time, random chunkings, everything in one chunk
    std::mt19937 rng(20240601);
    std::vector<std::vector<std::size_t>> chunkings{{1}, {all.size()}, {2, 3, 5, 7}};
    for (int i = 0; i < 5; ++i) {
        std::vector<std::size_t> sizes;
        for (int k = 0; k < 64; ++k) sizes.push_back(1 + rng() % 300);
        chunkings.push_back(sizes);
    }
    protocol::buffered_stream_protocol<value> bp(s);
    for (const auto& sizes : chunkings) {
        for (int mode = 0; mode < 2; ++mode) {
            const auto got = mode == 0 ? parse_chunked(p, all, sizes) : parse_buffered_chunked(bp, all, sizes, 64);
            BOOST_TEST_REQUIRE(got.size() == expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) BOOST_TEST(easynet_test::strictly_equal(got[i], expected[i]));
        }
    }
}

BOOST_AUTO_TEST_CASE(golden_datagram_vectors_are_produced_and_parsed_back)
{
    protocol::datagram_protocol<value> p(make());
    const auto vectors = easynet_test::load_wire_vectors("json", "none", "datagram");
    BOOST_TEST_REQUIRE(vectors.size() > 50u);
    for (const auto& v : vectors) {
        BOOST_TEST_CONTEXT("vector line " << v.line)
        {
            BOOST_TEST(p.make_datagram(v.value) == v.bytes);
            BOOST_TEST(easynet_test::strictly_equal(p.build_packet_from_datagram(v.bytes), v.value));
        }
    }
}

BOOST_AUTO_TEST_CASE(integers_beyond_64_bits_round_trip_as_big_integers)
{
    const auto s = make();
    const value v = s->deserialize("[18446744073709551616,-9223372036854775809,18446744073709551615]");
    const auto& a = v.as_array();
    BOOST_TEST(*serializers::tools::big_integer_digits(a[0]) == "18446744073709551616");
    BOOST_TEST(*serializers::tools::big_integer_digits(a[1]) == "-9223372036854775809");
    BOOST_TEST(a[2].is_uint64());
    BOOST_TEST(s->serialize(v) == "[18446744073709551616,-9223372036854775809,18446744073709551615]");
    // an ordinary object with the same key but a small number stays an object
    BOOST_TEST(s->serialize(s->deserialize(R"({"$bigint":"12"})")) == R"({"$bigint":"12"})");
}

BOOST_AUTO_TEST_CASE(lines_framing_accepts_surrounding_whitespace_and_cr)
{
    protocol::stream_protocol<value> p(make());
    auto c = p.make_consumer();
    c.feed("  {\"z\" : 1 }  \r\n42\n");
    BOOST_TEST(c.next_packet()->as_object().at("z").as_int64() == 1);
    BOOST_TEST(c.next_packet()->as_int64() == 42);
}

BOOST_AUTO_TEST_CASE(lines_framing_empty_line_is_a_parse_error_and_parsing_resumes)
{
    protocol::stream_protocol<value> p(make());
    auto c = p.make_consumer();
    c.feed("\n1\n");
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const stream_protocol_parse_error& e) {
        BOOST_TEST(e.error().what() == std::string("JSON decode error: Expecting value: line 1 column 1 (char 0)"));
        BOOST_TEST(e.remaining_data() == "1\n");
        BOOST_TEST(e.error_as<incremental_deserialize_error>() != nullptr);
    }
    BOOST_TEST(c.next_packet()->as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(lines_framing_two_documents_on_a_line_is_extra_data)
{
    protocol::stream_protocol<value> p(make());
    auto c = p.make_consumer();
    c.feed("{} {}\n[]\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what()) == "JSON decode error: Extra data: line 1 column 4 (char 3)";
    });
    BOOST_TEST(c.next_packet()->is_array());
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_a_unicode_decode_error_keeping_the_remainder)
{
    protocol::stream_protocol<value> p(make());
    auto c = p.make_consumer();
    c.feed("\"\xff\"\n2\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what())
                == "Unicode decode error: 'utf-8' codec can't decode byte 0xff in position 1: invalid start byte"
            && e.remaining_data() == "2\n";
    });
    BOOST_TEST(c.next_packet()->as_int64() == 2);
}

BOOST_AUTO_TEST_CASE(line_limit_overrun_messages_and_recovery)
{
    json_serializer_options o;
    o.limit = 10;
    protocol::stream_protocol<value> p(make(o));
    {
        auto c = p.make_consumer();
        c.feed("[1,2,3,4,5,6,7]\n8\n");
        BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
            return e.template error_as<limit_overrun_error>() != nullptr
                && std::string(e.error().what()) == "Separator is found, but chunk is longer than limit"
                && e.remaining_data() == "8\n";
        });
        BOOST_TEST(c.next_packet()->as_int64() == 8);
    }
    {
        auto c = p.make_consumer();
        c.feed("[1,2,3,4,5,");
        BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
            return std::string(e.error().what()) == "Separator is not found, and chunk exceed the limit"
                && e.remaining_data().empty();
        });
        c.feed("6]\n9\n");
        BOOST_CHECK_THROW(c.next_packet(), stream_protocol_parse_error); // the tail "6]" as its own line
        BOOST_TEST(c.next_packet()->as_int64() == 9);
    }
}

BOOST_AUTO_TEST_CASE(raw_framing_splits_documents_by_brackets_and_quotes)
{
    json_serializer_options o;
    o.use_lines = false;
    const auto s = make(o);
    protocol::stream_protocol<value> p(s);
    BOOST_TEST(join(p.generate_chunks(s->deserialize(R"({"a":1})"))) == R"({"a":1})");
    BOOST_TEST(join(p.generate_chunks(value(42))) == "42\n");
    BOOST_TEST(join(p.generate_chunks(value("x"))) == "\"x\"");
    const std::string stream = "{\"k\":\"}{\\\"\",\"n\":[{}]}  [1,[2]]\"a\\\"b\"12\ntrue\n {\"x\":{\"y\":{}}}";
    const std::vector<std::string> expected{R"({"k":"}{\"","n":[{}]})", "[1,[2]]", R"("a\"b")", "12", "true",
                                            R"({"x":{"y":{}}})"};
    for (std::size_t step : {std::size_t(1), std::size_t(3), stream.size()}) {
        auto c = p.make_consumer();
        std::vector<std::string> got;
        for (std::size_t i = 0; i < stream.size(); i += step) {
            c.feed(std::string_view(stream).substr(i, step));
            while (auto v = c.next_packet()) got.push_back(s->serialize(*v));
        }
        // a bare value ends at the first non-printable byte (the newline)
        BOOST_TEST(got == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(raw_framing_limit_overrun_messages)
{
    json_serializer_options o;
    o.use_lines = false;
    o.limit = 8;
    protocol::stream_protocol<value> p(make(o));
    {
        auto c = p.make_consumer();
        c.feed("[1,2,3,4,5,6]{}");
        BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
            return std::string(e.error().what()) == "JSON object's end frame is found, but chunk is longer than limit"
                && e.remaining_data() == "{}";
        });
        BOOST_TEST(c.next_packet()->as_object().empty());
    }
    {
        auto c = p.make_consumer();
        c.feed("[1,2,3,4,5");
        BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
            return std::string(e.error().what()) == "JSON object's end frame is not found, and chunk exceed the limit"
                && e.remaining_data().empty();
        });
    }
}

BOOST_AUTO_TEST_CASE(debug_attaches_document_position_line_and_column)
{
    json_serializer_options o;
    o.debug = true;
    const auto s = make(o);
    try {
        s->deserialize("[1,\n 2,,]");
        BOOST_FAIL("no error");
    } catch (const deserialize_error& e) {
        BOOST_TEST(e.what() == std::string("JSON decode error: Expecting value: line 2 column 4 (char 7)"));
        BOOST_TEST_REQUIRE(e.error_info() != nullptr);
        BOOST_TEST(*e.error_info()->get<std::string>("document") == "[1,\n 2,,]");
        BOOST_TEST(*e.error_info()->get<std::size_t>("position") == 7u);
        BOOST_TEST(*e.error_info()->get<std::size_t>("lineno") == 2u);
        BOOST_TEST(*e.error_info()->get<std::size_t>("colno") == 4u);
    }
    try {
        make()->deserialize("[1,\n 2,,]");
    } catch (const deserialize_error& e) {
        BOOST_TEST(e.error_info() == nullptr);
    }
}

BOOST_AUTO_TEST_CASE(allow_nan_false_refuses_to_send_non_finite_floats)
{
    json_serializer_options o;
    o.allow_nan = false;
    protocol::stream_protocol<value> p(make(o));
    BOOST_CHECK_THROW(p.generate_chunks(value(std::numeric_limits<double>::infinity())), protocol_crash_error);
}

namespace {
struct point {
    int x = 0;
    int y = 0;
};
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& v, const point& p)
{
    v = {{"x", p.x}, {"y", p.y}};
}
point tag_invoke(const boost::json::value_to_tag<point>&, const boost::json::value& v)
{
    const auto& o = v.as_object();
    return {static_cast<int>(o.at("x").as_int64()), static_cast<int>(o.at("y").as_int64())};
}
} // namespace

BOOST_AUTO_TEST_CASE(user_types_go_through_value_from_and_value_to)
{
    const auto s = std::make_shared<json_ser<point>>();
    BOOST_TEST(s->serialize(point{1, 2}) == R"({"x":1,"y":2})");
    const point q = s->deserialize(R"({"y":4,"x":3})");
    BOOST_TEST(q.x == 3);
    BOOST_TEST(q.y == 4);
    protocol::stream_protocol<point> p(s);
    auto c = p.make_consumer();
    c.feed("[1]\n{\"x\":5,\"y\":6}\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what()).starts_with("JSON conversion error: ");
    });
    BOOST_TEST(c.next_packet()->x == 5);
}

BOOST_AUTO_TEST_SUITE_END()
