// The main() of every easynet Boost.Test executable (linked from the static library
// easynet-test-main; see test/CMakeLists.txt and test/Jamfile).
//
// Distributed under the Boost Software License, Version 1.0.

#define BOOST_TEST_MODULE easynet
#include <boost/test/unit_test.hpp>
