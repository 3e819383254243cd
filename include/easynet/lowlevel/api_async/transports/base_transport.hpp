//
// easynet — the base of every asynchronous transport (EasyNetwork's `AsyncBaseTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_BASE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_BASE_TRANSPORT_HPP

#include <easynet/lowlevel/typed_attributes.hpp>

namespace easynet::lowlevel::api_async::transports {

/** Base class of asynchronous data transports and listeners.

    Transports are used from tasks (see the backend): their suspending calls suspend the
    calling task only. Extra attributes (`extra(...)`, see `typed_attribute_provider`)
    describe the underlying resource (socket, addresses, TLS data...).

    Destroying a transport closes it abruptly (no suspension); prefer `aclose()`.

    @par Thread safety
    Not thread-safe: use a transport from the tasks of one loop. With a multi-threaded
    loop, do not call it from two tasks running in parallel, except where a derived
    class says otherwise.
*/
class async_base_transport : public typed_attribute_provider {
public:
    async_base_transport() = default;
    async_base_transport(const async_base_transport&) = delete;
    async_base_transport& operator=(const async_base_transport&) = delete;
    ~async_base_transport() override = default;

    /** Closes the transport, waiting for a graceful close when the transport has one.
        Idempotent. If the calling task is cancelled meanwhile, the transport is closed
        abruptly (and the cancellation propagates).
        @throws cancelled if the task is cancelled; not_in_task_error outside a task.
    */
    virtual void aclose() = 0;

    /// True once the transport is closed or being closed.
    virtual bool is_closing() const noexcept = 0;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
