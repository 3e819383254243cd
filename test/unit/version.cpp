// Tests of <easynet/version.hpp>.
//
// Distributed under the Boost Software License, Version 1.0.

#include <easynet/version.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

BOOST_AUTO_TEST_SUITE(version)

BOOST_AUTO_TEST_CASE(string_matches_the_numeric_parts) {
    const std::string expected = std::to_string(EASYNET_VERSION_MAJOR) + "." +
                                 std::to_string(EASYNET_VERSION_MINOR) + "." +
                                 std::to_string(EASYNET_VERSION_PATCH);
    BOOST_TEST(std::string(EASYNET_VERSION_STRING) == expected);
    BOOST_TEST(easynet::version_string == expected);
}

BOOST_AUTO_TEST_CASE(number_is_boost_style) {
    BOOST_TEST(easynet::version == easynet::version_major * 100000 + easynet::version_minor * 100 +
                                       easynet::version_patch);
    BOOST_TEST(EASYNET_VERSION == easynet::version);
}

BOOST_AUTO_TEST_CASE(default_stack_size_is_configured) {
    // Set by CMake/b2 from EASYNET_DEFAULT_STACK_SIZE; coroutine stacks need a sane size.
    BOOST_TEST(EASYNET_DEFAULT_STACK_SIZE >= 16 * 1024);
}

BOOST_AUTO_TEST_SUITE_END()
