//
// Tutorial: the control channel of an FTP server (RFC 959), EasyNetwork's ftp_server
// tutorial. Requests and replies are CRLF-terminated ASCII lines; two converters turn
// them into `ftp_request` / `ftp_reply` objects, stapled into one protocol.
//
//   easynet-example-ftp-server [PORT [HOST]]     (default: port 21000, every interface)
//
// Prints "Listening on ADDRESS" for each listening address; Ctrl-C ends it. Try it with
// `telnet localhost 21000`: NOOP → 200, QUIT → 221 and the connection closes, any other
// known command → 502, an unknown one → 500 (commands are case-insensitive).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/converter/function_packet_converter.hpp>
#include <easynet/converter/stapled_packet_converter.hpp>
#include <easynet/exceptions/protocol.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/servers/async_tcp_network_server.hpp>
#include <easynet/servers/client_attributes.hpp>

#include <boost/core/demangle.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;

// (1) The commands of RFC 959.
constexpr std::array<std::string_view, 33> ftp_commands{
    "ABOR", "ACCT", "ALLO", "APPE", "CDUP", "CWD",  "DELE", "HELP", "LIST", "MKD",  "MODE",
    "NLST", "NOOP", "PASS", "PASV", "PORT", "PWD",  "QUIT", "REIN", "REST", "RETR", "RMD",
    "RNFR", "RNTO", "SITE", "SMNT", "STAT", "STOR", "STOU", "STRU", "SYST", "TYPE", "USER"};

// (2) Requests and replies.
struct ftp_request {
    std::string command; // one of ftp_commands
    std::vector<std::string> args;
};

struct ftp_reply {
    int code;
    std::string message;

    static ftp_reply ok() { return {200, "Command okay."}; }
    static ftp_reply service_ready_for_new_user() { return {220, "Service ready for new user."}; }
    static ftp_reply closing_control_connection() { return {221, "Service closing control connection."}; }
    static ftp_reply connection_close_unexpectedly() { return {421, "Service not available, closing control connection."}; }
    static ftp_reply syntax_error() { return {500, "Syntax error, command unrecognized."}; }
    static ftp_reply not_implemented_error() { return {502, "Command not implemented."}; }
};

// (3) Converters: a line → ftp_request ("Command unrecognized: ..." for an unknown
// command), ftp_reply → "%03d message".
ftp_request request_from_line(std::string line)
{
    std::istringstream words(line);
    ftp_request request;
    words >> request.command;
    std::transform(request.command.begin(), request.command.end(), request.command.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (std::find(ftp_commands.begin(), ftp_commands.end(), request.command) == ftp_commands.end())
        throw easynet::packet_conversion_error("Command unrecognized: '" + request.command + "'");
    for (std::string arg; words >> arg;)
        request.args.push_back(arg);
    return request;
}

std::string reply_to_line(const ftp_reply& reply)
{
    char code[8];
    std::snprintf(code, sizeof code, "%03d", reply.code);
    return std::string(code) + " " + reply.message;
}

using ftp_protocol = easynet::protocol::stream_protocol<ftp_reply, ftp_request>;

ftp_protocol make_ftp_protocol()
{
    namespace converter = easynet::converter;
    auto requests = converter::make_packet_converter<ftp_request, std::string>(
        [](const ftp_request&) -> std::string { throw std::logic_error("requests are never sent"); }, request_from_line);
    auto replies = converter::make_packet_converter<ftp_reply, std::string>(
        reply_to_line, [](std::string) -> ftp_reply { throw std::logic_error("replies are never received"); });
    auto stapled = std::make_shared<const converter::stapled_packet_converter<ftp_reply, ftp_request, std::string, std::string>>(
        replies, requests);
    auto lines = std::make_shared<const easynet::serializers::string_line_serializer>(
        easynet::serializers::string_line_options{.newline = easynet::serializers::line_separator::crlf,
                                                  .encoding = easynet::serializers::text_encoding::ascii});
    return ftp_protocol(lines, stapled);
}

// (4) The request handler.
class ftp_request_handler final : public servers::async_stream_request_handler<ftp_request, ftp_reply> {
public:
    void service_init(servers::exit_stack&, servers::async_base_server&) override
    {
        logger_.emplace("ftp_server");
    }

    void on_connection(client_type& client) override
    {
        client.send_packet(ftp_reply::service_ready_for_new_user());
    }

    void on_disconnection(client_type& client) override
    {
        if (client.is_closing())
            return;
        try {
            client.send_packet(ftp_reply::connection_close_unexpectedly());
        } catch (const std::exception&) {
            // the connection is already gone
        }
    }

    void handle(client_type& client) override
    {
        std::optional<ftp_request> request;
        try {
            request = client.recv_request();
        } catch (const easynet::stream_protocol_parse_error& error) {
            const auto& cause = error.error();
            logger_->warning(client.address().to_string() + ": " + boost::core::demangle(typeid(cause).name()) + ": " +
                             cause.what());
            client.send_packet(ftp_reply::syntax_error());
            return;
        }
        std::cout << client.address().to_string() << ": " << request->command << std::endl;
        if (request->command == "NOOP") {
            client.send_packet(ftp_reply::ok());
        } else if (request->command == "QUIT") {
            client.send_packet(ftp_reply::closing_control_connection());
            client.aclose();
        } else {
            client.send_packet(ftp_reply::not_implemented_error());
        }
    }

private:
    std::optional<easynet::logger> logger_;
};

// (5) The server.
int main(int argc, char* argv[])
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::stoi(argv[1]) : 21000);
    const std::string host = argc > 2 ? argv[2] : "";
    try {
        backend::bootstrap([&] {
            servers::async_tcp_network_server<ftp_request, ftp_reply> server(host, port, make_ftp_protocol(),
                                                                             std::make_shared<ftp_request_handler>());
            server.server_activate();
            for (const auto& address : server.get_addresses())
                std::cout << "Listening on " << address.to_string() << std::endl;
            server.serve_forever();
        });
    } catch (const std::exception& error) {
        std::cerr << "ftp server: " << error.what() << '\n';
        return 1;
    }
}
