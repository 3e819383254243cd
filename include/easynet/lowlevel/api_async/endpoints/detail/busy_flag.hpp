//
// easynet — the "one task per direction" guard of the async endpoints and low-level
// servers (SEMANTICS W1).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_BUSY_FLAG_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_ENDPOINTS_DETAIL_BUSY_FLAG_HPP

#include <easynet/exceptions/core.hpp>

#include <string>

namespace easynet::lowlevel::api_async::endpoints::detail {

/// Marks an operation as running for its duration; a second concurrent one is refused (W1).
class busy_flag {
public:
    class guard {
    public:
        explicit guard(bool& flag) : flag_(flag) { flag_ = true; }
        guard(const guard&) = delete;
        guard& operator=(const guard&) = delete;
        ~guard() { flag_ = false; }

    private:
        bool& flag_;
    };

    /** Marks the operation `what` ("receiving", "sending") as running until the guard dies.
        @throws busy_resource_error "another task is currently <what> data on this endpoint". */
    guard enter(const char* what)
    {
        if (busy_)
            throw busy_resource_error(std::string("another task is currently ") + what + " data on this endpoint");
        return guard(busy_);
    }

private:
    bool busy_ = false;
};

} // namespace easynet::lowlevel::api_async::endpoints::detail

#endif
