#include <easynet/serializers/abc/incremental_packet_serializer.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;

namespace {

// "<text>;" frames, written in two chunks; relies on the default serialize()/deserialize().
struct semicolon final : serializers::incremental_packet_serializer<std::string> {
    void incremental_serialize(const std::string& p, std::vector<std::string>& chunks) const override
    {
        chunks.push_back(p);
        chunks.push_back(";");
    }
    std::unique_ptr<serializers::incremental_deserializer<std::string>> make_incremental_deserializer() const override
    {
        struct d final : serializers::incremental_deserializer<std::string> {
            std::optional<std::string> try_parse(std::string_view data, std::size_t& consumed) override
            {
                const auto i = data.find(';');
                if (i == std::string_view::npos) return std::nullopt;
                if (data.substr(0, i) == "bad") throw incremental_deserialize_error("bad", std::string(data.substr(i + 1)));
                consumed = i + 1;
                return std::string(data.substr(0, i));
            }
        };
        return std::make_unique<d>();
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(incremental_packet_serializer)

BOOST_AUTO_TEST_CASE(default_serialize_joins_the_chunks)
{
    BOOST_TEST(semicolon().serialize("abc") == "abc;");
}

BOOST_AUTO_TEST_CASE(default_deserialize_parses_the_whole_data_at_once)
{
    const semicolon s;
    BOOST_TEST(s.deserialize("abc;") == "abc");
    BOOST_CHECK_EXCEPTION(s.deserialize("abc"), deserialize_error, [](const auto& e) {
        return std::string(e.what()) == "Missing data to create packet" && *e.error_info()->template get<std::string>("data") == "abc";
    });
    BOOST_CHECK_EXCEPTION(s.deserialize(""), deserialize_error,
                          [](const auto& e) { return std::string(e.what()) == "Missing data to create packet"; });
    BOOST_CHECK_EXCEPTION(s.deserialize("a;b"), deserialize_error, [](const auto& e) {
        return std::string(e.what()) == "Extra data caught" && *e.error_info()->template get<std::string>("packet") == "a"
            && *e.error_info()->template get<std::string>("extra") == "b";
    });
    BOOST_CHECK_THROW(s.deserialize("bad;"), incremental_deserialize_error);
}

BOOST_AUTO_TEST_SUITE_END()
