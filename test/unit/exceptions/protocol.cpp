#include <easynet/exceptions/protocol.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;

BOOST_AUTO_TEST_SUITE(protocol)

BOOST_AUTO_TEST_CASE(limit_overrun_drops_a_leading_separator_from_the_remainder)
{
    const limit_overrun_error e("m", "abc\r\ndef", 3, "\r\n");
    BOOST_TEST(e.remaining_data() == "def");
    BOOST_TEST(e.consumed() == 3u);
    BOOST_TEST(e.error_info() == nullptr);
}

BOOST_AUTO_TEST_CASE(limit_overrun_keeps_only_a_partial_separator_tail)
{
    BOOST_TEST(limit_overrun_error("m", "abcde\r", 4, "\r\n").remaining_data() == "\r");
    BOOST_TEST(limit_overrun_error("m", "abcdex", 4, "\r\n").remaining_data().empty());
    BOOST_TEST(limit_overrun_error("m", "abcdef", 6, "\n").remaining_data().empty());
    BOOST_TEST(limit_overrun_error("m", "abcdef", 2).remaining_data() == "cdef");
}

BOOST_AUTO_TEST_CASE(parse_errors_keep_the_dynamic_type_of_their_error)
{
    const limit_overrun_error overrun("too long", "x", 1);
    const stream_protocol_parse_error e("rest", overrun);
    BOOST_TEST(e.what() == std::string("Error while parsing data: too long"));
    BOOST_TEST(e.error_as<limit_overrun_error>() != nullptr);
    BOOST_TEST(e.error_as<incremental_deserialize_error>() != nullptr);
    BOOST_TEST(e.error_as<packet_conversion_error>() == nullptr);
    BOOST_TEST(e.remaining_data() == "rest");
    BOOST_CHECK_THROW(e.error().rethrow(), limit_overrun_error);

    const datagram_protocol_parse_error d(packet_conversion_error("bad", make_error_info({{"data", std::string("z")}})));
    BOOST_TEST(d.error_as<packet_conversion_error>() != nullptr);
    BOOST_TEST(*d.error_info()->get<std::string>("data") == "z");
    const base_protocol_parse_error& base = d;
    BOOST_TEST(base.error().what() == std::string("bad"));
}

BOOST_AUTO_TEST_CASE(crash_error_nests_the_original_exception)
{
    try {
        try {
            throw std::out_of_range("original");
        } catch (...) {
            throw protocol_crash_error("protocol.generate_chunks() crashed");
        }
    } catch (const protocol_crash_error& e) {
        BOOST_TEST(e.what() == std::string("protocol.generate_chunks() crashed"));
        BOOST_CHECK_THROW(std::rethrow_exception(e.original_exception()), std::out_of_range);
        BOOST_CHECK_THROW(std::rethrow_if_nested(e), std::out_of_range);
    }
}

BOOST_AUTO_TEST_CASE(error_info_map_holds_ordered_typed_entries)
{
    error_info_map m{{"document", std::string("[")}, {"position", std::size_t(1)}};
    m.set("lineno", std::size_t(1));
    m.set("position", std::size_t(2));
    BOOST_TEST(m.size() == 3u);
    BOOST_TEST(*m.get<std::size_t>("position") == 2u);
    BOOST_TEST(m.get<int>("position") == nullptr);
    BOOST_TEST(!m.contains("colno"));
    BOOST_TEST(m.begin()->first == "document");
}

BOOST_AUTO_TEST_SUITE_END()
