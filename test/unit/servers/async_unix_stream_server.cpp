#include <easynet/servers/async_unix_stream_server.hpp>

#include "server_test_support.hpp"

#include <easynet/lowlevel/socket/socket_ancillary.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using easynet::lowlevel::raw_ancillary_message;
using easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::unix_socket_address;
using namespace servers_test;

namespace {

using server_type = servers::async_unix_stream_server<std::string, std::string>;
using client_type = server_type::client_type;

} // namespace

BOOST_AUTO_TEST_SUITE(async_unix_stream_server)

BOOST_AUTO_TEST_CASE(echo_and_peer_credentials_attribute_A5)
{
    easynet_test::temp_dir dir;
    const auto path = dir / "s.sock";
    easynet_test::run([&] {
        server_type server(unix_socket_address(path.string()), line_protocol(), [](client_type& client) {
            auto request = client.recv_request();
            auto creds = client.extra(servers::unix_client_attribute::peer_credentials);
            client.send_packet(request + " uid=" + std::to_string(creds.uid));
        });
        with_server(server, [&] {
            BOOST_TEST(server.get_addresses().size() == 1u);
            BOOST_TEST(server.get_sockets().size() == 1u);
            auto ep = connect(path);
            ep.send_packet("hi");
            BOOST_TEST(ep.recv_packet() == "hi uid=" + std::to_string(::getuid()));
            ep.aclose();
        });
    });
}

BOOST_AUTO_TEST_CASE(handler_receives_three_fds_and_partial_read_raises_eof_error_item_48_A2)
{
    easynet_test::temp_dir dir;
    const auto path = dir / "s.sock";
    easynet_test::run([&] {
        std::atomic<int> fds_received{0};
        std::atomic<int> partial{0};
        server_type server(unix_socket_address(path.string()), line_protocol(), [&](client_type& client) {
            easynet::lowlevel::recv_params params;
            params.recv_with_ancillary = easynet::lowlevel::recv_ancillary_data_params{
                [&](std::vector<raw_ancillary_message> messages) {
                    socket_ancillary ancillary;
                    ancillary.update_from_raw(messages);
                    for (int fd : ancillary.take_fds()) {
                        ++fds_received;
                        ::close(fd);
                    }
                }};
            try {
                auto request = client.recv_request(params);
                client.send_packet("got " + request);
            } catch (const easynet::eof_error& e) {
                ++partial;
                client.send_packet(e.what());
            }
        });
        with_server(server, [&] {
            auto ep = connect(path);
            std::vector<int> fds;
            for (int i = 0; i < 3; ++i)
                fds.push_back(::open("/dev/null", O_RDONLY | O_CLOEXEC));
            socket_ancillary ancillary;
            ancillary.add_fds(fds);
            const auto raw = ancillary.as_raw();
            const std::string_view data[] = {"files\n"};
            ep.transport().send_all_with_ancillary(data, raw);
            BOOST_TEST(ep.recv_packet() == "got files");
            ep.transport().send_all("partial");
            BOOST_TEST(ep.recv_packet() == "Received partial packet data");
            for (int fd : fds)
                ::close(fd);
            ep.aclose();
        });
        BOOST_TEST(fds_received.load() == 3);
        BOOST_TEST(partial.load() == 1);
    });
}

BOOST_AUTO_TEST_CASE(socket_file_unlinked_on_close_but_recreated_file_kept_L8)
{
    easynet_test::temp_dir dir;
    const auto path = dir / "s.sock";
    easynet_test::run([&] {
        server_type first(unix_socket_address(path.string()), line_protocol(), [](client_type& c) { c.recv_request(); });
        first.server_activate();
        BOOST_TEST(std::filesystem::exists(path));
        first.server_close();
        BOOST_TEST(!std::filesystem::exists(path));

        server_type second(unix_socket_address(path.string()), line_protocol(), [](client_type& c) { c.recv_request(); });
        second.server_activate();
        std::filesystem::remove(path);
        std::ofstream(path) << "someone else's";
        second.server_close();
        BOOST_TEST(std::filesystem::exists(path)); // a different inode: kept
    });
}

BOOST_AUTO_TEST_SUITE_END()
