//
// easynet — the retry loop of the blocking transports: non-blocking attempts, and waits
// for readiness in bounded slices (EasyNetwork's `SelectorBaseTransport`,
// `SelectorStreamTransport`, `SelectorDatagramTransport`, `WouldBlockOnRead`,
// `WouldBlockOnWrite`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SELECTOR_TRANSPORT_HPP
#define EASYNET_LOWLEVEL_API_SYNC_TRANSPORTS_SELECTOR_TRANSPORT_HPP

#include <easynet/lowlevel/api_sync/transports/datagram_transport.hpp>
#include <easynet/lowlevel/api_sync/transports/stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace easynet::lowlevel::api_sync::transports {

/// The readiness a non-blocking attempt waits for before it is tried again.
enum class wait_event { read, write };

/** What a `*_noblock` method returns when it cannot proceed without blocking: the
    descriptor and the readiness to wait for. A TLS transport may need to write while
    reading (and the reverse), hence the event.
*/
struct would_block {
    native_socket_handle fileno = -1;
    wait_event event = wait_event::read;
};

/// `would_block` waiting for `fd` to become readable (EasyNetwork's `WouldBlockOnRead`).
inline would_block would_block_on_read(native_socket_handle fd) noexcept { return {fd, wait_event::read}; }
/// `would_block` waiting for `fd` to become writable (EasyNetwork's `WouldBlockOnWrite`).
inline would_block would_block_on_write(native_socket_handle fd) noexcept { return {fd, wait_event::write}; }

/// The outcome of one non-blocking attempt: a value, or what to wait for.
template <class T>
using noblock_result = std::variant<T, would_block>;

/** The time budget of one blocking operation, spent in waits of at most
    `retry_interval` each (SEMANTICS Y2, Y3).

    @par Thread safety
    A value used by one thread.
*/
class retry_deadline {
public:
    /** Starts the budget now.
        @throws std::invalid_argument for a negative or NaN `timeout` ("Invalid timeout: ...").
    */
    retry_deadline(seconds timeout, seconds retry_interval);

    /** Waits until `what` is ready, at most one retry interval or the time left (with
        `poll`). Returns early on readiness, on an error condition of the descriptor, on a
        signal, or at the end of a retry interval: the caller tries again then (and
        notices a `close()` made meanwhile).
        @throws easynet::timeout_error when the budget is spent (at once for a zero timeout);
        boost::system::system_error EBADF for a negative or invalid descriptor.
    */
    void wait(const would_block& what);

    /// The budget left (never negative; +inf for an infinite timeout).
    seconds remaining() const noexcept;

private:
    double deadline_;
    double retry_interval_;
};

/** Base of the transports built on non-blocking attempts plus readiness waits.

    A derived class implements its operations as `*_noblock` functions that either
    complete or return `would_block`; `retry()` turns them into blocking calls bounded by
    a timeout, polling in slices of at most `retry_interval()` so that a `close()` from
    another thread is noticed within about that delay (SEMANTICS Y3).

    @par Thread safety
    As `base_transport`.
*/
class selector_base_transport : public virtual base_transport {
public:
    /// The longest single wait.
    seconds retry_interval() const noexcept { return retry_interval_; }

protected:
    /** @throws std::invalid_argument unless `retry_interval` > 0 (+inf allowed: a close
        from another thread is then not noticed by a blocked call).
    */
    explicit selector_base_transport(seconds retry_interval);

    /// A new budget of `timeout` with this transport's retry interval.
    retry_deadline make_deadline(seconds timeout) const { return retry_deadline(timeout, retry_interval_); }

    /** Calls `attempt()` (returning a `noblock_result<T>`) until it yields a value,
        waiting as it asks in between. @return the value.
        @throws easynet::timeout_error when `deadline` is spent; whatever `attempt` throws.
    */
    template <class Attempt>
    auto retry(Attempt&& attempt, retry_deadline& deadline)
    {
        for (;;) {
            auto result = attempt();
            if (result.index() == 0)
                return std::get<0>(std::move(result));
            deadline.wait(std::get<1>(result));
        }
    }

    /// As above, with a fresh budget of `timeout`.
    template <class Attempt>
    auto retry(Attempt&& attempt, seconds timeout)
    {
        retry_deadline deadline = make_deadline(timeout);
        return retry(std::forward<Attempt>(attempt), deadline);
    }

private:
    seconds retry_interval_;
};

/** A `stream_transport` made of non-blocking primitives (EasyNetwork's
    `SelectorStreamTransport`): implement `recv_noblock_into`, `send_noblock` (and
    optionally the scatter/gather and ancillary variants), `send_eof`, `close`,
    `is_closed` and the extra attributes; the blocking calls come from the retry loop.

    The `*_noblock` functions are public so that a wrapper (a TLS layer) can drive them.

    @par Thread safety
    One thread may read while another writes; any thread may `close()`, as long as the
    `*_noblock` implementations allow it.
*/
class selector_stream_transport : public selector_base_transport, public stream_transport {
public:
    /** One non-blocking read into `buffer`.
        @return the byte count (0 = end of stream), or what to wait for.
        @throws boost::system::system_error on an OS error.
    */
    virtual noblock_result<std::size_t> recv_noblock_into(std::span<char> buffer) = 0;

    /** One non-blocking read with control messages (see `recv_with_ancillary_into`).
        @throws easynet::unsupported_operation (the default).
    */
    virtual noblock_result<recv_ancillary_result> recv_with_ancillary_noblock_into(std::span<char> buffer,
                                                                                   std::size_t ancillary_bufsize);

    /** One non-blocking write of some of `data`.
        @return the byte count, or what to wait for.
        @throws boost::system::system_error on an OS error.
    */
    virtual noblock_result<std::size_t> send_noblock(std::string_view data) = 0;

    /** One non-blocking gathered write of some of `buffers` (in order). The default
        writes the first non-empty buffer with `send_noblock`.
        @return the byte count, or what to wait for.
    */
    virtual noblock_result<std::size_t> send_noblock_from_iterable(std::span<const std::string_view> buffers);

    /** One non-blocking `sendmsg` of `buffers` with the control messages `ancillary`.
        @return the byte count (maybe partial), or what to wait for.
        @throws easynet::unsupported_operation (the default).
    */
    virtual noblock_result<std::size_t> send_with_ancillary_noblock(std::span<const std::string_view> buffers,
                                                                    std::span<const raw_ancillary_message> ancillary);

    std::size_t recv_into(std::span<char> buffer, seconds timeout) override;
    recv_ancillary_result recv_with_ancillary_into(std::span<char> buffer, std::size_t ancillary_bufsize,
                                                   seconds timeout) override;
    std::size_t send(std::string_view data, seconds timeout) override;
    void send_all(std::string_view data, seconds timeout) override;
    void send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout) override;
    void send_all_with_ancillary(std::span<const std::string_view> buffers,
                                 std::span<const raw_ancillary_message> ancillary, seconds timeout) override;

protected:
    /// @throws std::invalid_argument as `selector_base_transport`.
    explicit selector_stream_transport(seconds retry_interval) : selector_base_transport(retry_interval) {}
};

/** A `datagram_transport` made of non-blocking primitives (EasyNetwork's
    `SelectorDatagramTransport`): implement `recv_noblock`, `send_noblock`, `close`,
    `is_closed` and the extra attributes; the blocking calls come from the retry loop.

    @par Thread safety
    One thread may read while another writes; any thread may `close()`, as long as the
    `*_noblock` implementations allow it.
*/
class selector_datagram_transport : public selector_base_transport, public datagram_transport {
public:
    /** One non-blocking read of a datagram.
        @return the datagram, or what to wait for.
        @throws boost::system::system_error on an OS error.
    */
    virtual noblock_result<std::string> recv_noblock() = 0;

    /** One non-blocking write of `data` as one datagram.
        @return the size sent (always all of `data`), or what to wait for.
        @throws boost::system::system_error on an OS error.
    */
    virtual noblock_result<std::size_t> send_noblock(std::string_view data) = 0;

    /** One non-blocking read of a datagram with control messages (see
        `recv_with_ancillary`).
        @throws easynet::unsupported_operation (the default).
    */
    virtual noblock_result<recv_datagram_ancillary_result> recv_with_ancillary_noblock(std::size_t ancillary_bufsize);

    /** One non-blocking `sendmsg` of `data` with the control messages `ancillary`.
        @return the size sent, or what to wait for.
        @throws easynet::unsupported_operation (the default).
    */
    virtual noblock_result<std::size_t> send_with_ancillary_noblock(std::string_view data,
                                                                    std::span<const raw_ancillary_message> ancillary);

    std::string recv(seconds timeout) override;
    recv_datagram_ancillary_result recv_with_ancillary(std::size_t ancillary_bufsize, seconds timeout) override;
    void send(std::string_view data, seconds timeout) override;
    void send_with_ancillary(std::string_view data, std::span<const raw_ancillary_message> ancillary,
                             seconds timeout) override;

protected:
    /// @throws std::invalid_argument as `selector_base_transport`.
    explicit selector_datagram_transport(seconds retry_interval) : selector_base_transport(retry_interval) {}
};

} // namespace easynet::lowlevel::api_sync::transports

#endif
