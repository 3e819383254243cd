#include <easynet/clients/tcp_network_client.hpp>

#include "client_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <future>
#include <string>
#include <thread>

// The sync TLS client (Y6, K4) against an easynet TLS listener run by a loop in another
// thread: hence the `_mt` stem.

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
namespace clients = easynet::clients;
namespace lowlevel = easynet::lowlevel;
using namespace clients_test;
using namespace std::chrono_literals;
using client_type = clients::tcp_network_client<std::string>;

namespace {

std::string data_file(const std::string& name) { return std::string(EASYNET_TEST_DATA_DIR) + "/tls/" + name; }

/// An echo TLS server on 127.0.0.1 in its own thread; it stops after `connections` echoed
/// connections ended.
class tls_echo_server {
public:
    explicit tls_echo_server(int connections)
    {
        std::promise<std::uint16_t> port;
        auto ready = port.get_future();
        thread_ = std::thread([this, connections, &port] {
            backend::bootstrap([&] {
                backend::with_task_group([&](backend::task_group& tg) {
                    auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
                    port.set_value(listeners.at(0)->extra(lowlevel::socket_attribute::local_address).as_inet().port());
                    transports::tls_listener_options options;
                    options.handshake_error_handler = [this](std::exception_ptr) { ++failed_handshakes; };
                    auto listener = std::make_shared<transports::async_tls_listener>(
                        std::move(listeners.at(0)),
                        lowlevel::ssl::create_server_context(data_file("server.pem"), data_file("server.key")), options);
                    tg.start_soon([&, listener] {
                        listener->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                            try {
                                for (std::string data = t->recv(1024); !data.empty(); data = t->recv(1024))
                                    t->send_all(data);
                                t->aclose();
                            } catch (const std::exception&) {
                            }
                            if (++served == connections)
                                tg.cancel();
                        });
                    });
                });
            });
        });
        port_ = ready.get();
    }
    ~tls_echo_server() { thread_.join(); }

    std::uint16_t port() const noexcept { return port_; }
    std::atomic<int> failed_handshakes{0};
    std::atomic<int> served{0};

private:
    std::thread thread_;
    std::uint16_t port_ = 0;
};

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_network_client_tls_mt)

BOOST_AUTO_TEST_CASE(tls_handshake_in_the_constructor_verification_and_echo_Y6_K4)
{
    tls_echo_server server(1);
    // Verification is on by default: the system trust store does not know the test CA.
    BOOST_TEST(message_of<boost::system::system_error>([&] {
                   client_type c("127.0.0.1", server.port(), line_protocol(),
                                 {.connect_timeout = 5s, .ssl = clients::use_default_ssl_context,
                                  .server_hostname = "localhost", .ssl_handshake_timeout = 5s});
               }).find("certificate verify failed") != std::string::npos);
    auto context = lowlevel::ssl::create_default_client_context(data_file("ca.pem"));
    client_type client("127.0.0.1", server.port(), line_protocol(),
                       {.connect_timeout = 5s, .ssl = context, .ssl_handshake_timeout = 5s});
    client.send_packet("sync tls", 5s);
    BOOST_TEST(client.recv_packet(5s) == "sync tls");
    BOOST_CHECK_THROW(client.send_eof(), easynet::unsupported_operation);
    BOOST_TEST(client.fileno() >= 0);
    client.close(); // close_notify exchange (standard_compatible)
    BOOST_TEST(client.fileno() == -1);
}

BOOST_AUTO_TEST_CASE(tls_only_options_without_ssl_are_refused_K2)
{
    tcp_listener server;
    BOOST_TEST(message_of<std::invalid_argument>([&] {
                   client_type c("127.0.0.1", server.port(), line_protocol(), {.server_hostname = "x"});
               }) == "server_hostname is only meaningful with ssl");
    int fd = connect_raw(server.port());
    BOOST_TEST(message_of<std::invalid_argument>([&] {
                   client_type c(fd, line_protocol(), {.ssl = clients::use_default_ssl_context});
               }) == "You must set server_hostname when using ssl without a host");
    BOOST_TEST(!is_open(fd));
    while (server.has_pending(50))
        ::close(server.accept());
}

BOOST_AUTO_TEST_SUITE_END()
