//
// easynet echo tools — error descriptions (see echo_errors.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_errors.hpp"

#include <easynet/exceptions/core.hpp>

namespace easynet_echo {

std::string describe_error(const std::exception& error)
{
    std::string text = error.what();
    if (const auto* group = dynamic_cast<const easynet::exception_group*>(&error)) {
        const char* separator = ": ";
        for (const std::exception_ptr& member : group->exceptions()) {
            try {
                std::rethrow_exception(member);
            } catch (const std::exception& e) {
                text += separator + describe_error(e);
            } catch (...) {
                text += separator + std::string("unknown error");
            }
            separator = "; ";
        }
    }
    return text;
}

} // namespace easynet_echo
