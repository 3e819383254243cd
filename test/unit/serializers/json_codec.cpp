#include <easynet/serializers/json/json_codec.hpp>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

namespace json = easynet::serializers::json;
using boost::json::value;

namespace {

std::string error_of(std::string_view text)
{
    try {
        json::decode(text);
    } catch (const json::json_decode_error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

BOOST_AUTO_TEST_SUITE(json_codec)

BOOST_AUTO_TEST_CASE(floats_are_written_like_python_repr)
{
    const std::vector<std::pair<double, std::string>> cases{
        {1.0, "1.0"},       {-0.0, "-0.0"},     {0.1, "0.1"},         {100.0, "100.0"},
        {1e16, "1e+16"},    {1e15, "1000000000000000.0"},             {1e-05, "1e-05"},
        {0.0001, "0.0001"}, {1e-07, "1e-07"},   {5e-324, "5e-324"},   {1.7976931348623157e+308, "1.7976931348623157e+308"},
        {1.5e-10, "1.5e-10"}, {123456.789, "123456.789"}, {2.5e+100, "2.5e+100"}, {-1e22, "-1e+22"},
    };
    for (const auto& [d, text] : cases) {
        BOOST_TEST(json::encode(value(d)) == text);
        BOOST_TEST(json::decode(text).as_double() == d);
    }
    BOOST_TEST(json::encode(value(std::numeric_limits<double>::quiet_NaN())) == "NaN");
    BOOST_TEST(json::encode(value(-std::numeric_limits<double>::infinity())) == "-Infinity");
    json::encoder_options strict;
    strict.allow_nan = false;
    BOOST_CHECK_THROW(json::encode(value(std::numeric_limits<double>::infinity()), strict), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_like_python_ensure_ascii)
{
    BOOST_TEST(json::encode(value("\"\\\n\r\t\b\f/\x01\x7f")) == R"("\"\\\n\r\t\b\f/\u0001\u007f")");
    BOOST_TEST(json::encode(value("\xc3\xa9\xf0\x9f\x98\x80")) == R"("\u00e9\ud83d\ude00")");
    json::encoder_options raw;
    raw.ensure_ascii = false;
    BOOST_TEST(json::encode(value("\xc3\xa9\x7f"), raw) == "\"\xc3\xa9\x7f\"");
    BOOST_CHECK_THROW(json::encode(value("\xff")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(objects_keep_insertion_order_and_compact_separators)
{
    const value v = json::decode(R"( { "b" : 1 , "a" : [ true , null , 2.0 ] } )");
    BOOST_TEST(json::encode(v) == R"({"b":1,"a":[true,null,2.0]})");
    BOOST_TEST(json::encode(json::decode(R"({"a":1,"b":2,"a":3})")) == R"({"a":3,"b":2})");
}

BOOST_AUTO_TEST_CASE(decoder_accepts_python_extensions)
{
    BOOST_TEST(std::isnan(json::decode("NaN").as_double()));
    BOOST_TEST(json::decode("[Infinity,-Infinity]").as_array()[1].as_double() == -std::numeric_limits<double>::infinity());
    BOOST_TEST(json::decode("1E400").as_double() == std::numeric_limits<double>::infinity());
    BOOST_TEST(json::decode("-0").is_int64());
    const value lone = json::decode(R"("\ud800")");
    BOOST_TEST(lone.as_string().size() == 3u); // WTF-8
    BOOST_TEST(json::encode(lone) == R"("\ud800")");
}

BOOST_AUTO_TEST_CASE(decode_errors_use_python_messages_and_character_positions)
{
    BOOST_TEST(error_of("") == "Expecting value: line 1 column 1 (char 0)");
    BOOST_TEST(error_of("[1,]") == "Expecting value: line 1 column 4 (char 3)");
    BOOST_TEST(error_of("[1 2]") == "Expecting ',' delimiter: line 1 column 4 (char 3)");
    BOOST_TEST(error_of("{1:2}") == "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
    BOOST_TEST(error_of(R"({"a" 2})") == "Expecting ':' delimiter: line 1 column 6 (char 5)");
    BOOST_TEST(error_of(R"("abc)") == "Unterminated string starting at: line 1 column 1 (char 0)");
    BOOST_TEST(error_of("\"a\tb\"") == "Invalid control character at: line 1 column 3 (char 2)");
    BOOST_TEST(error_of(R"("\x")") == "Invalid \\escape: line 1 column 2 (char 1)");
    BOOST_TEST(error_of(R"("\u12x4")") == "Invalid \\uXXXX escape: line 1 column 3 (char 2)");
    BOOST_TEST(error_of("1 2") == "Extra data: line 1 column 3 (char 2)");
    BOOST_TEST(error_of("\"\xc3\xa9\" x") == "Extra data: line 1 column 5 (char 4)");
    BOOST_TEST(error_of("[\n1,\n]") == "Expecting value: line 3 column 1 (char 5)");
    BOOST_TEST(error_of(std::string(300, '[')) == "Maximum nesting depth exceeded: line 1 column 257 (char 256)");
}

BOOST_AUTO_TEST_SUITE_END()
