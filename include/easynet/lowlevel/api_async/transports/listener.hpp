//
// easynet — accepting connections (EasyNetwork's `AsyncListener`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_LISTENER_HPP

#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>

#include <functional>
#include <memory>

namespace easynet::lowlevel::api_async::transports {

/** An object that accepts incoming connections, each a transport of type `T`.

    @tparam T the transport type of accepted connections (`async_stream_transport`).

    @par Example
    @code
    backend::with_task_group([&](backend::task_group& tg) {
        listener->serve([](std::unique_ptr<async_stream_transport> t) {
            t->send_all(t->recv(1024));
        }, tg);
    });
    @endcode

    @par Thread safety
    One `serve` at a time; `aclose` may be called from another task of the loop.
*/
template <typename T>
class async_listener : public async_base_transport {
public:
    using transport_type = T;
    /// Called in a new task with each accepted connection (which it then owns).
    using handler_type = std::function<void(std::unique_ptr<T>)>;

    /** Accepts connections as they come, forever, and runs `handler(transport)` for
        each in a new task of `task_group`. Returns only by throwing.
        @throws easynet::busy_resource_error if another task is already serving.
        @throws boost::system::system_error with EBADF if the listener is (or gets) closed,
        or with the OS error of a failed accept that is neither transient nor a resource
        shortage (those are retried, see the implementations).
        @throws cancelled when the serving task is cancelled (the way to stop serving).
    */
    virtual void serve(handler_type handler, backend::task_group& task_group) = 0;

    /** As `serve(handler, task_group)`, with a task group of its own: when serving stops,
        it waits for the connection tasks (which are cancelled if serving failed).
    */
    void serve(handler_type handler)
    {
        backend::with_task_group([&](backend::task_group& group) { serve(std::move(handler), group); });
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
