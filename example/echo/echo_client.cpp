//
// easynet-echo-client — sends each line of stdin as one packet and prints its echo.
//
//   easynet-echo-client --transport {tcp|udp|unix-stream|unix-dgram} [--host H] [--port P] [--path SOCKETPATH]
//       --format {raw|line|json|msgpack|cbor} [--wrap {none|base64|zlib|bz2}]
//       [--tls [--cafile PEM]] [--timeout SECONDS]
//
// json/msgpack/cbor: each input line is one JSON document; each echo is printed as one
// compact JSON document per line. line: each line is the text (empty lines send nothing
// and are skipped). raw: the bytes of each line; on a stream the echo is read until as
// many bytes came back, on udp / unix-dgram it is the one datagram that comes back (a
// datagram lost on the way is reported as a missing echo after --timeout). Exit 0 at the
// end of the input; a message on stderr and exit 1 on any error (exit 2 for a bad command
// line). Built on easynet::clients::async_tcp_network_client (TLS verified against
// --cafile or the system store), async_unix_stream_client, async_udp_network_client and
// async_unix_datagram_client (bound to an abstract address chosen by the kernel).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_errors.hpp"
#include "echo_format.hpp"
#include "echo_options.hpp"

#include <easynet/exceptions/core.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/clients/async_tcp_network_client.hpp>
#include <easynet/clients/async_udp_network_client.hpp>
#include <easynet/clients/async_unix_datagram_client.hpp>
#include <easynet/clients/async_unix_stream_client.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <boost/system/system_error.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <variant>

namespace backend = easynet::lowlevel::api_async::backend;
namespace clients = easynet::clients;
using namespace easynet_echo;

namespace {

constexpr const char* program = "easynet-echo-client";

/// A failure the client reports as is (no exception type in the message).
class client_failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string seconds_text(double seconds)
{
    std::ostringstream text;
    text << seconds << " s";
    return text.str();
}

template <class Protocol>
constexpr bool is_datagram_protocol =
    std::is_same_v<Protocol, document_datagram_protocol> || std::is_same_v<Protocol, text_datagram_protocol>;

template <class Protocol>
using client_ptr = std::unique_ptr<
    clients::abc::async_network_client<typename Protocol::sent_packet_type, typename Protocol::received_packet_type>>;

/// The async client of `options.transport` (not connected yet).
template <class Protocol>
client_ptr<Protocol> make_client(const echo_options& options, const Protocol& protocol)
{
    using packet_type = typename Protocol::received_packet_type;
    if constexpr (is_datagram_protocol<Protocol>) {
        if (options.transport == transport::udp)
            return std::make_unique<clients::async_udp_network_client<packet_type, packet_type>>(
                options.host, *options.port, protocol);
        return std::make_unique<clients::async_unix_datagram_client<packet_type, packet_type>>(options.path, protocol);
    } else {
        if (options.transport == transport::tcp) {
            clients::async_tcp_client_options tcp;
            if (options.tls) {
                tcp.ssl = easynet::lowlevel::ssl::create_default_client_context(options.cafile);
                tcp.ssl_handshake_timeout = backend::seconds(options.timeout);
            }
            return std::make_unique<clients::async_tcp_network_client<packet_type, packet_type>>(
                options.host, *options.port, protocol, tcp);
        }
        return std::make_unique<clients::async_unix_stream_client<packet_type, packet_type>>(options.path, protocol);
    }
}

/// The async client of `options`, connected (before the first line is read).
template <class Protocol>
client_ptr<Protocol> connect(const echo_options& options, const Protocol& protocol)
{
    client_ptr<Protocol> client;
    try {
        client = make_client(options, protocol);
        backend::timeout(backend::seconds(options.timeout), [&] { client->wait_connected(); });
    } catch (const easynet::timeout_error&) {
        throw client_failure("cannot connect: timed out");
    } catch (const std::exception& error) {
        throw client_failure("cannot connect: " + describe_error(error));
    }
    return client;
}

template <class Packet>
Packet packet_from_line(const std::string& line, std::size_t line_number)
{
    if constexpr (std::is_same_v<Packet, boost::json::value>) {
        try {
            return parse_document_line(line);
        } catch (const std::exception& error) {
            throw client_failure("input line " + std::to_string(line_number) + ": " + error.what());
        }
    } else {
        return line;
    }
}

template <class Packet>
std::string packet_to_text(const Packet& packet)
{
    if constexpr (std::is_same_v<Packet, boost::json::value>)
        return document_to_text(packet);
    else
        return packet;
}

template <class Protocol>
void run_client(const echo_options& options, const Protocol& protocol)
{
    using packet_type = typename Protocol::received_packet_type;
    constexpr bool is_chunked = std::is_same_v<Protocol, chunk_protocol>;
    auto client = connect(options, protocol);

    std::string line;
    for (std::size_t line_number = 1; std::getline(std::cin, line); ++line_number) {
        if (line.empty())
            continue; // a document needs text; an empty line sends nothing
        packet_type packet = packet_from_line<packet_type>(line, line_number);
        try {
            client->send_packet(packet);
        } catch (const easynet::protocol_crash_error&) {
            throw client_failure("input line " + std::to_string(line_number) + ": cannot be encoded as " +
                                 std::string(to_string(options.format)));
        }
        std::string echo;
        try {
            backend::timeout(backend::seconds(options.timeout), [&] {
                if constexpr (is_chunked) {
                    while (echo.size() < packet.size())
                        echo += client->recv_packet();
                } else {
                    echo = packet_to_text(client->recv_packet());
                }
            });
        } catch (const easynet::timeout_error&) {
            throw client_failure("no echo for input line " + std::to_string(line_number) + " within " +
                                 seconds_text(options.timeout));
        } catch (const easynet::base_protocol_parse_error& error) {
            throw client_failure("cannot decode the echo of input line " + std::to_string(line_number) + ": " +
                                 error.what());
        } catch (const boost::system::system_error& error) {
            if (error.code() == boost::system::errc::connection_aborted)
                throw client_failure("the server closed the connection (input line " + std::to_string(line_number) + ")");
            throw client_failure("connection error: " + describe_error(error));
        } catch (const std::exception& error) {
            throw client_failure("connection error: " + describe_error(error));
        }
        std::cout << echo << '\n' << std::flush;
    }
    client->aclose();
}

} // namespace

int main(int argc, char* argv[])
{
    echo_options options;
    try {
        options = parse_command_line(argc, argv, role::client);
    } catch (const usage_error& error) {
        std::cerr << program << ": error: " << error.what() << '\n' << usage(role::client);
        return exit_usage;
    }
    if (options.help) {
        std::cout << usage(role::client);
        return exit_ok;
    }
    try {
        backend::bootstrap([&] {
            if (options.transport == transport::udp || options.transport == transport::unix_dgram) {
                const echo_datagram_protocol protocol = make_echo_datagram_protocol(options.format, options.wrap);
                std::visit([&](const auto& p) { run_client(options, p); }, protocol);
            } else {
                const echo_protocol protocol = make_echo_protocol(options.format, options.wrap);
                std::visit([&](const auto& p) { run_client(options, p); }, protocol);
            }
        });
    } catch (const client_failure& error) {
        std::cerr << program << ": error: " << error.what() << '\n';
        return exit_error;
    } catch (const std::exception& error) {
        std::cerr << program << ": error: " << describe_error(error) << '\n';
        return exit_error;
    }
    return exit_ok;
}
