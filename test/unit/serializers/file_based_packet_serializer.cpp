#include <easynet/serializers/base_stream/file_based_packet_serializer.hpp>

#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet/protocol/stream_protocol.hpp>

#include <boost/test/unit_test.hpp>

#include <cstring>

using namespace easynet;

namespace {

// A netstring-like self-delimiting format: "<len>:<bytes>". A non-digit before ':' is
// invalid; the loader reports how far it read.
struct netstring final : serializers::file_based_packet_serializer<std::string> {
    explicit netstring(serializers::file_based_options o = {}) : file_based_packet_serializer(o) {}
    void dump_to_bytes(const std::string& p, std::string& out) const override
    {
        out += std::to_string(p.size());
        out += ':';
        out += p;
    }
    std::optional<std::string> load_from_bytes(std::string_view data, std::size_t& consumed) const override
    {
        std::size_t len = 0, i = 0;
        for (; i < data.size() && data[i] != ':'; ++i) {
            if (data[i] < '0' || data[i] > '9') {
                consumed = i + 1;
                throw deserialize_error("invalid length");
            }
            len = len * 10 + static_cast<std::size_t>(data[i] - '0');
        }
        if (i == data.size() || data.size() - i - 1 < len) return std::nullopt; // EOF
        consumed = i + 1 + len;
        return std::string(data.substr(i + 1, len));
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(file_based_packet_serializer)

BOOST_AUTO_TEST_CASE(one_shot_deserialize_reports_missing_invalid_and_extra_data)
{
    serializers::file_based_options o;
    o.debug = true;
    const netstring s(o);
    BOOST_TEST(s.serialize("abc") == "3:abc");
    BOOST_TEST(s.deserialize("3:abc") == "abc");
    BOOST_CHECK_EXCEPTION(s.deserialize("3:ab"), deserialize_error, [](const auto& e) {
        return std::string(e.what()) == "Missing data to create packet" && *e.error_info()->template get<std::string>("data") == "3:ab";
    });
    BOOST_CHECK_EXCEPTION(s.deserialize("x:"), deserialize_error,
                          [](const auto& e) { return std::string(e.what()) == "invalid length"; });
    BOOST_CHECK_EXCEPTION(s.deserialize("1:ab"), deserialize_error, [](const auto& e) {
        return std::string(e.what()) == "Extra data caught" && *e.error_info()->template get<std::string>("extra") == "b"
            && *e.error_info()->template get<std::string>("packet") == "a";
    });
    BOOST_CHECK_EXCEPTION(netstring().deserialize("1:ab"), deserialize_error,
                          [](const auto& e) { return e.error_info() == nullptr; });
}

BOOST_AUTO_TEST_CASE(stream_documents_are_concatenated_and_eof_waits_for_more)
{
    protocol::stream_protocol<std::string> p(std::make_shared<netstring>());
    BOOST_TEST(p.generate_chunks("hey") == std::vector<std::string>{"3:hey"}, boost::test_tools::per_element());
    BOOST_TEST(p.generate_chunks("").size() == 1u); // "0:" is not empty
    auto c = p.make_consumer();
    c.feed("3:a");
    BOOST_TEST(!c.next_packet());
    c.feed("bc2:de1");
    BOOST_TEST(*c.next_packet() == "abc");
    BOOST_TEST(*c.next_packet() == "de");
    BOOST_TEST(!c.next_packet());
    c.feed(":f");
    BOOST_TEST(*c.next_packet() == "f");
}

BOOST_AUTO_TEST_CASE(expected_load_error_keeps_the_unread_part)
{
    serializers::file_based_options o;
    o.debug = true;
    protocol::stream_protocol<std::string> p(std::make_shared<netstring>(o));
    auto c = p.make_consumer();
    c.feed("1x:2:ok");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return std::string(e.error().what()) == "Deserialize error: invalid length" && e.remaining_data() == ":2:ok"
            && *e.error_info()->template get<std::string>("data") == "1x:2:ok";
    });
    BOOST_TEST(*c.next_packet() == ""); // ":" reads as an empty length
    BOOST_TEST(*c.next_packet() == "ok");
}

BOOST_AUTO_TEST_CASE(buffered_bytes_beyond_the_limit_are_dropped_with_limit_overrun)
{
    serializers::file_based_options o;
    o.limit = 8;
    const auto s = std::make_shared<netstring>(o);
    protocol::stream_protocol<std::string> p(s);
    auto c = p.make_consumer();
    c.feed("20:abcde");
    BOOST_TEST(!c.next_packet());
    c.feed("fgh");
    BOOST_CHECK_EXCEPTION(c.next_packet(), stream_protocol_parse_error, [](const auto& e) {
        return e.template error_as<limit_overrun_error>() != nullptr
            && std::string(e.error().what()) == "chunk exceeded buffer limit" && e.remaining_data().empty();
    });
    BOOST_TEST(c.buffered_data().empty());

    protocol::buffered_stream_protocol<std::string> bp(s);
    BOOST_TEST(bp.create_buffer(4).initial == 4u);
    BOOST_TEST(bp.create_buffer(4).maximum == 9u);
    auto bc = bp.make_consumer(4);
    const std::string doc = "6:abcdef"; // 8 bytes: exactly the limit, parsed in place
    std::string_view rest = doc;
    std::optional<std::string> got;
    while (!rest.empty()) {
        auto buf = bc.get_write_buffer();
        const std::size_t n = std::min(buf.size(), rest.size());
        std::memcpy(buf.data(), rest.data(), n);
        bc.buffer_updated(n);
        rest.remove_prefix(n);
        got = bc.next_packet();
    }
    BOOST_TEST(got.value() == "abcdef");
}

BOOST_AUTO_TEST_CASE(zero_limit_is_rejected)
{
    serializers::file_based_options o;
    o.limit = 0;
    BOOST_CHECK_THROW(netstring{o}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
