#include <easynet/protocol/stream_protocol.hpp>

#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;
using easynet_test::nested_message;
using easynet_test::scripted_serializer;

namespace {

struct one_shot_only final : serializers::packet_serializer<std::string> {
    std::string serialize(const std::string& p) const override { return p; }
    std::string deserialize(std::string_view d) const override { return std::string(d); }
};

auto int_converter()
{
    return converter::make_packet_converter<int, std::string>(
        [](const int& i) { return std::to_string(i); },
        [](const std::string& s) {
            if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
                throw packet_conversion_error("not a number: " + s);
            if (s == "666") throw std::logic_error("converter bug");
            return std::stoi(s);
        });
}

} // namespace

BOOST_AUTO_TEST_SUITE(stream_protocol)

BOOST_AUTO_TEST_CASE(protocol_is_shareable_and_each_consumer_keeps_its_own_state)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    const auto copy = p; // copies share the serializer
    auto a = p.make_consumer();
    auto b = copy.make_consumer();
    a.feed("hel");
    b.feed("wor");
    a.feed("lo\n");
    BOOST_TEST(!b.next_packet());
    BOOST_TEST(*a.next_packet() == "hello");
    b.feed("ld\n");
    BOOST_TEST(*b.next_packet() == "world");
}

BOOST_AUTO_TEST_CASE(several_packets_in_one_chunk_and_one_packet_across_chunks)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    c.feed("a\nb\nc");
    BOOST_TEST(*c.next_packet() == "a");
    BOOST_TEST(*c.next_packet() == "b");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(c.buffered_data() == "c");
    c.feed("d");
    BOOST_TEST(!c.next_packet());
    c.feed("\n");
    BOOST_TEST(*c.next_packet() == "cd");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(c.buffered_data().empty());
}

BOOST_AUTO_TEST_CASE(incremental_deserialize_error_is_a_parse_error_keeping_remaining_data)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    c.feed("bad\nnext\n");
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const stream_protocol_parse_error& e) {
        BOOST_TEST(e.what() == std::string("Error while parsing data: bad frame"));
        BOOST_TEST(e.remaining_data() == "next\n");
        BOOST_TEST(e.error_as<incremental_deserialize_error>() != nullptr);
        BOOST_TEST(e.error_as<limit_overrun_error>() == nullptr);
    }
    BOOST_TEST(c.buffered_data() == "next\n");
    BOOST_TEST(*c.next_packet() == "next");
}

BOOST_AUTO_TEST_CASE(plain_deserialize_error_from_an_incremental_deserializer_is_a_crash)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    c.feed("plain\nnext\n");
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const protocol_crash_error& e) {
        BOOST_TEST(e.what() == std::string("protocol.build_packet_from_chunks() crashed"));
        BOOST_TEST(nested_message(e) == "DeserializeError raised instead of IncrementalDeserializeError");
        try {
            std::rethrow_exception(e.original_exception());
        } catch (const protocol_crash_error& inner) {
            BOOST_TEST(nested_message(inner) == "plain");
        }
    }
    BOOST_TEST(c.buffered_data().empty()); // the data went into the crashed parser
}

BOOST_AUTO_TEST_CASE(unexpected_exception_is_a_crash_that_drops_the_buffer)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    c.feed("crash\nlost\n");
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const protocol_crash_error& e) {
        BOOST_TEST(e.what() == std::string("protocol.build_packet_from_chunks() crashed"));
        BOOST_TEST(nested_message(e) == "boom");
    }
    BOOST_TEST(!c.next_packet());
    c.feed("after\n"); // the connection goes on
    BOOST_TEST(*c.next_packet() == "after");
}

BOOST_AUTO_TEST_CASE(packet_conversion_error_raised_by_the_serializer_is_a_crash)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    c.feed("pce\n");
    BOOST_CHECK_THROW(c.next_packet(), protocol_crash_error);
}

BOOST_AUTO_TEST_CASE(crash_while_creating_the_deserializer_keeps_the_buffer)
{
    auto s = std::make_shared<scripted_serializer>();
    s->fail_make_deserializer = true;
    protocol::stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    c.feed("kept\n");
    BOOST_CHECK_THROW(c.next_packet(), protocol_crash_error);
    BOOST_TEST(c.buffered_data() == "kept\n");
    s->fail_make_deserializer = false;
    BOOST_TEST(*c.next_packet() == "kept");
}

BOOST_AUTO_TEST_CASE(converter_conversion_error_is_a_parse_error_keeping_the_remainder)
{
    protocol::stream_protocol<int> p(std::make_shared<scripted_serializer>(), int_converter());
    auto c = p.make_consumer();
    c.feed("12\nx\n34\n");
    BOOST_TEST(*c.next_packet() == 12);
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const stream_protocol_parse_error& e) {
        BOOST_TEST(e.what() == std::string("Error while parsing data: not a number: x"));
        BOOST_TEST(e.error_as<packet_conversion_error>() != nullptr);
        BOOST_TEST(e.remaining_data() == "34\n");
    }
    BOOST_TEST(*c.next_packet() == 34);
}

BOOST_AUTO_TEST_CASE(converter_bug_is_a_crash)
{
    protocol::stream_protocol<int> p(std::make_shared<scripted_serializer>(), int_converter());
    auto c = p.make_consumer();
    c.feed("666\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), protocol_crash_error,
                          [](const auto& e) { return nested_message(e) == "converter bug"; });
}

BOOST_AUTO_TEST_CASE(generate_chunks_converts_then_serializes_in_order)
{
    protocol::stream_protocol<int> p(std::make_shared<scripted_serializer>(), int_converter());
    BOOST_TEST(p.generate_chunks(42) == (std::vector<std::string>{"<", "42\n"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(generate_chunks_crash_leaves_nothing_to_write)
{
    protocol::stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    std::vector<std::string> chunks{"earlier"};
    try {
        p.generate_chunks("crash", chunks);
        BOOST_FAIL("no error");
    } catch (const protocol_crash_error& e) {
        BOOST_TEST(e.what() == std::string("protocol.generate_chunks() crashed"));
        BOOST_TEST(nested_message(e) == "boom");
    }
    BOOST_TEST(chunks == std::vector<std::string>{"earlier"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_shot_serializer_is_rejected)
{
    std::shared_ptr<const serializers::packet_serializer<std::string>> s = std::make_shared<one_shot_only>();
    BOOST_CHECK_EXCEPTION(protocol::stream_protocol<std::string>{s}, std::invalid_argument, [](const auto& e) {
        return std::string(e.what()) == "Expected an incremental serializer instance";
    });
    BOOST_CHECK_THROW(protocol::stream_protocol<std::string>{nullptr}, std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(deserializer_claiming_more_bytes_than_given_is_a_crash)
{
    struct liar final : serializers::incremental_packet_serializer<std::string> {
        void incremental_serialize(const std::string&, std::vector<std::string>&) const override {}
        std::unique_ptr<serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
        {
            struct d final : serializers::incremental_deserializer<std::string> {
                std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
                {
                    consumed = data.size() + 1;
                    return std::string("x");
                }
            };
            return std::make_unique<d>();
        }
    };
    protocol::stream_protocol<std::string> p(std::make_shared<liar>());
    auto c = p.make_consumer();
    c.feed("abc");
    BOOST_CHECK_THROW(c.next_packet(), protocol_crash_error);
}

BOOST_AUTO_TEST_CASE(empty_feed_is_ignored_and_no_work_is_done_without_new_data)
{
    auto s = std::make_shared<scripted_serializer>();
    protocol::stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    c.feed("");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(s->deserializers_made == 0);
    c.feed("partial");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(s->deserializers_made == 1);
    c.clear();
    BOOST_TEST(c.buffered_data().empty());
}

BOOST_AUTO_TEST_CASE(works_with_a_real_serializer_and_large_streams)
{
    serializers::string_line_options o;
    o.limit = 100;
    protocol::stream_protocol<std::string> p(std::make_shared<serializers::string_line_serializer>(o));
    auto c = p.make_consumer();
    std::string expected_all;
    std::size_t count = 0;
    for (int i = 0; i < 2000; ++i) {
        const std::string line(static_cast<std::size_t>(i % 97), static_cast<char>('a' + i % 26));
        c.feed(line + "\n");
        while (auto v = c.next_packet()) {
            ++count;
            expected_all += *v;
        }
    }
    BOOST_TEST(count == 2000u);
    BOOST_TEST(c.buffered_data().empty());
}

BOOST_AUTO_TEST_SUITE_END()
