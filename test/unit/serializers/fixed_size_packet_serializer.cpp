#include <easynet/serializers/base_stream/fixed_size_packet_serializer.hpp>

#include <easynet/protocol/stream_protocol.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;

namespace {

// 4-character codes; "????" is invalid.
struct code4 final : serializers::fixed_size_packet_serializer<std::string> {
    explicit code4(bool debug = false) : fixed_size_packet_serializer(4, debug) {}
    std::string serialize(const std::string& p) const override { return p; }
    std::string deserialize(std::string_view d) const override
    {
        if (d == "????") throw deserialize_error("bad code", debug() ? make_error_info({{"data", std::string(d)}}) : nullptr);
        return std::string(d);
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(fixed_size_packet_serializer)

BOOST_AUTO_TEST_CASE(serialized_size_must_match)
{
    protocol::stream_protocol<std::string> p(std::make_shared<code4>());
    BOOST_TEST(p.generate_chunks("abcd").size() == 1u);
    BOOST_CHECK_THROW(p.generate_chunks("abc"), protocol_crash_error);
    BOOST_CHECK_THROW(code4().incremental_serialize("abcde", *std::make_unique<std::vector<std::string>>()),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(receive_waits_for_exactly_size_bytes)
{
    protocol::stream_protocol<std::string> p(std::make_shared<code4>());
    auto c = p.make_consumer();
    c.feed("ab");
    BOOST_TEST(!c.next_packet());
    c.feed("cdefghi");
    BOOST_TEST(*c.next_packet() == "abcd");
    BOOST_TEST(*c.next_packet() == "efgh");
    BOOST_TEST(!c.next_packet());
    BOOST_TEST(c.buffered_data() == "i");
}

BOOST_AUTO_TEST_CASE(invalid_record_is_an_error_keeping_the_following_bytes)
{
    protocol::stream_protocol<std::string> p(std::make_shared<code4>(true));
    auto c = p.make_consumer();
    c.feed("????wxyz");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what()) == "Error when deserializing data: bad code" && e.remaining_data() == "wxyz"
            && *e.error_info()->template get<std::string>("data") == "????";
    });
    BOOST_TEST(*c.next_packet() == "wxyz");
}

BOOST_AUTO_TEST_CASE(zero_size_is_rejected)
{
    struct zero final : serializers::fixed_size_packet_serializer<int> {
        zero() : fixed_size_packet_serializer(0) {}
        std::string serialize(const int&) const override { return {}; }
        int deserialize(std::string_view) const override { return 0; }
    };
    BOOST_CHECK_EXCEPTION(zero(), std::invalid_argument,
                          [](const auto& e) { return std::string(e.what()) == "size must be a positive integer"; });
}

BOOST_AUTO_TEST_SUITE_END()
