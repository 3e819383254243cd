// EASYNET_TEST_DATA_DIR: the absolute path of test/data (no trailing slash), as a
// `const char*` expression. The build force-includes this header in every test file
// (CMake: test/CMakeLists.txt, b2: test/Jamfile), so the macro is always there.
//
// The path itself is compiled into the shared test main only (test_main.cpp): test
// files stay free of absolute paths, so ccache reuses their objects in another clone.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef EASYNET_TEST_TEST_DATA_DIR_HPP
#define EASYNET_TEST_TEST_DATA_DIR_HPP

/// Absolute path of the repository's test/data directory.
extern "C" const char* easynet_test_data_dir() noexcept;

#define EASYNET_TEST_DATA_DIR (::easynet_test_data_dir())

#endif // EASYNET_TEST_TEST_DATA_DIR_HPP
