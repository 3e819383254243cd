#include <easynet/protocol/buffered_stream_protocol.hpp>

#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/serializers/json_serializer.hpp>

#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace easynet;
using easynet_test::nested_message;
using easynet_test::scripted_serializer;

namespace {

template <class Consumer>
void write(Consumer& c, std::string_view data)
{
    auto buf = c.get_write_buffer();
    BOOST_TEST_REQUIRE(buf.size() >= data.size());
    std::memcpy(buf.data(), data.data(), data.size());
    c.buffer_updated(data.size());
}

struct plain_incremental final : serializers::incremental_packet_serializer<std::string> {
    void incremental_serialize(const std::string& p, std::vector<std::string>& c) const override { c.push_back(p); }
    std::unique_ptr<serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
    {
        return nullptr;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(buffered_stream_protocol)

BOOST_AUTO_TEST_CASE(receives_into_the_serializer_sized_buffer_and_parses_in_place)
{
    auto s = std::make_shared<scripted_serializer>();
    s->buffer = {32, 32};
    protocol::buffered_stream_protocol<std::string> p(s);
    auto c = p.make_consumer(1000);
    BOOST_TEST(c.buffer_size() == 0u);
    auto buf = c.get_write_buffer();
    BOOST_TEST(s->last_sizehint == 1000u);
    BOOST_TEST(buf.size() == 32u);
    BOOST_TEST(static_cast<const void*>(c.get_write_buffer().data()) == static_cast<const void*>(buf.data())); // same span until updated
    std::memcpy(buf.data(), "one\ntwo\nthr", 11);
    c.buffer_updated(11);
    BOOST_TEST(*c.next_packet() == "one");
    // the remainder is parsed before reading the socket again
    BOOST_TEST(*c.next_packet() == "two");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(c.buffered_data() == "thr");
    write(c, "ee\n");
    BOOST_TEST(*c.next_packet() == "three");
}

BOOST_AUTO_TEST_CASE(remainder_is_moved_to_the_front_when_the_tail_is_full)
{
    auto s = std::make_shared<scripted_serializer>();
    s->buffer = {8, 8};
    protocol::buffered_stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    write(c, "ab\ncdefg");
    BOOST_TEST(*c.next_packet() == "ab");
    BOOST_TEST(!c.next_packet());
    auto buf = c.get_write_buffer(); // "cdefg" moved to the front: 3 free bytes
    BOOST_TEST(buf.size() == 3u);
    std::memcpy(buf.data(), "h\n", 2);
    c.buffer_updated(2);
    BOOST_TEST(*c.next_packet() == "cdefgh");
    BOOST_TEST(c.buffer_size() == 8u);
}

BOOST_AUTO_TEST_CASE(buffer_grows_up_to_the_serializer_maximum)
{
    auto s = std::make_shared<scripted_serializer>();
    s->buffer = {4, 16};
    protocol::buffered_stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    for (int i = 0; i < 2; ++i) {
        auto buf = c.get_write_buffer();
        std::memset(buf.data(), 'x', buf.size());
        c.buffer_updated(buf.size());
        BOOST_TEST(!c.next_packet());
    }
    BOOST_TEST(c.buffer_size() == 8u);
    write(c, "xx\n");
    BOOST_TEST(c.buffer_size() == 16u);
    BOOST_TEST(c.next_packet()->size() == 10u);
}

BOOST_AUTO_TEST_CASE(serializer_that_never_makes_progress_is_a_crash_and_the_buffer_is_dropped)
{
    auto s = std::make_shared<scripted_serializer>();
    s->buffer = {8, 8};
    protocol::buffered_stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    write(c, "stall...");
    BOOST_TEST(!c.next_packet());
    BOOST_CHECK_EXCEPTION(c.get_write_buffer(), protocol_crash_error, [](const auto& e) {
        return std::string(e.what()) == "The start position is set to the end of the buffer";
    });
    BOOST_TEST(c.buffered_data().empty());
    write(c, "ok\n");
    BOOST_TEST(*c.next_packet() == "ok");
}

BOOST_AUTO_TEST_CASE(parse_error_keeps_remaining_data_in_the_buffer)
{
    protocol::buffered_stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    write(c, "bad\nnext\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error,
                          [](const auto& e) { return e.remaining_data() == "next\n"; });
    BOOST_TEST(c.buffered_data() == "next\n");
    BOOST_TEST(*c.next_packet() == "next");
}

BOOST_AUTO_TEST_CASE(crash_drops_the_buffer_with_the_buffered_message)
{
    protocol::buffered_stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    write(c, "crash\nlost\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), protocol_crash_error, [](const auto& e) {
        return std::string(e.what()) == "protocol.build_packet_from_buffer() crashed" && nested_message(e) == "boom";
    });
    BOOST_TEST(c.buffered_data().empty());
    write(c, "after\n");
    BOOST_TEST(*c.next_packet() == "after");
}

BOOST_AUTO_TEST_CASE(plain_deserialize_error_is_a_crash)
{
    protocol::buffered_stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    write(c, "plain\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), protocol_crash_error, [](const auto& e) {
        return nested_message(e) == "DeserializeError raised instead of IncrementalDeserializeError";
    });
}

BOOST_AUTO_TEST_CASE(converter_error_keeps_the_remainder)
{
    auto conv = converter::make_packet_converter<int, std::string>([](const int& i) { return std::to_string(i); },
                                                                   [](const std::string& s) {
                                                                       if (s.empty() || s[0] == 'x') throw packet_conversion_error("nan");
                                                                       return std::stoi(s);
                                                                   });
    protocol::buffered_stream_protocol<int> p(std::make_shared<scripted_serializer>(), conv);
    auto c = p.make_consumer();
    write(c, "x\n7\n");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error,
                          [](const auto& e) { return e.remaining_data() == "7\n"; });
    BOOST_TEST(*c.next_packet() == 7);
    BOOST_TEST(p.generate_chunks(5) == (std::vector<std::string>{"<", "5\n"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(buffer_updated_is_checked)
{
    protocol::buffered_stream_protocol<std::string> p(std::make_shared<scripted_serializer>());
    auto c = p.make_consumer();
    BOOST_CHECK_THROW(c.buffer_updated(1), std::logic_error);
    const auto buf = c.get_write_buffer();
    BOOST_CHECK_THROW(c.buffer_updated(buf.size() + 1), std::invalid_argument);
    c.get_write_buffer();
    c.buffer_updated(0);
    BOOST_TEST(!c.next_packet());
}

BOOST_AUTO_TEST_CASE(null_buffer_and_zero_max_recv_size_are_rejected)
{
    auto s = std::make_shared<scripted_serializer>();
    s->buffer = {0, 0};
    protocol::buffered_stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    BOOST_CHECK_THROW(c.get_write_buffer(), std::invalid_argument);
    BOOST_CHECK_EXCEPTION(p.make_consumer(0), std::invalid_argument, [](const auto& e) {
        return std::string(e.what()) == "'max_recv_size' must be a strictly positive integer";
    });
}

BOOST_AUTO_TEST_CASE(non_buffered_serializer_is_rejected)
{
    BOOST_CHECK_EXCEPTION(protocol::buffered_stream_protocol<std::string>{std::make_shared<plain_incremental>()},
                          std::invalid_argument, [](const auto& e) {
                              return std::string(e.what()) == "Expected a buffered incremental serializer instance";
                          });
}

BOOST_AUTO_TEST_CASE(max_recv_size_is_only_a_size_hint)
{
    serializers::json_serializer_options o;
    o.limit = 100;
    protocol::buffered_stream_protocol<boost::json::value> p(std::make_shared<serializers::json_serializer<>>(o));
    BOOST_TEST(p.make_consumer(10).get_write_buffer().size() == 10u);
    BOOST_TEST(p.make_consumer(100000).get_write_buffer().size() == 101u);
}

BOOST_AUTO_TEST_SUITE_END()
