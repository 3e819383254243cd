//
// easynet — umbrella header for every exception type.
//
#ifndef EASYNET_EXCEPTIONS_HPP
#define EASYNET_EXCEPTIONS_HPP

#include <easynet/exceptions/core.hpp>
#if __has_include(<easynet/exceptions/protocol.hpp>)
#include <easynet/exceptions/protocol.hpp>
#endif

#endif
