//
// easynet echo tools — command-line parsing (see echo_options.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_options.hpp"

#include <charconv>
#include <cmath>
#include <functional>
#include <map>

namespace easynet_echo {

namespace {

template <class Number>
Number parse_number(std::string_view name, std::string_view text, Number minimum, Number maximum)
{
    Number value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < minimum || value > maximum) {
        throw usage_error("invalid value for " + std::string(name) + ": '" + std::string(text) + "'");
    }
    return value;
}

transport parse_transport(std::string_view text)
{
    if (text == "tcp")
        return transport::tcp;
    if (text == "udp")
        return transport::udp;
    if (text == "unix-stream")
        return transport::unix_stream;
    if (text == "unix-dgram")
        return transport::unix_dgram;
    throw usage_error("invalid --transport '" + std::string(text) + "' (choose from tcp, udp, unix-stream, unix-dgram)");
}

} // namespace

std::string_view to_string(transport t) noexcept
{
    switch (t) {
    case transport::tcp:
        return "tcp";
    case transport::udp:
        return "udp";
    case transport::unix_stream:
        return "unix-stream";
    case transport::unix_dgram:
        return "unix-dgram";
    }
    return "?";
}

echo_options parse_command_line(int argc, const char* const argv[], role r)
{
    echo_options options;
    bool has_transport = false;
    bool has_format = false;

    using setter = std::function<void(std::string_view)>;
    const std::map<std::string_view, setter> valued{
        {"--transport", [&](std::string_view v) { options.transport = parse_transport(v), has_transport = true; }},
        {"--host", [&](std::string_view v) { options.host = v; }},
        {"--port", [&](std::string_view v) { options.port = parse_number<std::uint16_t>("--port", v, 0, 65535); }},
        {"--path", [&](std::string_view v) { options.path = v; }},
        {"--format", [&](std::string_view v) { options.format = parse_format(v), has_format = true; }},
        {"--wrap", [&](std::string_view v) { options.wrap = parse_wrap(v); }},
        {"--cert", [&](std::string_view v) { options.cert = v; }},
        {"--key", [&](std::string_view v) { options.key = v; }},
        {"--cafile", [&](std::string_view v) { options.cafile = v; }},
        {"--threads", [&](std::string_view v) { options.threads = parse_number<unsigned>("--threads", v, 1, 1024); }},
        {"--timeout", [&](std::string_view v) {
             options.timeout = parse_number<double>("--timeout", v, 0.0, 1e9);
         }},
    };
    auto allowed = [&](std::string_view name) {
        if (r == role::server)
            return name != "--cafile" && name != "--timeout";
        return name != "--cert" && name != "--key" && name != "--threads";
    };

    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help") {
            options.help = true;
            return options;
        }
        if (arg == "--tls") {
            options.tls = true;
            continue;
        }
        std::string_view name = arg;
        std::optional<std::string_view> value;
        if (auto eq = arg.find('='); eq != std::string_view::npos) {
            name = arg.substr(0, eq);
            value = arg.substr(eq + 1);
        }
        auto it = valued.find(name);
        if (it == valued.end() || !allowed(name))
            throw usage_error("unrecognized argument '" + std::string(arg) + "'");
        if (!value) {
            if (i + 1 >= argc)
                throw usage_error("option " + std::string(name) + " expects a value");
            value = argv[++i];
        }
        it->second(*value);
    }

    if (!has_transport)
        throw usage_error("the option --transport is required");
    if (!has_format)
        throw usage_error("the option --format is required");
    const bool is_unix = options.transport == transport::unix_stream || options.transport == transport::unix_dgram;
    if (is_unix && options.path.empty())
        throw usage_error("--transport " + std::string(to_string(options.transport)) + " needs --path");
    if (!is_unix && r == role::client && !options.port)
        throw usage_error("--transport " + std::string(to_string(options.transport)) + " needs --port");
    if (options.tls && options.transport != transport::tcp)
        throw usage_error("--tls is only available with --transport tcp");
    if (r == role::server && options.tls && (options.cert.empty() || options.key.empty()))
        throw usage_error("--tls needs --cert and --key");
    if (r == role::server && !options.tls && (!options.cert.empty() || !options.key.empty()))
        throw usage_error("--cert and --key need --tls");
    if (r == role::client && !options.tls && !options.cafile.empty())
        throw usage_error("--cafile needs --tls");
    return options;
}

std::string usage(role r)
{
    if (r == role::server) {
        return "usage: easynet-echo-server --transport {tcp|udp|unix-stream|unix-dgram} [--host H] [--port P]\n"
               "           [--path SOCKETPATH] --format {raw|line|json|msgpack|cbor} [--wrap {none|base64|zlib|bz2}]\n"
               "           [--tls --cert PEM --key PEM] [--threads N]\n"
               "Echoes every decoded packet back until SIGINT/SIGTERM. Defaults: --host 127.0.0.1 --port 0.\n";
    }
    return "usage: easynet-echo-client --transport {tcp|udp|unix-stream|unix-dgram} [--host H] [--port P]\n"
           "           [--path SOCKETPATH] --format {raw|line|json|msgpack|cbor} [--wrap {none|base64|zlib|bz2}]\n"
           "           [--tls [--cafile PEM]] [--timeout SECONDS]\n"
           "Sends each line of stdin (one JSON document, or text for line/raw) and prints each echo.\n"
           "Defaults: --host 127.0.0.1 --timeout 30 (connecting, and waiting for each echo).\n";
}

} // namespace easynet_echo
