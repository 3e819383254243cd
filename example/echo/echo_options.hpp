//
// easynet echo tools — command line of easynet-echo-server and easynet-echo-client.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_EXAMPLE_ECHO_ECHO_OPTIONS_HPP
#define EASYNET_EXAMPLE_ECHO_ECHO_OPTIONS_HPP

#include "echo_format.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace easynet_echo {

/// `--transport`.
enum class transport { tcp, udp, unix_stream, unix_dgram };

/// Which tool parses the command line (they accept slightly different options).
enum class role { server, client };

/// Exit statuses of both tools.
enum exit_status : int {
    exit_ok = 0,
    exit_error = 1, ///< a run-time error: connection, TLS, bad input line, missing echo...
    exit_usage = 2, ///< a bad command line, or a transport not supported yet
};

/// Everything the command line says.
struct echo_options {
    enum transport transport = easynet_echo::transport::tcp;
    std::string host = "127.0.0.1";
    std::optional<std::uint16_t> port;
    std::string path;
    enum format format = easynet_echo::format::raw;
    enum wrap wrap = easynet_echo::wrap::none;
    bool tls = false;
    std::string cert;
    std::string key;
    std::string cafile;
    unsigned threads = 1;
    double timeout = 30.0; ///< client: seconds to wait for connecting and for each echo
    bool help = false;
};

/** Parses `argv` (`--name value` or `--name=value`).
    @throws usage_error with a message naming the offending option. Checks the
    combinations too: --transport and --format are required, --path for Unix
    transports, --port for a TCP client, --cert and --key with a TLS server, and TLS only
    over tcp. */
echo_options parse_command_line(int argc, const char* const argv[], role r);

/// The usage text of the tool.
std::string usage(role r);

std::string_view to_string(transport t) noexcept;

} // namespace easynet_echo

#endif
