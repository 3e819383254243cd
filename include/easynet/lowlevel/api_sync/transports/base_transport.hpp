//
// easynet — the base of every synchronous (blocking) transport (EasyNetwork's
// `api_sync.transports.abc.BaseTransport`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_BASE_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_BASE_TRANSPORT_HPP

#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/typed_attributes.hpp>

#include <limits>

namespace easynet::lowlevel::api_sync::transports {

/** A timeout in seconds, as every blocking call of the sync API takes it. Any
    `std::chrono::duration` converts to it (`500ms`), a number of seconds is written
    `seconds{0.5}`. Zero means one non-blocking attempt, `no_timeout` (+inf) waits forever;
    a negative or NaN value is refused with `std::invalid_argument`.
*/
using seconds = api_async::backend::seconds;

/// The timeout meaning "block until done".
inline constexpr seconds no_timeout{std::numeric_limits<double>::infinity()};

/** Base class of the synchronous data transports.

    Every call that may block takes an explicit timeout and throws `easynet::timeout_error`
    when it expires. Extra attributes (`extra(...)`) describe the underlying resource.
    Destroying a transport closes it.

    @par Thread safety
    `close()` and `is_closed()` may be called from any thread; what else may run
    concurrently is said by each derived class.
*/
class base_transport : public typed_attribute_provider {
public:
    base_transport() = default;
    base_transport(const base_transport&) = delete;
    base_transport& operator=(const base_transport&) = delete;
    ~base_transport() override = default;

    /** Closes the transport. Idempotent; never blocks for long (a TLS transport may send
        its close_notify within its shutdown timeout). A call blocked in another thread
        notices it and fails with EBADF (see the implementation for how fast).
    */
    virtual void close() = 0;

    /// True once `close()` was called.
    virtual bool is_closed() const noexcept = 0;
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
