#include <easynet/clients/tcp_network_client.hpp>

#include "client_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>
#include <easynet_test/tls_files.hpp>

#include <boost/test/unit_test.hpp>

#include <poll.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// The sync TLS client (Y6, K4) against an easynet TLS listener run by a loop in another
// thread: hence the `_mt` stem.

using namespace clients_test;
using client_type = clients::tcp_network_client<std::string>;

namespace {

/** A TLS server on 127.0.0.1 (test certificate) run by a loop in its own thread. Each
    connection is served by `serve(transport)`, whose result describes how it went; the
    server stops after `connections` served connections. */
class tls_test_server {
public:
    using handler = std::function<std::string(transports::async_stream_transport&)>;

    tls_test_server(int connections, handler serve)
    {
        std::promise<std::uint16_t> port;
        auto ready = port.get_future();
        thread_ = std::thread([this, connections, serve = std::move(serve), &port] {
            backend::bootstrap([&] {
                backend::with_task_group([&](backend::task_group& tg) {
                    auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
                    port.set_value(listeners.at(0)->extra(lowlevel::socket_attribute::local_address).as_inet().port());
                    transports::tls_listener_options options;
                    options.handshake_error_handler = [this](std::exception_ptr) { ++failed_handshakes; };
                    auto listener = std::make_shared<transports::async_tls_listener>(
                        std::move(listeners.at(0)), easynet_test::tls_server_context(), options);
                    tg.start_soon([&, listener] {
                        listener->serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                            std::string outcome;
                            try {
                                outcome = serve(*t);
                            } catch (const std::exception& e) {
                                outcome = std::string("error: ") + e.what();
                            }
                            {
                                std::lock_guard guard(mutex_);
                                outcomes_.push_back(outcome);
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
    ~tls_test_server() { join(); }

    std::uint16_t port() const noexcept { return port_; }

    /// Waits for the server's end; what each served connection's handler returned.
    std::vector<std::string> outcomes()
    {
        join();
        return outcomes_;
    }

    std::atomic<int> failed_handshakes{0};
    std::atomic<int> served{0};

private:
    void join()
    {
        if (thread_.joinable())
            thread_.join();
    }

    std::thread thread_;
    std::uint16_t port_ = 0;
    std::mutex mutex_;
    std::vector<std::string> outcomes_;
};

/** Echoes until the client's end of stream: "close_notify" when the client closed the TLS
    session (then answers it), "eof without close_notify" for a bare TCP end. */
std::string echo(transports::async_stream_transport& t)
{
    try {
        for (std::string data = t.recv(1024); !data.empty(); data = t.recv(1024))
            t.send_all(data);
    } catch (const boost::system::system_error& e) {
        if (e.code() != boost::asio::ssl::error::stream_truncated)
            throw;
        t.aclose();
        return "eof without close_notify";
    }
    t.aclose();
    return "close_notify";
}

/// Echoes one chunk, then neither reads nor closes until the client's socket is gone
/// (its close_notify stays unanswered); returns how long it waited for that, in seconds.
std::string echo_once_then_ignore_close_notify(transports::async_stream_transport& t)
{
    t.send_all(t.recv(1024));
    const int fd = t.extra(lowlevel::socket_attribute::socket).fileno();
    backend::run_in_thread([fd] {
        pollfd p{fd, POLLRDHUP, 0};
        ::poll(&p, 1, 10000);
    });
    easynet::lowlevel::api_async::transports::aclose_forcefully(t);
    return "ignored";
}

} // namespace

BOOST_AUTO_TEST_SUITE(tcp_network_client_tls_mt)

BOOST_AUTO_TEST_CASE(tls_handshake_in_the_constructor_verification_and_echo_Y6_K4)
{
    tls_test_server server(1, echo);
    // Verification is on by default: the system trust store does not know the test CA.
    BOOST_TEST(message_of<boost::system::system_error>([&] {
                   client_type c("127.0.0.1", server.port(), line_protocol(),
                                 {.connect_timeout = 5s, .ssl = clients::use_default_ssl_context,
                                  .server_hostname = "localhost", .ssl_handshake_timeout = 5s});
               }).find("certificate verify failed") != std::string::npos);
    client_type client("127.0.0.1", server.port(), line_protocol(),
                       {.connect_timeout = 5s, .ssl = easynet_test::tls_client_context(), .ssl_handshake_timeout = 5s});
    client.send_packet("sync tls", 5s);
    BOOST_TEST(client.recv_packet(5s) == "sync tls");
    BOOST_CHECK_THROW(client.send_eof(), easynet::unsupported_operation);
    BOOST_TEST(client.fileno() >= 0);
    client.close(); // close_notify exchange (standard_compatible)
    BOOST_TEST(client.fileno() == -1);
    BOOST_TEST(server.outcomes() == (std::vector<std::string>{"close_notify"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(close_without_standard_compatible_sends_no_close_notify_Y6_K3)
{
    tls_test_server server(1, echo);
    client_type client("127.0.0.1", server.port(), line_protocol(),
                       {.connect_timeout = 5s, .ssl = easynet_test::tls_client_context(), .server_hostname = "localhost",
                        .ssl_handshake_timeout = 5s, .ssl_standard_compatible = false});
    client.send_packet("ragged", 5s);
    BOOST_TEST(client.recv_packet(5s) == "ragged");
    client.close();
    BOOST_TEST(client.fileno() == -1);
    BOOST_TEST(server.outcomes() == (std::vector<std::string>{"eof without close_notify"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(close_is_bounded_by_the_shutdown_timeout_when_the_peer_never_answers_Y6_K3)
{
    tls_test_server server(1, echo_once_then_ignore_close_notify);
    client_type client("127.0.0.1", server.port(), line_protocol(),
                       {.connect_timeout = 5s, .ssl = easynet_test::tls_client_context(), .server_hostname = "localhost",
                        .ssl_handshake_timeout = 5s, .ssl_shutdown_timeout = 300ms});
    client.send_packet("hello", 5s);
    BOOST_TEST(client.recv_packet(5s) == "hello");
    const auto start = std::chrono::steady_clock::now();
    client.close(); // sends close_notify, waits for the answer that never comes
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(client.fileno() == -1);
    BOOST_TEST(elapsed >= 0.25);
    BOOST_TEST(elapsed < 5.0);
    BOOST_TEST(server.outcomes() == (std::vector<std::string>{"ignored"}), boost::test_tools::per_element());
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
