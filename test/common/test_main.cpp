// The main() of every easynet Boost.Test executable (linked from the static library
// easynet-test-main; see test/CMakeLists.txt and test/Jamfile).
//
// Distributed under the Boost Software License, Version 1.0.

#define BOOST_TEST_MODULE easynet
#include <boost/test/unit_test.hpp>

#include <easynet_test/test_data_dir.hpp>

#ifndef EASYNET_TEST_DATA_DIR_PATH
#error "the build must define EASYNET_TEST_DATA_DIR_PATH (absolute path of test/data) for this file"
#endif

extern "C" const char* easynet_test_data_dir() noexcept
{
    return EASYNET_TEST_DATA_DIR_PATH;
}
