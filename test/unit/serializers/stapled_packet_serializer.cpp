#include <easynet/serializers/composite/stapled_packet_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace easynet;
using serializers::make_stapled_packet_serializer;

namespace {

struct one_shot final : serializers::packet_serializer<std::string> {
    std::string serialize(const std::string& p) const override { return "[" + p + "]"; }
    std::string deserialize(std::string_view d) const override { return std::string(d.substr(1, d.size() - 2)); }
};

struct incremental_only final : serializers::incremental_packet_serializer<std::string> {
    void incremental_serialize(const std::string& p, std::vector<std::string>& c) const override { c.push_back(p + ";"); }
    std::unique_ptr<serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
    {
        struct d final : serializers::incremental_deserializer<std::string> {
            std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
            {
                const auto i = data.find(';');
                if (i == std::string_view::npos) return std::nullopt;
                consumed = i + 1;
                return std::string(data.substr(0, i));
            }
        };
        return std::make_unique<d>();
    }
};

template <class Expected, class Ptr>
bool is(const Ptr& p)
{
    return dynamic_cast<const Expected*>(p.get()) != nullptr;
}

} // namespace

BOOST_AUTO_TEST_SUITE(stapled_packet_serializer)

BOOST_AUTO_TEST_CASE(richest_common_capability_is_picked)
{
    auto line = std::make_shared<serializers::string_line_serializer>();
    auto inc = std::make_shared<incremental_only>();
    auto once = std::make_shared<one_shot>();
    using buffered = serializers::stapled_buffered_incremental_packet_serializer<std::string, std::string>;
    using incremental = serializers::stapled_incremental_packet_serializer<std::string, std::string>;
    using plain = serializers::stapled_packet_serializer<std::string, std::string>;
    BOOST_TEST(is<buffered>(make_stapled_packet_serializer(line, line)));
    BOOST_TEST(is<buffered>(make_stapled_packet_serializer(inc, line)));
    BOOST_TEST(is<incremental>(make_stapled_packet_serializer(line, inc)));
    BOOST_TEST(is<plain>(make_stapled_packet_serializer(once, line)));
    BOOST_TEST(is<plain>(make_stapled_packet_serializer(line, once)));
    BOOST_CHECK_THROW(make_stapled_packet_serializer(line, std::shared_ptr<one_shot>()), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(json_requests_and_line_responses_on_one_stream)
{
    // A client sends JSON documents and receives text lines.
    auto s = make_stapled_packet_serializer(std::make_shared<serializers::json_serializer<>>(),
                                            std::make_shared<serializers::string_line_serializer>());
    protocol::stream_protocol<boost::json::value, std::string> p(s);
    BOOST_TEST(p.generate_chunks(boost::json::value{{"a", 1}}) == std::vector<std::string>{"{\"a\":1}\n"},
               boost::test_tools::per_element());
    auto c = p.make_consumer();
    c.feed("ok\nfine\n");
    BOOST_TEST(*c.next_packet() == "ok");
    BOOST_TEST(*c.next_packet() == "fine");

    protocol::buffered_stream_protocol<boost::json::value, std::string> bp(s);
    auto bc = bp.make_consumer();
    auto buf = bc.get_write_buffer();
    std::memcpy(buf.data(), "yes\n", 4);
    bc.buffer_updated(4);
    BOOST_TEST(*bc.next_packet() == "yes");
}

BOOST_AUTO_TEST_CASE(one_shot_stapled_serializer_serves_datagrams_but_not_streams)
{
    auto s = make_stapled_packet_serializer(std::make_shared<one_shot>(), std::make_shared<serializers::string_line_serializer>());
    protocol::datagram_protocol<std::string> p(s);
    BOOST_TEST(p.make_datagram("x") == "[x]");
    BOOST_TEST(p.build_packet_from_datagram("y\n") == "y");
    BOOST_CHECK_THROW(protocol::stream_protocol<std::string>{s}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
