// The blocking TLS transport; both ends run in OS threads (label "threads": TSan in CI).
#include <easynet/lowlevel/api_sync/transports/ssl_stream_transport.hpp>

#include "tls_support.hpp"

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/ssl.h>
#include <poll.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace sync_transports = easynet::lowlevel::api_sync::transports;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::tls_attribute;
using sync_transports::ssl_stream_transport;
using sync_transports::ssl_transport_options;
using tls_test::client_context;
using tls_test::pattern;
using tls_test::server_context;
using namespace std::chrono_literals;

namespace {

constexpr sync_transports::seconds timeout{10};

double now()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::unique_ptr<sync_transports::socket_stream_transport> socket_transport(int fd, sync_transports::seconds retry = 1s)
{
    return std::make_unique<sync_transports::socket_stream_transport>(fd, retry);
}

ssl_transport_options client_options()
{
    ssl_transport_options options;
    options.server_hostname = "localhost";
    options.handshake_timeout = timeout;
    options.shutdown_timeout = timeout;
    return options;
}

ssl_transport_options server_options()
{
    ssl_transport_options options;
    options.server_side = true;
    options.handshake_timeout = timeout;
    options.shutdown_timeout = timeout;
    return options;
}

struct sync_pair {
    std::unique_ptr<ssl_stream_transport> client;
    std::unique_ptr<ssl_stream_transport> server;
};

/// Both handshakes at once: the server's in a thread.
sync_pair make_pair(const ssl_transport_options& client = client_options(),
                    const ssl_transport_options& server = server_options(), sync_transports::seconds retry = 1s)
{
    auto fds = tls_test::tcp_socket_pair();
    auto server_side = std::async(std::launch::async, [&] {
        return std::make_unique<ssl_stream_transport>(socket_transport(fds.server, retry), server_context(), server);
    });
    sync_pair pair;
    pair.client = std::make_unique<ssl_stream_transport>(socket_transport(fds.client, retry), client_context(), client);
    pair.server = server_side.get();
    return pair;
}

std::string recv_exactly(sync_transports::stream_read_transport& t, std::size_t size)
{
    std::string data;
    std::string chunk(64 * 1024, '\0');
    while (data.size() < size) {
        std::size_t n = t.recv_into(std::span<char>(chunk.data(), std::min(chunk.size(), size - data.size())), timeout);
        if (n == 0)
            break;
        data.append(chunk.data(), n);
    }
    return data;
}

bool is_truncated(const boost::system::system_error& e) { return e.code() == boost::asio::ssl::error::stream_truncated; }

} // namespace

BOOST_AUTO_TEST_SUITE(ssl_stream_transport_mt)

BOOST_AUTO_TEST_CASE(handshake_in_the_constructor_then_echo_of_1_byte_to_1_MiB_Y6)
{
    auto pair = make_pair();
    auto echo = std::async(std::launch::async, [&] {
        std::vector<char> buffer(40000);
        for (;;) {
            std::size_t n = pair.server->recv_into(buffer, timeout);
            if (n == 0) {
                pair.server->close(); // our close_notify ends the client's close()
                return;
            }
            pair.server->send_all(std::string_view(buffer.data(), n), timeout);
        }
    });
    for (std::size_t size : {1u, 100u, 16384u, 16385u, 70000u, 1024u * 1024u}) {
        const std::string data = pattern(size, static_cast<unsigned>(size));
        auto sender = std::async(std::launch::async, [&] { pair.client->send_all(data, timeout); });
        std::string echoed = recv_exactly(*pair.client, size);
        sender.get();
        BOOST_TEST_INFO("size " << size);
        BOOST_TEST((echoed == data));
    }
    const double start = now();
    pair.client->close(); // close_notify: the echo thread reads a clean EOF, answers
    echo.get();
    BOOST_TEST(now() - start < 5.0);
    BOOST_TEST(pair.client->is_closed());
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_keeps_the_order)
{
    auto pair = make_pair();
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < 200; ++i)
        pieces.push_back(pattern(i % 9 == 0 ? 17000 + i : i, static_cast<unsigned>(i)));
    std::vector<std::string_view> views(pieces.begin(), pieces.end());
    std::string expected;
    for (const auto& p : pieces)
        expected += p;
    auto sender = std::async(std::launch::async, [&] { pair.client->send_all_from_iterable(views, timeout); });
    std::string received = recv_exactly(*pair.server, expected.size());
    sender.get();
    BOOST_TEST((received == expected));
}

BOOST_AUTO_TEST_CASE(handshake_timeout_against_a_silent_peer_Y6)
{
    auto fds = tls_test::tcp_socket_pair();
    auto options = client_options();
    options.handshake_timeout = 200ms;
    const double start = now();
    BOOST_CHECK_THROW(ssl_stream_transport(socket_transport(fds.client, 50ms), client_context(), options),
                      easynet::timeout_error);
    const double elapsed = now() - start;
    BOOST_TEST(elapsed >= 0.15);
    BOOST_TEST(elapsed < 5.0);
    // The client hello came, then the end of the connection: the client socket is closed.
    char buffer[4096];
    pollfd p{fds.server, POLLIN, 0};
    std::size_t total = 0;
    for (;;) {
        BOOST_REQUIRE(::poll(&p, 1, 5000) == 1);
        ssize_t n = ::recv(fds.server, buffer, sizeof(buffer), 0);
        if (n <= 0)
            break;
        total += static_cast<std::size_t>(n);
    }
    BOOST_TEST(total > 0u);
    ::close(fds.server);
}

BOOST_AUTO_TEST_CASE(untrusted_certificate_fails_the_handshake)
{
    auto fds = tls_test::tcp_socket_pair();
    auto server = std::async(std::launch::async, [&] {
        try {
            ssl_stream_transport t(socket_transport(fds.server), server_context(), server_options());
            t.recv(16, timeout);
        } catch (const std::exception&) {
        }
    });
    try {
        ssl_stream_transport t(socket_transport(fds.client), client_context("untrusted-ca.pem"), client_options());
        BOOST_ERROR("the handshake should have failed");
    } catch (const boost::system::system_error& e) {
        BOOST_TEST(tls_test::in_ssl_category(e.code()), e.what());
        BOOST_TEST(ERR_GET_REASON(e.code().value()) == SSL_R_CERTIFICATE_VERIFY_FAILED);
    }
    server.get();
}

BOOST_AUTO_TEST_CASE(close_exchanges_close_notify_Y6)
{
    auto pair = make_pair();
    auto server = std::async(std::launch::async, [&] {
        std::string first = pair.server->recv(16, timeout);
        pair.server->close(); // answers the client's close_notify
        return first;
    });
    const double start = now();
    pair.client->close();
    BOOST_TEST(now() - start < 5.0); // not the 10 s shutdown timeout
    BOOST_TEST(server.get().empty());
}

BOOST_AUTO_TEST_CASE(close_waits_at_most_the_shutdown_timeout_Y6)
{
    auto client = client_options();
    client.shutdown_timeout = 300ms;
    auto pair = make_pair(client, server_options(), 50ms);
    const double start = now();
    pair.client->close(); // the server never reads: no answer
    const double elapsed = now() - start;
    BOOST_TEST(elapsed >= 0.25);
    BOOST_TEST(elapsed < 5.0);
    BOOST_TEST(pair.server->recv(16, timeout).empty()); // our close_notify arrived
}

BOOST_AUTO_TEST_CASE(ragged_eof_depends_on_standard_compatible_K3)
{
    for (bool standard : {true, false}) {
        auto client = client_options();
        client.standard_compatible = standard;
        auto pair = make_pair(client);
        pair.server->send_all("bye", timeout);
        pair.server->wrapped_transport().close(); // no close_notify
        BOOST_TEST(recv_exactly(*pair.client, 3) == "bye");
        BOOST_TEST_INFO("standard_compatible " << standard);
        if (standard) {
            BOOST_CHECK_EXCEPTION(pair.client->recv(16, timeout), boost::system::system_error, is_truncated);
            BOOST_CHECK_EXCEPTION(pair.client->recv(16, timeout), boost::system::system_error, is_truncated);
        } else {
            BOOST_TEST(pair.client->recv(16, timeout).empty());
            BOOST_TEST(pair.client->recv(16, timeout).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(send_eof_is_unsupported_and_calls_after_close_fail_with_EBADF)
{
    auto pair = make_pair();
    BOOST_CHECK_THROW(pair.client->send_eof(), easynet::unsupported_operation);
    auto server = std::async(std::launch::async, [&] {
        std::string data = pair.server->recv(16, timeout);
        pair.server->close();
        return data;
    });
    const double start = now();
    pair.client->close();
    pair.client->close(); // idempotent
    BOOST_TEST(now() - start < 5.0);
    BOOST_TEST(server.get().empty());
    auto ebadf = [](const boost::system::system_error& e) { return e.code().value() == EBADF; };
    BOOST_CHECK_EXCEPTION(pair.client->send_all("x", timeout), boost::system::system_error, ebadf);
    BOOST_CHECK_EXCEPTION(pair.client->recv(16, timeout), boost::system::system_error, ebadf);
}

BOOST_AUTO_TEST_CASE(recv_timeout_keeps_the_transport_usable_Y2)
{
    auto pair = make_pair(client_options(), server_options(), 50ms);
    BOOST_CHECK_THROW(pair.client->recv(16, 100ms), easynet::timeout_error);
    BOOST_CHECK_THROW(pair.client->recv(16, 0s), easynet::timeout_error);
    pair.server->send_all("later", timeout);
    BOOST_TEST(recv_exactly(*pair.client, 5) == "later");
}

BOOST_AUTO_TEST_CASE(close_from_another_thread_wakes_a_blocked_recv_Y3)
{
    auto client = client_options();
    client.shutdown_timeout = 200ms;
    auto pair = make_pair(client, server_options(), 50ms);
    std::promise<void> started;
    auto reader = std::async(std::launch::async, [&] {
        started.set_value();
        try {
            pair.client->recv(16, sync_transports::no_timeout);
            return 0;
        } catch (const boost::system::system_error& e) {
            return e.code().value();
        }
    });
    started.get_future().wait();
    pair.client->close(); // no answer from the server: bounded by the shutdown timeout
    BOOST_REQUIRE(reader.wait_for(10s) == std::future_status::ready);
    // Either the close came first (EBADF), or the reader was blocked and noticed it.
    BOOST_TEST(reader.get() == EBADF);
}

BOOST_AUTO_TEST_CASE(concurrent_send_and_recv_from_two_threads_full_duplex)
{
    auto pair = make_pair();
    constexpr std::size_t size = 8u << 20;
    const std::string to_server = pattern(size, 1);
    const std::string to_client = pattern(size, 2);
    auto client_send = std::async(std::launch::async, [&] { pair.client->send_all(to_server, timeout); });
    auto server_send = std::async(std::launch::async, [&] { pair.server->send_all(to_client, timeout); });
    auto server_recv = std::async(std::launch::async, [&] { return recv_exactly(*pair.server, size); });
    std::string at_client = recv_exactly(*pair.client, size);
    client_send.get();
    server_send.get();
    BOOST_TEST((server_recv.get() == to_server));
    BOOST_TEST((at_client == to_client));
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_the_tls_session)
{
    auto context = client_context();
    auto fds = tls_test::tcp_socket_pair();
    auto server = std::async(std::launch::async, [&] {
        return std::make_unique<ssl_stream_transport>(socket_transport(fds.server), server_context(), server_options());
    });
    ssl_stream_transport client(socket_transport(fds.client), context, client_options());
    auto server_transport = server.get();
    BOOST_TEST(client.extra(tls_attribute::sslcontext) == context);
    BOOST_TEST(client.extra(tls_attribute::tls_version) == "TLSv1.3");
    BOOST_TEST(client.extra(tls_attribute::standard_compatible) == true);
    BOOST_TEST(client.extra(tls_attribute::cipher).protocol == "TLSv1.3");
    BOOST_TEST(client.extra(tls_attribute::peercert).subject_alt_names.front() == "DNS:localhost");
    BOOST_CHECK_THROW(client.extra(tls_attribute::compression), easynet::typed_attribute_lookup_error);
    BOOST_CHECK_THROW(server_transport->extra(tls_attribute::peercert), easynet::typed_attribute_lookup_error);
    BOOST_TEST(client.extra(socket_attribute::family) == AF_INET);
}

BOOST_AUTO_TEST_CASE(constructor_rejects_null_arguments)
{
    BOOST_CHECK_THROW(ssl_stream_transport(nullptr, client_context()), std::invalid_argument);
    auto fds = tls_test::tcp_socket_pair();
    ::close(fds.server);
    BOOST_CHECK_THROW(ssl_stream_transport(socket_transport(fds.client), nullptr), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
