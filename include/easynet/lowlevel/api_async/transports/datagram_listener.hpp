//
// easynet — receiving datagrams from anyone (EasyNetwork's `AsyncDatagramListener`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_LISTENER_HPP

#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace easynet::lowlevel::api_async::transports {

/** An object that receives datagrams from any peer and sends datagrams to any peer
    (an unconnected UDP or Unix datagram socket).

    @tparam Address the peer address type (`easynet::lowlevel::socket_address`).

    @par Thread safety
    One `serve` at a time; `send_to` from any task of the loop.
*/
template <typename Address>
class async_datagram_listener : public async_base_transport {
public:
    using address_type = Address;
    /// Called in a new task with each received datagram and its sender's address.
    using handler_type = std::function<void(std::string datagram, Address address)>;

    /** Receives datagrams forever and runs `handler(datagram, address)` for each in a
        new task of `task_group`. Tasks are started in the order the datagrams were
        received. Returns only by throwing.
        @throws easynet::busy_resource_error if another task is already serving.
        @throws boost::system::system_error with EBADF if the listener is (or gets) closed.
        @throws cancelled when the serving task is cancelled.
    */
    virtual void serve(handler_type handler, backend::task_group& task_group) = 0;

    /// As `serve(handler, task_group)`, with a task group of its own.
    void serve(handler_type handler)
    {
        backend::with_task_group([&](backend::task_group& group) { serve(std::move(handler), group); });
    }

    /** Sends `data` as one datagram to `address`. Safe to call from several tasks
        concurrently (each datagram is sent whole).
        @throws boost::system::system_error on an OS error.
    */
    virtual void send_to(std::string_view data, const Address& address) = 0;
};

} // namespace easynet::lowlevel::api_async::transports

#endif
