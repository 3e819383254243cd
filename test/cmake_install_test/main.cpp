// A program built against an installed easynet (see CMakeLists.txt beside it).
//
// Distributed under the Boost Software License, Version 1.0.

#include <easynet/version.hpp>

#include <chrono>
#include <cstdio>
#include <string_view>

#ifndef EASYNET_DEFAULT_STACK_SIZE
#error "easynet::easynet must carry EASYNET_DEFAULT_STACK_SIZE to its consumers"
#endif

// Runs a task on the backend when the installed headers have it, so that the consumer
// links compiled code of libeasynet and its dependencies (Boost.Context...).
#if __has_include(<easynet/lowlevel/api_async/backend.hpp>)
#include <easynet/lowlevel/api_async/backend.hpp>
#define EASYNET_CONSUMER_RUNS_BACKEND 1
#endif

static_assert(easynet::version == EASYNET_VERSION);

int main()
{
    std::printf("easynet %s (default stack size %d bytes)\n", EASYNET_VERSION_STRING,
                static_cast<int>(EASYNET_DEFAULT_STACK_SIZE));
    if (easynet::version_string != std::string_view { EXPECTED_VERSION }) {
        std::printf("version mismatch: header %s, package %s\n", EASYNET_VERSION_STRING, EXPECTED_VERSION);
        return 1;
    }
#ifdef EASYNET_CONSUMER_RUNS_BACKEND
    namespace backend = easynet::lowlevel::api_async::backend;
    const int answer = backend::bootstrap([] {
        backend::sleep(std::chrono::milliseconds(1));
        return 42;
    });
    std::printf("a task ran on the backend: %d\n", answer);
    if (answer != 42)
        return 1;
#endif
    return 0;
}
