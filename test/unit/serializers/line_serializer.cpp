#include <easynet/serializers/line_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <easynet_test/wire_vectors.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>
#include <random>

using namespace easynet;
using serializers::line_separator;
using serializers::string_line_options;
using serializers::text_encoding;
using line_ser = serializers::string_line_serializer;

namespace {

std::shared_ptr<line_ser> make(string_line_options o = {})
{
    return std::make_shared<line_ser>(o);
}

string_line_options utf8(std::size_t limit = 1024 * 1024)
{
    string_line_options o;
    o.encoding = text_encoding::utf8;
    o.limit = limit;
    return o;
}

std::string join(const std::vector<std::string>& chunks)
{
    std::string s;
    for (const auto& c : chunks) s += c;
    return s;
}

std::vector<std::string> stream_parse(const protocol::stream_protocol<std::string>& p, std::string_view bytes,
                                      const std::vector<std::size_t>& sizes)
{
    auto c = p.make_consumer();
    std::vector<std::string> out;
    std::size_t pos = 0, k = 0;
    while (pos < bytes.size()) {
        const std::size_t n = std::min(sizes[k++ % sizes.size()], bytes.size() - pos);
        c.feed(bytes.substr(pos, n));
        pos += n;
        while (auto v = c.next_packet()) out.push_back(std::move(*v));
    }
    return out;
}

std::vector<std::string> buffered_parse(const protocol::buffered_stream_protocol<std::string>& p, std::string_view bytes,
                                        const std::vector<std::size_t>& sizes, std::size_t hint)
{
    auto c = p.make_consumer(hint);
    std::vector<std::string> out;
    std::size_t pos = 0, k = 0;
    while (pos < bytes.size()) {
        auto buf = c.get_write_buffer();
        const std::size_t n = std::min({sizes[k++ % sizes.size()], bytes.size() - pos, buf.size()});
        std::memcpy(buf.data(), bytes.data() + pos, n);
        c.buffer_updated(n);
        pos += n;
        while (auto v = c.next_packet()) out.push_back(std::move(*v));
    }
    return out;
}

template <class Consumer>
const stream_protocol_parse_error expect_parse_error(Consumer& c)
{
    try {
        c.next_packet();
    } catch (const stream_protocol_parse_error& e) {
        return e;
    }
    BOOST_FAIL("no stream_protocol_parse_error");
    throw;
}

} // namespace

BOOST_AUTO_TEST_SUITE(line_serializer)

BOOST_AUTO_TEST_CASE(golden_vectors_are_produced_and_parsed_back_in_any_split)
{
    const auto s = make(utf8());
    protocol::stream_protocol<std::string> p(s);
    protocol::buffered_stream_protocol<std::string> bp(s);
    protocol::datagram_protocol<std::string> dp(s);
    std::string all;
    std::vector<std::string> expected;
    for (const auto& v : easynet_test::load_wire_vectors("line", "none")) {
        const std::string value(v.value.as_string());
        BOOST_TEST_CONTEXT("vector line " << v.line)
        {
            if (v.kind == "stream") {
                BOOST_TEST(join(p.generate_chunks(value)) == v.bytes);
                all += v.bytes;
                expected.push_back(value);
            } else {
                BOOST_TEST(dp.make_datagram(value) == v.bytes);
                BOOST_TEST(dp.build_packet_from_datagram(v.bytes) == value);
            }
        }
    }
    BOOST_TEST_REQUIRE(expected.size() == 6u);
    std::mt19937 rng(7);
    std::vector<std::vector<std::size_t>> chunkings{{1}, {all.size()}, {2, 3}};
    for (int i = 0; i < 5; ++i) {
        std::vector<std::size_t> sizes;
        for (int k = 0; k < 50; ++k) sizes.push_back(1 + rng() % 700);
        chunkings.push_back(sizes);
    }
    for (const auto& sizes : chunkings) {
        BOOST_TEST(stream_parse(p, all, sizes) == expected, boost::test_tools::per_element());
        BOOST_TEST(buffered_parse(bp, all, sizes, 16) == expected, boost::test_tools::per_element());
    }
}

BOOST_AUTO_TEST_CASE(separator_is_appended_unless_present_and_empty_string_sends_nothing)
{
    protocol::stream_protocol<std::string> p(make());
    BOOST_TEST(join(p.generate_chunks("abc")) == "abc\n");
    BOOST_TEST(join(p.generate_chunks("abc\n")) == "abc\n");
    BOOST_TEST(p.generate_chunks("").empty());
    string_line_options o;
    o.newline = line_separator::crlf;
    protocol::stream_protocol<std::string> crlf(make(o));
    BOOST_TEST(join(crlf.generate_chunks("x")) == "x\r\n");
    o.newline = line_separator::cr;
    protocol::stream_protocol<std::string> cr(make(o));
    BOOST_TEST(join(cr.generate_chunks("x")) == "x\r");
}

BOOST_AUTO_TEST_CASE(stream_splits_on_lf_only_and_keeps_cr)
{
    protocol::stream_protocol<std::string> p(make());
    BOOST_TEST(stream_parse(p, "abc\r\n\nx\n", {100}) == (std::vector<std::string>{"abc\r", "", "x"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(crlf_separator_split_between_two_reads_is_found)
{
    string_line_options o;
    o.newline = line_separator::crlf;
    protocol::stream_protocol<std::string> p(make(o));
    BOOST_TEST(stream_parse(p, "ab\r\ncd\r\n", {3, 1, 1}) == (std::vector<std::string>{"ab", "cd"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(keep_end_keeps_the_separator)
{
    string_line_options o;
    o.keep_end = true;
    const auto s = make(o);
    protocol::stream_protocol<std::string> p(s);
    BOOST_TEST(stream_parse(p, "a\nb\n", {1}) == (std::vector<std::string>{"a\n", "b\n"}), boost::test_tools::per_element());
    BOOST_TEST(s->deserialize("x\n\n") == "x\n\n");
}

BOOST_AUTO_TEST_CASE(datagram_deserialize_strips_every_trailing_separator)
{
    BOOST_TEST(make()->deserialize("x\n\n") == "x");
    BOOST_TEST(make()->deserialize("x\r\n") == "x\r");
}

BOOST_AUTO_TEST_CASE(ascii_is_the_default_encoding_and_non_ascii_is_a_parse_error_keeping_the_remainder)
{
    protocol::stream_protocol<std::string> p(make());
    auto c = p.make_consumer();
    c.feed("\xc3\xa9\nok\n");
    const auto e = expect_parse_error(c);
    BOOST_TEST(e.error().what()
               == std::string("'ascii' codec can't decode byte 0xc3 in position 0: ordinal not in range(128)"));
    BOOST_TEST(e.remaining_data() == "ok\n");
    BOOST_TEST(e.error_info() == nullptr);
    BOOST_TEST(*c.next_packet() == "ok");
    BOOST_CHECK_THROW(p.generate_chunks("\xc3\xa9"), protocol_crash_error);
}

BOOST_AUTO_TEST_CASE(utf8_errors_use_python_codec_messages)
{
    const auto s = make(utf8());
    auto msg = [&](std::string_view d) {
        try {
            s->deserialize(d);
        } catch (const deserialize_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    BOOST_TEST(msg("a\xff") == "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
    BOOST_TEST(msg("\xe6\x97") == "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
    BOOST_TEST(msg("\xe6\x97x") == "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
    BOOST_TEST(msg("\xed\xa0\x80") == "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
    BOOST_TEST(msg("\xc3\xa9") == "no error");
}

BOOST_AUTO_TEST_CASE(debug_attaches_the_offending_line)
{
    string_line_options o;
    o.debug = true;
    protocol::stream_protocol<std::string> p(make(o));
    auto c = p.make_consumer();
    c.feed("\x80z\n");
    const auto e = expect_parse_error(c);
    BOOST_TEST_REQUIRE(e.error_info() != nullptr);
    BOOST_TEST(*e.error_info()->get<std::string>("data") == "\x80z");
}

BOOST_AUTO_TEST_CASE(line_found_beyond_limit_discards_through_separator_and_recovers)
{
    string_line_options o;
    o.limit = 5;
    protocol::stream_protocol<std::string> p(make(o));
    auto c = p.make_consumer();
    c.feed("12345\n123456\nnext\n");
    BOOST_TEST(*c.next_packet() == "12345"); // exactly `limit` bytes is accepted
    const auto e = expect_parse_error(c);
    const auto* overrun = e.error_as<limit_overrun_error>();
    BOOST_TEST_REQUIRE(overrun != nullptr);
    BOOST_TEST(e.error().what() == std::string("Separator is found, but chunk is longer than limit"));
    BOOST_TEST(overrun->consumed() == 6u);
    BOOST_TEST(e.remaining_data() == "next\n");
    BOOST_TEST(*c.next_packet() == "next");
}

BOOST_AUTO_TEST_CASE(line_overrun_without_separator_discards_and_recovers)
{
    string_line_options o;
    o.limit = 5;
    protocol::stream_protocol<std::string> p(make(o));
    auto c = p.make_consumer();
    c.feed("12345");
    BOOST_TEST(!c.next_packet());
    c.feed("6");
    const auto e = expect_parse_error(c);
    BOOST_TEST(e.error().what() == std::string("Separator is not found, and chunk exceed the limit"));
    BOOST_TEST(e.remaining_data().empty());
    BOOST_TEST(c.buffered_data().empty());
    // the rest of the overlong line shows up as a line of its own, then parsing goes on
    c.feed("78\nnext\n");
    BOOST_TEST(*c.next_packet() == "78");
    BOOST_TEST(*c.next_packet() == "next");
}

BOOST_AUTO_TEST_CASE(crlf_overrun_keeps_a_partial_separator_at_the_end)
{
    string_line_options o;
    o.limit = 4;
    o.newline = line_separator::crlf;
    protocol::stream_protocol<std::string> p(make(o));
    auto c = p.make_consumer();
    c.feed("123456\r");
    const auto e = expect_parse_error(c);
    BOOST_TEST(e.remaining_data() == "\r");
    c.feed("\nok\r\n");
    BOOST_TEST(*c.next_packet() == "");
    BOOST_TEST(*c.next_packet() == "ok");
}

BOOST_AUTO_TEST_CASE(buffered_overrun_without_separator_discards_and_recovers)
{
    string_line_options o;
    o.limit = 5;
    protocol::buffered_stream_protocol<std::string> p(make(o));
    BOOST_TEST(p.create_buffer(1000).maximum == 6u);
    auto c = p.make_consumer(2);
    auto write = [&](std::string_view data) {
        while (!data.empty()) {
            auto buf = c.get_write_buffer();
            const std::size_t n = std::min(buf.size(), data.size());
            std::memcpy(buf.data(), data.data(), n);
            c.buffer_updated(n);
            data.remove_prefix(n);
            if (!data.empty()) BOOST_TEST(!c.next_packet());
        }
    };
    write("12345");
    BOOST_TEST(!c.next_packet());
    write("6");
    const auto e = expect_parse_error(c);
    BOOST_TEST(e.error().what() == std::string("Separator is not found, and chunk exceed the limit"));
    write("7\nok\n");
    BOOST_TEST(*c.next_packet() == "7");
    BOOST_TEST(*c.next_packet() == "ok");
    BOOST_TEST(c.buffer_size() <= 6u);
}

BOOST_AUTO_TEST_CASE(buffered_buffer_starts_at_the_size_hint_and_grows_to_the_limit)
{
    string_line_options o;
    o.limit = 100;
    protocol::buffered_stream_protocol<std::string> p(make(o));
    auto c = p.make_consumer(8);
    BOOST_TEST(c.get_write_buffer().size() == 8u);
    const std::string line(90, 'x');
    std::string_view data = line;
    while (!data.empty()) {
        auto buf = c.get_write_buffer();
        const std::size_t n = std::min(buf.size(), data.size());
        std::memcpy(buf.data(), data.data(), n);
        c.buffer_updated(n);
        data.remove_prefix(n);
        BOOST_TEST(!c.next_packet());
    }
    auto buf = c.get_write_buffer();
    buf[0] = '\n';
    c.buffer_updated(1);
    BOOST_TEST(*c.next_packet() == line);
    BOOST_TEST(c.buffer_size() <= 101u);
}

BOOST_AUTO_TEST_CASE(zero_limit_is_rejected)
{
    string_line_options o;
    o.limit = 0;
    BOOST_CHECK_THROW(line_ser{o}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
