//
// easynet — receiving datagrams from anyone (EasyNetwork's `AsyncDatagramListener`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_LISTENER_HPP
#define EASYNET_LOWLEVEL_API_ASYNC_TRANSPORTS_DATAGRAM_LISTENER_HPP

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/base_transport.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace easynet::lowlevel::api_async::transports {

/** An object that receives datagrams from any peer and sends datagrams to any peer
    (an unconnected UDP or Unix datagram socket).

    @tparam Address the peer address type (`easynet::lowlevel::socket_address`).

    @par Thread safety
    One receiver at a time (`serve`, `serve_with_ancillary`, `recv_from`,
    `recv_with_ancillary_from`); `send_to` from any task of the loop.
*/
template <typename Address>
class async_datagram_listener : public async_base_transport {
public:
    using address_type = Address;
    /// Called in a new task with each received datagram and its sender's address.
    using handler_type = std::function<void(std::string datagram, Address address)>;
    /// As `handler_type`, with the control messages received with the datagram (the
    /// callee owns any file descriptor they carry).
    using ancillary_handler_type =
        std::function<void(std::string datagram, std::vector<raw_ancillary_message> ancillary, Address address)>;

    /// One datagram, its sender and (for `recv_with_ancillary_from`) its control messages.
    struct received_datagram {
        std::string data;
        Address address;
        std::vector<raw_ancillary_message> ancillary;
    };

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

    /** Waits for the next datagram and returns it, without starting any task (for
        servers that dispatch datagrams themselves, in arrival order). Reception errors
        unrelated to the listener are handled as by `serve`.
        @throws as `serve`.
    */
    virtual received_datagram recv_from() = 0;

    /** As `recv_from`, also receiving up to `ancillary_bufsize` bytes of control messages
        (SCM_RIGHTS, SCM_CREDENTIALS: Unix datagram sockets only).
        @throws easynet::unsupported_operation "This transport does not have ancillary data
        support." (the default); std::invalid_argument if `ancillary_bufsize` is 0; as `serve`.
    */
    virtual received_datagram recv_with_ancillary_from(std::size_t ancillary_bufsize)
    {
        (void)ancillary_bufsize;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }

    /** As `serve`, with the control messages of each datagram (see
        `recv_with_ancillary_from`).
        @throws as `recv_with_ancillary_from` and `serve`.
    */
    virtual void serve_with_ancillary(ancillary_handler_type handler, std::size_t ancillary_bufsize,
                                      backend::task_group& task_group)
    {
        for (;;) {
            auto datagram = recv_with_ancillary_from(ancillary_bufsize);
            task_group.start_soon([handler, datagram = std::move(datagram)]() mutable {
                handler(std::move(datagram.data), std::move(datagram.ancillary), std::move(datagram.address));
            });
        }
    }

    /** Sends `data` as one datagram to `address`. Safe to call from several tasks
        concurrently (each datagram is sent whole).
        @throws boost::system::system_error on an OS error.
    */
    virtual void send_to(std::string_view data, const Address& address) = 0;

    /** Sends `data` as one datagram to `address`, with the control messages `ancillary`
        in the same `sendmsg` (Unix datagram sockets only).
        @throws easynet::unsupported_operation "This transport does not have ancillary data
        support." (the default); boost::system::system_error on an OS error.
    */
    virtual void send_with_ancillary_to(std::string_view data, std::span<const raw_ancillary_message> ancillary,
                                        const Address& address)
    {
        (void)data;
        (void)ancillary;
        (void)address;
        throw unsupported_operation("This transport does not have ancillary data support.");
    }
};

} // namespace easynet::lowlevel::api_async::transports

#endif
