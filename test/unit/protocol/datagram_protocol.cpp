#include <easynet/protocol/datagram_protocol.hpp>

#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <easynet_test/scripted_serializer.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;
using easynet_test::nested_message;
using easynet_test::scripted_serializer;

namespace {

auto int_converter()
{
    return converter::make_packet_converter<int, std::string>(
        [](const int& i) {
            if (i < 0) throw std::domain_error("negative");
            return std::to_string(i);
        },
        [](const std::string& s) {
            if (s == "x") throw packet_conversion_error("not a number");
            if (s == "666") throw std::logic_error("converter bug");
            return std::stoi(s);
        });
}

} // namespace

BOOST_AUTO_TEST_SUITE(datagram_protocol)

BOOST_AUTO_TEST_CASE(one_packet_is_one_datagram_without_framing)
{
    protocol::datagram_protocol<std::string> p(std::make_shared<serializers::string_line_serializer>());
    BOOST_TEST(p.make_datagram("hello") == "hello");
    BOOST_TEST(p.build_packet_from_datagram("hello\n") == "hello");
}

BOOST_AUTO_TEST_CASE(deserialize_error_is_a_datagram_parse_error)
{
    protocol::datagram_protocol<std::string> p(std::make_shared<scripted_serializer>());
    try {
        p.build_packet_from_datagram("bad");
        BOOST_FAIL("no error");
    } catch (const datagram_protocol_parse_error& e) {
        BOOST_TEST(e.what() == std::string("Error while parsing data: bad datagram"));
        BOOST_TEST(e.error_as<deserialize_error>() != nullptr);
    }
    BOOST_TEST(p.build_packet_from_datagram("good") == "good"); // nothing carries over
}

BOOST_AUTO_TEST_CASE(converter_runs_both_ways_and_its_errors_are_parse_errors)
{
    protocol::datagram_protocol<int> p(std::make_shared<scripted_serializer>(), int_converter());
    BOOST_TEST(p.make_datagram(12) == "12");
    BOOST_TEST(p.build_packet_from_datagram("34") == 34);
    BOOST_CHECK_EXCEPTION(p.build_packet_from_datagram("x"), datagram_protocol_parse_error,
                          [](const auto& e) { return e.template error_as<packet_conversion_error>() != nullptr; });
}

BOOST_AUTO_TEST_CASE(unexpected_exceptions_are_crashes)
{
    protocol::datagram_protocol<int> p(std::make_shared<scripted_serializer>(), int_converter());
    BOOST_CHECK_EXCEPTION(p.build_packet_from_datagram("666"), protocol_crash_error, [](const auto& e) {
        return std::string(e.what()) == "protocol.build_packet_from_datagram() crashed" && nested_message(e) == "converter bug";
    });
    BOOST_CHECK_EXCEPTION(p.make_datagram(-1), protocol_crash_error, [](const auto& e) {
        return std::string(e.what()) == "protocol.make_datagram() crashed" && nested_message(e) == "negative";
    });
    protocol::datagram_protocol<std::string> q(std::make_shared<scripted_serializer>());
    BOOST_CHECK_THROW(q.build_packet_from_datagram("crash"), protocol_crash_error);
    BOOST_CHECK_THROW(q.make_datagram("crash"), protocol_crash_error);
}

BOOST_AUTO_TEST_CASE(null_serializer_is_rejected)
{
    BOOST_CHECK_THROW(protocol::datagram_protocol<std::string>{nullptr}, std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
