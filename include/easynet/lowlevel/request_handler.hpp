//
// easynet — what a request handler may ask when it waits for the next request
// (EasyNetwork's `RecvParams`, `RecvAncillaryDataParams`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_REQUEST_HANDLER_HPP
#define EASYNET_LOWLEVEL_REQUEST_HANDLER_HPP

#include <easynet/lowlevel/api_async/backend/time.hpp>
#include <easynet/lowlevel/socket/raw_ancillary_message.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace easynet::lowlevel {

/** Asks the next request to be read together with the control messages sent with it
    (Unix stream servers only; SEMANTICS A2). The read is ONE `recvmsg`: if it does not
    complete a request, `eof_error("Received partial packet data")` is raised.
*/
struct recv_ancillary_data_params {
    /** Called with the raw control messages of that read (before the request is
        returned). Received file descriptors belong to the callback from then on.
        If it throws, `protocol_crash_error("RecvAncillaryDataParams.data_received()
        crashed")` is raised at `recv_request` (the original is nested). */
    std::function<void(std::vector<raw_ancillary_message>)> data_received{};
};

/** Parameters of one `recv_request` call.
    @par Example
    @code
    auto request = client.recv_request({.timeout = 5s});
    @endcode
*/
struct recv_params {
    /** Longest wait for the next request (SEMANTICS H17); empty = no limit. 0 still
        returns an already-buffered request. On expiry `recv_request` throws
        `easynet::timeout_error`. Negative or NaN: `std::invalid_argument("Invalid delay: …")`
        is thrown by `recv_request`. */
    std::optional<api_async::backend::seconds> timeout{};
    /// Receive the control messages too (see `recv_ancillary_data_params`).
    std::optional<recv_ancillary_data_params> recv_with_ancillary{};
};

/** Checks `params.timeout`.
    @throws std::invalid_argument "Invalid delay: <value>" for a negative or NaN timeout. */
void validate_recv_params(const recv_params& params);

/** The signal that unwinds a request handler when its client disconnected, or when
    it asks for a request after the client was closed (Python's `GeneratorExit`;
    SEMANTICS H11, H12). It is NOT a `std::exception`, so `catch (const std::exception&)`
    does not swallow it; servers do not report it as an error. Cleanup code (destructors,
    `catch (...) { ...; throw; }`) may still do I/O. Do not swallow it: rethrow it.
*/
struct client_disconnected {
};

} // namespace easynet::lowlevel

#endif
