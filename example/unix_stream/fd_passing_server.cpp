//
// A Unix stream server receiving file descriptors (SCM_RIGHTS), EasyNetwork's
// alternatives/unix_sockets "unix_stream_servers" guide.
//
// A client sends the line "read" together with an open file descriptor; the server reads
// the file through that descriptor and answers with its first line ("empty" for an empty
// file, "no descriptor" when none came). Lines are UTF-8, ended by '\n'.
//
//   easynet-example-unix-fd-server SOCKETPATH
//
// Prints "Listening on SOCKETPATH"; Ctrl-C ends it.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/exceptions/protocol.hpp>
#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/line_serializer.hpp>
#include <easynet/servers/async_unix_stream_server.hpp>
#include <easynet/servers/client_attributes.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

namespace backend = easynet::lowlevel::api_async::backend;
namespace servers = easynet::servers;
namespace lowlevel = easynet::lowlevel;

easynet::protocol::stream_protocol<std::string> line_protocol()
{
    return easynet::protocol::stream_protocol<std::string>(std::make_shared<easynet::serializers::string_line_serializer>(
        easynet::serializers::string_line_options{.encoding = easynet::serializers::text_encoding::utf8}));
}

/// The first line of the file open at `fd` (read from its start; the descriptor is closed).
std::string first_line(int fd)
{
    std::string text(4096, '\0');
    const ssize_t n = ::pread(fd, text.data(), text.size(), 0);
    ::close(fd);
    if (n <= 0)
        return "empty";
    text.resize(static_cast<std::size_t>(n));
    return text.substr(0, text.find('\n'));
}

class fd_request_handler final : public servers::async_stream_request_handler<std::string, std::string> {
public:
    void handle(client_type& client) override
    {
        // The descriptors arrive with the bytes of the request: read both with one recvmsg.
        lowlevel::socket_ancillary ancillary; // closes any descriptor not taken out
        lowlevel::recv_params params;
        params.recv_with_ancillary = lowlevel::recv_ancillary_data_params{
            [&](std::vector<lowlevel::raw_ancillary_message> messages) { ancillary.update_from_raw(messages); }};
        std::string request;
        try {
            request = client.recv_request(params);
        } catch (const easynet::stream_protocol_parse_error&) {
            client.send_packet("bad request");
            return;
        }
        if (request != "read") {
            client.send_packet("unknown command");
            return;
        }
        std::vector<lowlevel::native_socket_handle> fds = ancillary.take_fds();
        if (fds.empty()) {
            client.send_packet("no descriptor");
            return;
        }
        for (std::size_t i = 1; i < fds.size(); ++i)
            ::close(fds[i]);
        const auto peer = client.extra(servers::unix_client_attribute::peer_credentials);
        std::cout << "pid " << peer.pid.value_or(-1) << " passed descriptor " << fds.front() << std::endl;
        client.send_packet(first_line(fds.front()));
    }
};

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::cerr << "usage: easynet-example-unix-fd-server SOCKETPATH\n";
        return 2;
    }
    try {
        backend::bootstrap([&] {
            servers::async_unix_stream_server<std::string, std::string> server(argv[1], line_protocol(),
                                                                               std::make_shared<fd_request_handler>());
            server.server_activate();
            for (const auto& address : server.get_addresses())
                std::cout << "Listening on " << address.to_string() << std::endl;
            server.serve_forever();
        });
    } catch (const std::exception& error) {
        std::cerr << "fd server: " << error.what() << '\n';
        return 1;
    }
}
