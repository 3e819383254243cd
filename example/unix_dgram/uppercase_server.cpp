//
// A Unix datagram server, EasyNetwork's alternatives/unix_sockets "unix_datagram_servers"
// guide: each datagram is a UTF-8 text; the server answers its sender with the text in
// upper case (ASCII letters), prefixed by the sender's name as the server sees it.
//
// A datagram socket can only be answered when it has a name: bind it to a path, or (on
// Linux) let the kernel give it an abstract name (autobind, what easynet's
// unix_datagram_client does by default). Datagrams from unnamed sockets are dropped with
// a warning on stderr (unnamed_addresses_behavior::warn, SEMANTICS D11).
//
//   easynet-example-unix-dgram-server SOCKETPATH
//
// Prints "Listening on SOCKETPATH"; Ctrl-C ends it (the socket file is removed by the
// server when it closes; a killed server leaves it behind).
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/exceptions/protocol.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/servers/async_unix_datagram_server.hpp>
#include <easynet/servers/client_attributes.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <memory>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::cerr << "usage: easynet-example-unix-dgram-server SOCKETPATH\n";
        return 2;
    }
    // One UTF-8 text per datagram (the line serializer's one-shot form: no newline).
    easynet::protocol::datagram_protocol<std::string> protocol(std::make_shared<easynet::serializers::string_line_serializer>(
        easynet::serializers::string_line_options{.encoding = easynet::serializers::text_encoding::utf8}));

    // A lambda is a handler too: called once per datagram, with the sender as `client`.
    auto uppercase = [](auto& client) {
        std::string text;
        try {
            text = client.recv_request();
        } catch (const easynet::datagram_protocol_parse_error&) {
            client.send_packet("error: not UTF-8 text");
            return;
        }
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        const auto peer = client.extra(servers::unix_client_attribute::peer_name);
        client.send_packet(peer.to_string() + ": " + text);
    };

    servers::unix_datagram_server_options options;
    options.unnamed_addresses = servers::unnamed_addresses_behavior::warn;
    try {
        backend::bootstrap([&] {
            servers::async_unix_datagram_server<std::string, std::string> server(argv[1], protocol, uppercase,
                                                                                 options);
            server.server_activate();
            for (const auto& address : server.get_addresses())
                std::cout << "Listening on " << address.to_string() << std::endl;
            server.serve_forever();
        });
    } catch (const std::exception& error) {
        std::cerr << "unix datagram server: " << error.what() << '\n';
        return 1;
    }
}
