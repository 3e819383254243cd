#include <easynet/serializers/base_stream/auto_separated_packet_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace easynet;

namespace {

// Integers as decimal text separated by "\r\n".
struct int_lines final : serializers::auto_separated_packet_serializer<long> {
    explicit int_lines(serializers::auto_separated_options o = {}) : auto_separated_packet_serializer("\r\n", o) {}
    std::string serialize(const long& p) const override
    {
        if (p == 99) return "9\r\n9";      // embedded separator
        if (p == 77) return "77\r\n\r\n"; // trailing separators
        return std::to_string(p);
    }
    long deserialize(std::string_view d) const override
    {
        if (d.empty() || d.find_first_not_of("-0123456789") != std::string_view::npos)
            throw deserialize_error("not an integer", debug() ? make_error_info({{"data", std::string(d)}}) : nullptr);
        return std::stol(std::string(d));
    }
};

std::string join(const std::vector<std::string>& chunks)
{
    std::string s;
    for (const auto& c : chunks) s += c;
    return s;
}

} // namespace

BOOST_AUTO_TEST_SUITE(auto_separated_packet_serializer)

BOOST_AUTO_TEST_CASE(sending_strips_trailing_separators_and_rejects_embedded_ones)
{
    protocol::stream_protocol<long> p(std::make_shared<int_lines>());
    BOOST_TEST(join(p.generate_chunks(5)) == "5\r\n");
    BOOST_TEST(join(p.generate_chunks(77)) == "77\r\n");
    BOOST_CHECK_EXCEPTION(p.generate_chunks(99), protocol_crash_error, [](const auto& e) {
        try {
            std::rethrow_if_nested(e);
        } catch (const std::invalid_argument&) {
            return true;
        } catch (...) {
        }
        return false;
    });
}

BOOST_AUTO_TEST_CASE(without_the_check_data_is_sent_as_is)
{
    serializers::auto_separated_options o;
    o.incremental_serialize_check_separator = false;
    protocol::stream_protocol<long> p(std::make_shared<int_lines>(o));
    BOOST_TEST(join(p.generate_chunks(77)) == "77\r\n\r\n");
    BOOST_TEST(join(p.generate_chunks(99)) == "9\r\n9\r\n");
}

BOOST_AUTO_TEST_CASE(deserialize_error_becomes_incremental_error_keeping_the_rest)
{
    serializers::auto_separated_options o;
    o.debug = true;
    protocol::stream_protocol<long> p(std::make_shared<int_lines>(o));
    auto c = p.make_consumer();
    c.feed("1\r\nx\r\n2\r\n");
    BOOST_TEST(*c.next_packet() == 1);
    try {
        c.next_packet();
        BOOST_FAIL("no error");
    } catch (const stream_protocol_parse_error& e) {
        BOOST_TEST(e.error().what() == std::string("Error when deserializing data: not an integer"));
        BOOST_TEST(e.remaining_data() == "2\r\n");
        BOOST_TEST_REQUIRE(e.error_info() != nullptr);
        BOOST_TEST(*e.error_info()->get<std::string>("data") == "x");
    }
    BOOST_TEST(*c.next_packet() == 2);
}

BOOST_AUTO_TEST_CASE(limits_apply_to_the_frame_without_separator)
{
    serializers::auto_separated_options o;
    o.limit = 3;
    const auto s = std::make_shared<int_lines>(o);
    protocol::stream_protocol<long> p(s);
    auto c = p.make_consumer();
    c.feed("123\r\n1234\r\n5\r\n");
    BOOST_TEST(*c.next_packet() == 123);
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what()) == "Separator is found, but chunk is longer than limit"
            && e.remaining_data() == "5\r\n";
    });
    BOOST_TEST(*c.next_packet() == 5);
    protocol::buffered_stream_protocol<long> bp(s);
    BOOST_TEST(bp.create_buffer(1000).maximum == 5u); // limit + len(separator)
    BOOST_TEST(bp.create_buffer(2).initial == 2u);
}

BOOST_AUTO_TEST_CASE(invalid_construction_is_rejected)
{
    struct bad final : serializers::auto_separated_packet_serializer<long> {
        bad(std::string sep, serializers::auto_separated_options o) : auto_separated_packet_serializer(sep, o) {}
        std::string serialize(const long&) const override { return {}; }
        long deserialize(std::string_view) const override { return 0; }
    };
    BOOST_CHECK_EXCEPTION(bad("", {}), std::invalid_argument,
                          [](const auto& e) { return std::string(e.what()) == "Empty separator"; });
    serializers::auto_separated_options o;
    o.limit = 0;
    BOOST_CHECK_THROW(bad("\n", o), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
