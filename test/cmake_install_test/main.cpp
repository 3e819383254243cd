// A program built against an installed easynet (see CMakeLists.txt beside it).
//
// Distributed under the Boost Software License, Version 1.0.

#include <easynet/version.hpp>

#include <cstdio>
#include <string_view>

#ifndef EASYNET_DEFAULT_STACK_SIZE
#error "easynet::easynet must carry EASYNET_DEFAULT_STACK_SIZE to its consumers"
#endif

static_assert(easynet::version == EASYNET_VERSION);

int main() {
    std::printf("easynet %s (default stack size %d bytes)\n", EASYNET_VERSION_STRING,
                static_cast<int>(EASYNET_DEFAULT_STACK_SIZE));
    if (easynet::version_string != std::string_view{EXPECTED_VERSION}) {
        std::printf("version mismatch: header %s, package %s\n", EASYNET_VERSION_STRING, EXPECTED_VERSION);
        return 1;
    }
    return 0;
}
