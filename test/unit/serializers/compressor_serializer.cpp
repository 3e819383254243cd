//
// easynet — tests of easynet/serializers/wrapper/compressor_serializer.hpp
// (behaviour common to every compressor, checked with zlib and bz2).
//
#include <easynet/serializers/wrapper/compressor_serializer.hpp>

#include "wrapper_checks.hpp"

#include <easynet/serializers/wrapper/bz2_compressor_serializer.hpp>
#include <easynet/serializers/wrapper/zlib_compressor_serializer.hpp>

#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace wrapper = easynet::serializers::wrapper;
using document_checks::same_document;

namespace {

using document_serializer = wrapper::compressor_serializer<json::value>;

std::vector<std::shared_ptr<document_serializer>> every_compressor(const wrapper::compressor_options& options = {},
                                                                   const std::string& format = "json")
{
    return {std::make_shared<wrapper::zlib_compressor_serializer<json::value>>(wrapper_checks::document_inner(format),
                                                                              9, options),
            std::make_shared<wrapper::bz2_compressor_serializer<json::value>>(wrapper_checks::document_inner(format),
                                                                             9, options)};
}

std::string deserialize_message(const document_serializer& s, std::string_view bytes)
{
    try {
        s.deserialize(bytes);
    }
    catch (const easynet::deserialize_error& exc) {
        return exc.what();
    }
    return "<no error>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(compressor_serializer)

BOOST_AUTO_TEST_CASE(one_packet_is_one_complete_stream)
{
    for (const auto& s : every_compressor()) {
        const std::string bytes = s->serialize(json::parse(R"({"k":[1,2.5]})"));
        std::vector<std::string> chunks;
        s->incremental_serialize(json::parse(R"({"k":[1,2.5]})"), chunks);
        BOOST_TEST_REQUIRE(chunks.size() == 1u);
        BOOST_TEST(chunks[0] == bytes);
        BOOST_TEST(same_document(s->deserialize(bytes), json::parse(R"({"k":[1,2.5]})")));
    }
}

BOOST_AUTO_TEST_CASE(datagram_errors)
{
    for (const auto& s : every_compressor()) {
        const std::string bytes = s->serialize(json::value(12));
        BOOST_TEST(deserialize_message(*s, "") == "Compressed data ended before the end-of-stream marker was reached");
        BOOST_TEST(deserialize_message(*s, bytes.substr(0, bytes.size() - 1))
                   == "Compressed data ended before the end-of-stream marker was reached");
        BOOST_TEST(deserialize_message(*s, bytes + "x") == "Trailing data error");
        BOOST_TEST(deserialize_message(*s, "garbage!").starts_with("Decompression error: "));
    }
    // Inner error: compress invalid JSON by hand.
    const auto inner = std::make_shared<wrapper::zlib_compressor_serializer<std::string>>(wrapper_checks::line_inner());
    std::string compressed;
    inner->compress("{]", compressed);
    const wrapper::zlib_compressor_serializer<json::value> z(wrapper_checks::document_inner("json"));
    BOOST_TEST(deserialize_message(z, compressed).starts_with("JSON decode error: Expecting"));
}

BOOST_AUTO_TEST_CASE(stream_packets_end_where_their_compressed_stream_ends)
{
    for (const auto& s : every_compressor()) {
        std::string input;
        std::vector<json::value> values;
        for (int i = 0; i < 20; ++i) {
            values.push_back(json::value{{"i", i}, {"pad", std::string(static_cast<std::size_t>(i * 37), 'z')}});
            input += s->serialize(values.back());
        }
        for (std::size_t step : {std::size_t{1}, std::size_t{7}, std::size_t{100}, input.size()}) {
            const auto r = easynet_test::feed(*s, input, easynet_test::fixed_chunks(input.size(), step));
            BOOST_TEST_REQUIRE(r.events.size() == values.size());
            for (std::size_t i = 0; i < values.size(); ++i)
                BOOST_TEST(same_document(*r.events[i].packet, values[i]));
            BOOST_TEST(r.pending.empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(decompression_error_drops_everything_buffered)
{
    for (const auto& s : every_compressor()) {
        const std::string good = s->serialize(json::value(1));
        // Garbage, then a good packet in the same chunk: EasyNetwork drops it all.
        const auto r = easynet_test::feed(*s, "garbage!" + good, {8 + good.size()});
        BOOST_TEST_REQUIRE(r.events.size() == 1u);
        BOOST_TEST(document_checks::error_message(r.events[0].error).starts_with("Decompression error: "));
        BOOST_TEST(r.events[0].remaining.empty());
        // In separate chunks, the good packet that arrives afterwards parses.
        const auto r2 = easynet_test::feed(*s, "garbage!" + good, {8, good.size()});
        BOOST_TEST_REQUIRE(r2.events.size() == 2u);
        BOOST_TEST(r2.events[1].packet->as_int64() == 1);
    }
}

BOOST_AUTO_TEST_CASE(inner_error_keeps_the_bytes_after_the_stream)
{
    const auto line = std::make_shared<wrapper::zlib_compressor_serializer<std::string>>(wrapper_checks::line_inner());
    std::string bad;
    line->compress("{]", bad);
    const wrapper::zlib_compressor_serializer<json::value> s(wrapper_checks::document_inner("json"));
    const std::string good = s.serialize(json::value(5));
    const std::string input = bad + good;
    for (std::size_t step : {std::size_t{1}, input.size()}) {
        const auto r = easynet_test::feed(s, input, easynet_test::fixed_chunks(input.size(), step));
        BOOST_TEST_REQUIRE(r.events.size() == 2u);
        BOOST_TEST(document_checks::error_message(r.events[0].error)
                       .starts_with("Error while deserializing decompressed data: JSON decode error: Expecting"));
        BOOST_TEST(r.events[1].packet->as_int64() == 5);
    }
}

BOOST_AUTO_TEST_CASE(decompression_bombs_stop_at_the_limit)
{
    // 64 MiB of zeros compress to ~64 KiB (zlib) or ~50 bytes (bz2).
    const std::string zeros(64 * 1024 * 1024, '0');
    const std::string text = "\"" + zeros + "\"";
    for (const auto& s : every_compressor({.max_decompressed_size = 1024 * 1024})) {
        std::string bomb;
        s->compress(text, bomb);
        BOOST_TEST(bomb.size() < 200u * 1024u);
        BOOST_TEST(deserialize_message(*s, bomb) == "decompressed data exceeded the limit");
        const auto r = easynet_test::feed(*s, bomb + s->serialize(json::value(1)), {bomb.size() + 200});
        BOOST_TEST_REQUIRE(r.events.size() >= 1u);
        try {
            std::rethrow_exception(r.events[0].error);
        }
        catch (const easynet::limit_overrun_error& exc) {
            BOOST_TEST(std::string(exc.what()) == "decompressed data exceeded the limit");
            BOOST_TEST(exc.remaining_data().empty());
        }
    }
    // Exactly at the limit is accepted.
    for (const auto& s : every_compressor({.max_decompressed_size = 1000})) {
        std::string exact;
        s->compress("\"" + std::string(998, 'a') + "\"", exact);
        BOOST_TEST(s->deserialize(exact).as_string().size() == 998u);
        std::string over;
        s->compress("\"" + std::string(999, 'a') + "\"", over);
        BOOST_TEST(deserialize_message(*s, over) == "decompressed data exceeded the limit");
    }
}

BOOST_AUTO_TEST_CASE(invalid_arguments)
{
    BOOST_CHECK_THROW(wrapper::zlib_compressor_serializer<json::value>(nullptr), std::invalid_argument);
    BOOST_CHECK_THROW(wrapper::zlib_compressor_serializer<json::value>(wrapper_checks::document_inner("json"), 10),
                      std::invalid_argument);
    BOOST_CHECK_THROW(wrapper::bz2_compressor_serializer<json::value>(wrapper_checks::document_inner("json"), 0),
                      std::invalid_argument);
    BOOST_CHECK_THROW(wrapper::bz2_compressor_serializer<json::value>(wrapper_checks::document_inner("json"), 9,
                                                                      {.max_decompressed_size = 0}),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(debug_attaches_the_data)
{
    const wrapper::zlib_compressor_serializer<json::value> s(wrapper_checks::document_inner("json"), 9,
                                                            {.debug = true});
    try {
        s.deserialize("garbage!");
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST_REQUIRE(exc.error_info() != nullptr);
        BOOST_TEST(*exc.error_info()->get<std::string>("data") == "garbage!");
    }
}

BOOST_AUTO_TEST_SUITE_END()
