#include <easynet/converter/stapled_packet_converter.hpp>

#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;

namespace {

struct request {
    std::string command;
};
struct response {
    int code;
};

// Sends requests as text; its receiving side is unused.
struct request_writer final : converter::packet_converter_composite<request, int, std::string, std::string> {
    int create_from_dto_packet(std::string) const override { throw std::logic_error("unused"); }
    std::string convert_to_dto_packet(const request& r) const override { return "CMD " + r.command; }
};

// Reads responses from text; its sending side is unused.
struct response_reader final : converter::packet_converter_composite<int, response, int, std::string> {
    response create_from_dto_packet(std::string s) const override
    {
        if (!s.starts_with("OK ")) throw packet_conversion_error("bad response");
        return {std::stoi(s.substr(3))};
    }
    int convert_to_dto_packet(const int&) const override { throw std::logic_error("unused"); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(stapled_packet_converter)

BOOST_AUTO_TEST_CASE(each_direction_uses_its_own_converter)
{
    auto conv = std::make_shared<converter::stapled_packet_converter<request, response, std::string, std::string>>(
        std::make_shared<request_writer>(), std::make_shared<response_reader>());
    BOOST_TEST(conv->convert_to_dto_packet({"PING"}) == "CMD PING");
    BOOST_TEST(conv->create_from_dto_packet("OK 200").code == 200);
    BOOST_CHECK_THROW(conv->create_from_dto_packet("KO"), packet_conversion_error);

    protocol::datagram_protocol<request, response> p(std::make_shared<serializers::string_line_serializer>(), conv);
    BOOST_TEST(p.make_datagram({"QUIT"}) == "CMD QUIT");
    BOOST_TEST(p.build_packet_from_datagram("OK 7").code == 7);
    BOOST_CHECK_THROW(p.build_packet_from_datagram("nope"), datagram_protocol_parse_error);
}

BOOST_AUTO_TEST_CASE(null_converter_is_rejected)
{
    using stapled = converter::stapled_packet_converter<request, response, std::string, std::string>;
    BOOST_CHECK_THROW(stapled(std::shared_ptr<request_writer>(), std::make_shared<response_reader>()), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(symmetric_converter_from_two_callables)
{
    auto conv = converter::make_packet_converter<int, std::string>([](const int& i) { return std::to_string(i); },
                                                                   [](const std::string& s) { return std::stoi(s); });
    BOOST_TEST(conv->convert_to_dto_packet(5) == "5");
    BOOST_TEST(conv->create_from_dto_packet("6") == 6);
}

BOOST_AUTO_TEST_SUITE_END()
