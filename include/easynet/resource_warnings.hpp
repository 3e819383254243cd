//
// easynet — "unclosed …" reports for objects destroyed while still open (Python's
// ResourceWarning, SEMANTICS W7).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_RESOURCE_WARNINGS_HPP
#define EASYNET_RESOURCE_WARNINGS_HPP

namespace easynet {

/** Turns the "unclosed" reports on or off for the whole process.

    A transport, listener, client or server destroyed while still open (never closed)
    closes its socket as usual; with the reports on, it also emits one log record:
    level WARNING, logger "easynet.resource_warnings", message
    `"unclosed <class fd=N, family=AF_INET, laddr=..., raddr=...>"`. An owner (client,
    server, TLS or stapled transport) reports itself only, not the parts it closes.

    As Python's ResourceWarning, the reports are off by default; they are on from the
    start when the environment variable `EASYNET_RESOURCE_WARNINGS` is set to a non-empty
    value other than "0" (read once, at the first report or query).

    @return the previous setting.
    @par Thread safety
    Safe from any thread; objects destroyed concurrently see either setting.
*/
bool set_resource_warnings(bool enabled) noexcept;

/// Whether the "unclosed" reports are on (see `set_resource_warnings`).
bool resource_warnings_enabled() noexcept;

} // namespace easynet

#endif
