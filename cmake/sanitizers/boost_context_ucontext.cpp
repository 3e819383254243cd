// Sanitizer builds only (EASYNET_BOOST_CONTEXT_SANITIZER, see the asan/tsan/fuzz presets).
//
// ASan and TSan must be told when the stack changes under them. Boost.Context does that
// (__sanitizer_start_switch_fiber / __tsan_switch_to_fiber) only in its ucontext
// implementation, built with BOOST_USE_UCONTEXT + BOOST_USE_ASAN or BOOST_USE_TSAN.
// Without it, every exception thrown on a coroutine stack leaves stale stack poisoning
// behind (ASan: "ignoring requested __asan_handle_no_return", then false
// stack-use-after-scope / stack-buffer-overflow reports), and TSan mixes up the stacks
// of tasks. Debian's libboost_context is built for fcontext, so the one symbol the
// ucontext headers need from the compiled library is defined here, as in Boost 1.81's
// libs/context/src/fiber.cpp.
//
// Distributed under the Boost Software License, Version 1.0.

#if !defined(BOOST_USE_UCONTEXT)
#error "compile this file only with BOOST_USE_UCONTEXT"
#endif

#include <boost/assert.hpp>
#include <boost/context/fiber.hpp>

#include <cstddef>

namespace boost::context::detail {

namespace {
thread_local fiber_activation_record* easynet_fiber_current_record = nullptr;
thread_local std::size_t easynet_fiber_record_counter = 0;
} // namespace

// Schwarz counter: one main-context record per thread, created on first use.
fiber_activation_record_initializer::fiber_activation_record_initializer() noexcept
{
    if (easynet_fiber_record_counter++ == 0)
        easynet_fiber_current_record = new fiber_activation_record();
}

fiber_activation_record_initializer::~fiber_activation_record_initializer()
{
    if (--easynet_fiber_record_counter == 0) {
        BOOST_ASSERT(easynet_fiber_current_record->is_main_context());
        delete easynet_fiber_current_record;
    }
}

fiber_activation_record*& fiber_activation_record::current() noexcept
{
    // Initialised the first time control passes here, once per thread.
    thread_local static fiber_activation_record_initializer initializer;
    return easynet_fiber_current_record;
}

} // namespace boost::context::detail
