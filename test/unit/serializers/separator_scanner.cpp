#include <easynet/serializers/tools/separator_scanner.hpp>

#include <easynet/exceptions/protocol.hpp>

#include <boost/test/unit_test.hpp>

using easynet::limit_overrun_error;
using scanner = easynet::serializers::tools::separator_scanner;

BOOST_AUTO_TEST_SUITE(separator_scanner)

BOOST_AUTO_TEST_CASE(finds_a_separator_split_across_calls)
{
    scanner s("\r\n", 100);
    BOOST_TEST(!s.find("abc\r"));
    BOOST_TEST(s.find("abc\r\n").value() == 3u);
    BOOST_TEST(s.find("\r\n").value() == 0u); // reset after a hit
}

BOOST_AUTO_TEST_CASE(frame_of_exactly_limit_bytes_is_accepted)
{
    scanner s("\n", 4);
    BOOST_TEST(!s.find("1234"));
    BOOST_TEST(s.find("1234\n").value() == 4u);
    BOOST_CHECK_THROW(s.find("12345\n"), limit_overrun_error);
    BOOST_CHECK_EXCEPTION(s.find("12345"), limit_overrun_error, [](const auto& e) {
        return std::string(e.what()) == "Separator is not found, and chunk exceed the limit" && e.consumed() == 5u;
    });
}

BOOST_AUTO_TEST_CASE(rejects_bad_arguments)
{
    BOOST_CHECK_THROW(scanner("", 1), std::invalid_argument);
    BOOST_CHECK_THROW(scanner("\n", 0), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
