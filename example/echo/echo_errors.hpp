//
// easynet echo tools — one-line descriptions of the errors the tools report.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_EXAMPLE_ECHO_ECHO_ERRORS_HPP
#define EASYNET_EXAMPLE_ECHO_ECHO_ERRORS_HPP

#include <exception>
#include <string>

namespace easynet_echo {

/** The message of `error` on one line; an `easynet::exception_group` (a failed happy-eyeballs
    connection, failed binds) lists the message of each member. */
std::string describe_error(const std::exception& error);

} // namespace easynet_echo

#endif
