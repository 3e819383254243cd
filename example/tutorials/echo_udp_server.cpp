//
// Tutorial: a JSON echo server over UDP (EasyNetwork's echo_client_server_udp tutorial).
//
// Each datagram holds one JSON document (no newline: a datagram is a packet); the server
// prints who sent what and sends the document back to its sender. A datagram that is not
// JSON is answered with an error object, {"error":"Invalid JSON","code":"parse_error"}.
// handle() runs once per datagram: the first recv_request() of a call returns the datagram
// that started it.
//
//   easynet-example-echo-udp-server [PORT [HOST]]     (default: port 9000, every interface)
//
// Prints "Listening on ADDRESS" for each listening address; Ctrl-C ends it.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/exceptions/protocol.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/protocol/datagram_protocol.hpp>
#include <easynet/serializers/json_serializer.hpp>
#include <easynet/servers/async_udp_network_server.hpp>
#include <easynet/servers/client_attributes.hpp>
#include <easynet/servers/datagram_request_handler.hpp>

#include <boost/json.hpp>

#include <iostream>
#include <memory>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;
using json = boost::json::value;

// (1) The protocol: one JSON document per datagram.
easynet::protocol::datagram_protocol<json> json_protocol()
{
    return easynet::protocol::datagram_protocol<json>(std::make_shared<easynet::serializers::json_serializer<>>());
}

// (2) The request handler.
class echo_request_handler final : public servers::async_datagram_request_handler<json, json> {
public:
    void handle(client_type& client) override
    {
        json request;
        try {
            request = client.recv_request();
        } catch (const easynet::datagram_protocol_parse_error&) {
            client.send_packet(boost::json::object{{"error", "Invalid JSON"}, {"code", "parse_error"}});
            return;
        }
        const auto peer = client.extra(servers::inet_client_attribute::remote_address);
        std::cout << peer.to_string() << " sent " << boost::json::serialize(request) << std::endl;
        client.send_packet(request);
    }
};

// (3) The server.
int main(int argc, char* argv[])
{
    const auto port = static_cast<std::uint16_t>(argc > 1 ? std::stoi(argv[1]) : 9000);
    const std::string host = argc > 2 ? argv[2] : ""; // "": IPv4 and IPv6, every interface
    try {
        backend::bootstrap([&] {
            servers::async_udp_network_server<json, json> server(host, port, json_protocol(),
                                                                 std::make_shared<echo_request_handler>());
            server.server_activate();
            for (const auto& address : server.get_addresses())
                std::cout << "Listening on " << address.to_string() << std::endl;
            server.serve_forever();
        });
    } catch (const std::exception& error) {
        std::cerr << "echo server: " << error.what() << '\n';
        return 1;
    }
}
