//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/exit_stack.hpp>

#include <exception>
#include <utility>

namespace easynet::servers {

exit_stack::~exit_stack()
{
    while (!callbacks_.empty()) {
        auto callback = std::move(callbacks_.back());
        callbacks_.pop_back();
        try {
            callback();
        } catch (...) {
        }
    }
}

void exit_stack::push(std::function<void()> callback) { callbacks_.push_back(std::move(callback)); }

void exit_stack::close()
{
    std::exception_ptr first;
    while (!callbacks_.empty()) {
        auto callback = std::move(callbacks_.back());
        callbacks_.pop_back();
        try {
            callback();
        } catch (...) {
            if (!first)
                first = std::current_exception();
        }
    }
    if (first)
        std::rethrow_exception(first);
}

} // namespace easynet::servers
