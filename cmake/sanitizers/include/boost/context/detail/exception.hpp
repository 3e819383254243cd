// Sanitizer builds only (EASYNET_BOOST_CONTEXT_SANITIZER): on the include path in front
// of Boost's own header.
//
// boost/context/detail/exception.hpp defines detail::forced_unwind for the fcontext
// fibers; the ucontext fibers used by sanitizer builds define their own in
// fiber_ucontext.hpp, so including both is a redefinition. <boost/context/fiber.hpp>
// declares the right one in either build: prefer including that in easynet's sources.
//
// Distributed under the Boost Software License, Version 1.0.

#if defined(BOOST_USE_UCONTEXT)
#include <boost/context/fiber.hpp>
#else
#include_next <boost/context/detail/exception.hpp>
#endif
