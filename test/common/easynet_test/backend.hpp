// Shared helpers for tests that run inside the easynet backend.
#ifndef EASYNET_TEST_BACKEND_HPP
#define EASYNET_TEST_BACKEND_HPP

#include <easynet/lowlevel/api_async/backend/async_backend.hpp>

#include <chrono>

namespace easynet_test {

namespace backend = easynet::lowlevel::api_async::backend;
using namespace std::chrono_literals;

/// Runs `fn` as the main task of a fresh loop, bounded by 30 s (a hung test fails with
/// timeout_error instead of blocking CTest).
template <typename F>
decltype(auto) run(F&& fn, unsigned threads = 1)
{
    backend::runner_options options;
    options.threads = threads;
    return backend::bootstrap([&]() -> decltype(auto) { return backend::timeout(30s, fn); }, options);
}

} // namespace easynet_test

#endif
