//
// easynet echo tools — the echo service itself: what easynet-echo-server runs, and what
// bench/tcp_echo.cpp measures.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_EXAMPLE_ECHO_ECHO_SERVICE_HPP
#define EASYNET_EXAMPLE_ECHO_ECHO_SERVICE_HPP

#include "echo_options.hpp"

#include <functional>
#include <string>

namespace easynet_echo {

/** Serves the echo over `options.transport` (tcp with TLS if asked, unix-stream, udp,
    unix-dgram) until the calling task is cancelled: every decoded packet is sent back
    re-encoded with the same format; a packet that cannot be decoded gets no echo, and
    the connection goes on with the bytes after it (WIRE_FORMATS.md §8); on a datagram
    transport, one datagram is one packet. Must run in a task.

    @param on_listening called once the server accepts clients, with its address(es) as
    "127.0.0.1:PORT", "[::1]:PORT" or the socket path (several joined by ", ").
    A Unix socket file is removed when serving ends.
    @throws boost::system::system_error (bind errors...), easynet::exception_group;
    cancelled when stopped. */
void serve_echo(const echo_options& options, const std::function<void(const std::string& addresses)>& on_listening);

} // namespace easynet_echo

#endif
