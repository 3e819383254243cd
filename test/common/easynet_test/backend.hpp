// Shared helpers for tests that run inside the easynet backend.
#ifndef EASYNET_TEST_BACKEND_HPP
#define EASYNET_TEST_BACKEND_HPP

#include <easynet/lowlevel/api_async/backend/async_backend.hpp>

#include <chrono>
#include <cstdlib>

namespace easynet_test {

namespace backend = easynet::lowlevel::api_async::backend;
using namespace std::chrono_literals;

/// Threads of the loops `run` starts by default: the environment variable
/// EASYNET_TEST_THREADS (CTest runs the backend suites again with 2 threads), else 1.
inline unsigned default_threads()
{
    const char* value = std::getenv("EASYNET_TEST_THREADS");
    int n = value ? std::atoi(value) : 1;
    return n >= 1 ? static_cast<unsigned>(n) : 1u;
}

/// True when the tests run on a single-threaded loop (some orderings hold only there).
inline bool single_threaded() { return default_threads() == 1; }

/// Runs `fn` as the main task of a fresh loop, bounded by 30 s (a hung test fails with
/// timeout_error instead of blocking CTest).
template <typename F>
decltype(auto) run(F&& fn, unsigned threads = 0)
{
    backend::runner_options options;
    options.threads = threads == 0 ? default_threads() : threads;
    return backend::bootstrap([&]() -> decltype(auto) { return backend::timeout(30s, fn); }, options);
}

} // namespace easynet_test

#endif
