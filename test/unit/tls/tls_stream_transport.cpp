#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>

#include "tls_support.hpp"

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/transports/stapled_stream_transport.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <openssl/ssl.h>

#include <cerrno>
#include <string>
#include <vector>

using namespace tls_test;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::tls_attribute;

namespace {

bool is_ssl_error(const boost::system::error_code& ec, int reason)
{
    return ec.category() == boost::asio::error::get_ssl_category() && ERR_GET_REASON(ec.value()) == reason;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Outcomes of a handshake where both ends may fail.
struct handshake_outcome {
    outcome client;
    outcome server;
};

/// Runs both handshakes over a fresh loopback pair, recording each side's outcome.
handshake_outcome try_handshake(const tls_transport_options& client, ssl::ssl_context_ptr client_ctx,
                                const tls_transport_options& server = server_options())
{
    auto fds = tcp_socket_pair();
    auto client_raw = backend::wrap_stream_socket(fds.client);
    auto server_raw = backend::wrap_stream_socket(fds.server);
    handshake_outcome result;
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] {
            record(result.server, [&] {
                auto t = async_tls_stream_transport::wrap(std::move(server_raw), server_context(), server);
                t->recv(16); // the client may reject the certificate after our handshake ended
            });
        });
        record(result.client, [&] {
            auto t = async_tls_stream_transport::wrap(std::move(client_raw), client_ctx, client);
            transports::aclose_forcefully(*t);
        });
    });
    return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_stream_transport)

BOOST_AUTO_TEST_CASE(handshake_then_data_flows_both_ways)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        pair.client->send_all("hello");
        BOOST_TEST(recv_exactly(*pair.server, 5) == "hello");
        pair.server->send_all("world!");
        BOOST_TEST(recv_exactly(*pair.client, 6) == "world!");
        BOOST_TEST(!pair.client->is_closing());
    });
}

BOOST_AUTO_TEST_CASE(echo_of_1_byte_to_1_MiB)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        for (std::size_t size : {1u, 100u, 16383u, 16384u, 16385u, 70000u, 1024u * 1024u}) {
            const std::string data = pattern(size, static_cast<unsigned>(size));
            std::string echoed;
            outcome server, sender;
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start_soon([&] {
                    record(server, [&] {
                        std::size_t done = 0;
                        std::vector<char> buffer(40000);
                        while (done < size) {
                            std::size_t n = pair.server->recv_into(buffer);
                            if (n == 0)
                                throw std::runtime_error("early EOF");
                            pair.server->send_all(std::string_view(buffer.data(), n));
                            done += n;
                        }
                    });
                });
                tg.start_soon([&] { record(sender, [&] { pair.client->send_all(data); }); });
                echoed = recv_exactly(*pair.client, size);
            });
            BOOST_TEST_INFO("size " << size);
            BOOST_TEST(!server.error, what_of(server.error));
            BOOST_TEST(!sender.error, what_of(sender.error));
            BOOST_TEST((echoed == data));
        }
    });
}

// Both ends send a lot at once while reading: a reader must never wait behind its own
// writer (blocked by a peer that is itself blocked writing to us).
BOOST_AUTO_TEST_CASE(full_duplex_transfer_does_not_deadlock)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        constexpr std::size_t size = 16u << 20;
        const std::string to_server = pattern(size, 1);
        const std::string to_client = pattern(size, 2);
        std::string at_server, at_client;
        outcome client_send, server_send;
        backend::timeout(60s, [&] {
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start_soon([&] { record(client_send, [&] { pair.client->send_all(to_server); }); });
                tg.start_soon([&] { record(server_send, [&] { pair.server->send_all(to_client); }); });
                tg.start_soon([&] { at_server = recv_exactly(*pair.server, size); });
                at_client = recv_exactly(*pair.client, size);
            });
        });
        BOOST_TEST(!client_send.error, what_of(client_send.error));
        BOOST_TEST(!server_send.error, what_of(server_send.error));
        BOOST_TEST((at_server == to_server));
        BOOST_TEST((at_client == to_client));
    });
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_sends_every_buffer_in_order)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        std::vector<std::string> pieces;
        for (std::size_t i = 0; i < 300; ++i)
            pieces.push_back(pattern(i % 7 == 0 ? 20000 + i : i, static_cast<unsigned>(i)));
        pieces.emplace_back();
        std::vector<std::string_view> views(pieces.begin(), pieces.end());
        std::string expected;
        for (const auto& p : pieces)
            expected += p;
        std::string received;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { pair.client->send_all_from_iterable(views); });
            received = recv_exactly(*pair.server, expected.size());
        });
        BOOST_TEST(received.size() == expected.size());
        BOOST_TEST((received == expected));
    });
}

BOOST_AUTO_TEST_CASE(untrusted_certificate_fails_the_handshake)
{
    easynet_test::run([] {
        auto result = try_handshake(client_options(), client_context("untrusted-ca.pem"));
        BOOST_REQUIRE(static_cast<bool>(result.client.error));
        auto ec = error_code_of(result.client.error);
        BOOST_TEST(is_ssl_error(ec, SSL_R_CERTIFICATE_VERIFY_FAILED), ec.message());
        BOOST_TEST(contains(what_of(result.client.error), "unable to get local issuer certificate"),
                   what_of(result.client.error));
        // The server learns it from the client's alert.
        BOOST_TEST(static_cast<bool>(result.server.error));
    });
}

BOOST_AUTO_TEST_CASE(wrong_hostname_fails_the_handshake)
{
    easynet_test::run([] {
        auto options = client_options();
        options.server_hostname = "not-localhost.example";
        auto result = try_handshake(options, client_context());
        BOOST_REQUIRE(static_cast<bool>(result.client.error));
        BOOST_TEST(is_ssl_error(error_code_of(result.client.error), SSL_R_CERTIFICATE_VERIFY_FAILED));
        BOOST_TEST(contains(what_of(result.client.error), "hostname mismatch"), what_of(result.client.error));
    });
}

BOOST_AUTO_TEST_CASE(ip_addresses_are_matched_against_the_ip_entries)
{
    easynet_test::run([] {
        for (const char* host : {"127.0.0.1", "::1"}) {
            auto options = client_options();
            options.server_hostname = host;
            auto result = try_handshake(options, client_context());
            BOOST_TEST(!result.client.error, host << ": " << what_of(result.client.error));
        }
        auto options = client_options();
        options.server_hostname = "127.0.0.2";
        auto result = try_handshake(options, client_context());
        BOOST_TEST(contains(what_of(result.client.error), "IP address mismatch"), what_of(result.client.error));
    });
}

BOOST_AUTO_TEST_CASE(empty_hostname_disables_the_name_check_but_not_the_chain_check_K4)
{
    easynet_test::run([] {
        auto options = client_options();
        options.server_hostname = "";
        auto trusted = try_handshake(options, client_context());
        BOOST_TEST(!trusted.client.error, what_of(trusted.client.error));
        auto untrusted = try_handshake(options, client_context("untrusted-ca.pem"));
        BOOST_TEST(is_ssl_error(error_code_of(untrusted.client.error), SSL_R_CERTIFICATE_VERIFY_FAILED));
    });
}

BOOST_AUTO_TEST_CASE(handshake_timeout_against_a_silent_peer_closes_the_connection)
{
    easynet_test::run([] {
        auto fds = tcp_socket_pair();
        auto silent = backend::wrap_stream_socket(fds.server);
        auto options = client_options();
        options.handshake_timeout = 200ms;
        const double start = backend::current_time();
        BOOST_CHECK_THROW(async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.client), client_context(),
                                                           options),
                          easynet::timeout_error);
        const double elapsed = backend::current_time() - start;
        BOOST_TEST(elapsed >= 0.15);
        BOOST_TEST(elapsed < 5.0);
        // The ClientHello arrived, then the connection was closed.
        std::string hello = backend::timeout(5s, [&] { return silent->recv(64 * 1024); });
        BOOST_TEST(hello.size() > 5u);
        BOOST_TEST(hello[0] == '\x16'); // a TLS handshake record
        std::string rest = backend::timeout(5s, [&] { return recv_exactly(*silent, 1 << 20); });
        BOOST_TEST(rest.empty());
    });
}

BOOST_AUTO_TEST_CASE(cancelling_the_handshake_closes_the_connection)
{
    easynet_test::run([] {
        auto fds = tcp_socket_pair();
        auto silent = backend::wrap_stream_socket(fds.server);
        auto scope = backend::move_on_after(100ms);
        scope.run([&] { async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.client), client_context(), client_options()); });
        BOOST_TEST(scope.cancelled_caught());
        std::string all = backend::timeout(5s, [&] { return recv_exactly(*silent, 1 << 20); });
        BOOST_TEST(all.size() > 0u); // the ClientHello, then EOF (recv_exactly returned)
    });
}

BOOST_AUTO_TEST_CASE(peer_closing_during_the_handshake_is_a_truncated_stream)
{
    easynet_test::run([] {
        auto fds = tcp_socket_pair();
        auto peer = backend::wrap_stream_socket(fds.server);
        outcome client;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                record(client, [&] {
                    async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.client), client_context(),
                                                     client_options());
                });
            });
            peer->recv(64 * 1024); // the ClientHello
            peer->aclose();
        });
        BOOST_TEST(error_code_of(client.error) == boost::asio::ssl::error::stream_truncated, what_of(client.error));
    });
}

// §5.3: plain text sent to a TLS server is a clear TLS error, never a crash; input is read
// into the fixed-size BIO pair buffer only (memory stays bounded whatever the peer sends).
BOOST_AUTO_TEST_CASE(plain_text_sent_to_a_server_is_a_clear_error)
{
    easynet_test::run([] {
        auto fds = tcp_socket_pair();
        auto peer = backend::wrap_stream_socket(fds.client);
        outcome server, sender;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                record(sender, [&] {
                    peer->send_all("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    peer->send_all(pattern(256 * 1024)); // the server gives up long before
                });
            });
            record(server, [&] {
                async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.server), server_context(),
                                                 server_options());
            });
        });
        auto ec = error_code_of(server.error);
        BOOST_TEST(in_ssl_category(ec), what_of(server.error));
        BOOST_TEST((is_ssl_error(ec, SSL_R_HTTP_REQUEST) || is_ssl_error(ec, SSL_R_WRONG_VERSION_NUMBER)),
                   what_of(server.error));
        // The server closed the connection: the peer reads its end (EOF or a reset).
        bool closed = false;
        try {
            closed = backend::timeout(10s, [&] { return recv_exactly(*peer, 1 << 20); }).empty();
        } catch (const boost::system::system_error& e) {
            closed = e.code() != easynet::timeout_error().code();
        }
        BOOST_TEST(closed);
    });
}

BOOST_AUTO_TEST_CASE(aclose_exchanges_close_notify_K3)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        outcome closer;
        double closed_after = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                const double start = backend::current_time();
                record(closer, [&] { pair.client->aclose(); });
                closed_after = backend::current_time() - start;
            });
            BOOST_TEST(pair.server->recv(1024).empty()); // close_notify: a clean EOF
            BOOST_TEST(pair.server->recv(1024).empty());
            pair.server->aclose(); // answers with ours, which ends the client's wait
        });
        BOOST_TEST(!closer.error, what_of(closer.error));
        BOOST_TEST(closed_after < 5.0); // not the 10 s shutdown timeout
        BOOST_TEST(pair.client->is_closing());
        BOOST_TEST(pair.server->is_closing());
    });
}

// A second aclose() waits for the first one (idempotent, never a second close_notify).
BOOST_AUTO_TEST_CASE(concurrent_aclose_calls_wait_for_the_first)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        outcome first, second;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { record(first, [&] { pair.client->aclose(); }); });  // waits for the server
            tg.start([&] { record(second, [&] { pair.client->aclose(); }); }); // waits for the first
            BOOST_TEST(!first.done);
            BOOST_TEST(!second.done);
            BOOST_TEST(pair.server->recv(16).empty());
            pair.server->aclose();
        });
        BOOST_TEST((first.done && !first.error));
        BOOST_TEST((second.done && !second.error));
    });
}

// K3: without the peer's close_notify, aclose gives up after shutdown_timeout.
BOOST_AUTO_TEST_CASE(aclose_waits_at_most_the_shutdown_timeout_K3)
{
    easynet_test::run([] {
        auto client = client_options();
        client.shutdown_timeout = 200ms;
        auto pair = make_tls_pair(client);
        const double start = backend::current_time();
        pair.client->aclose(); // the server does not read: no answer
        const double elapsed = backend::current_time() - start;
        BOOST_TEST(elapsed >= 0.15);
        BOOST_TEST(elapsed < 5.0);
        // The server still sees our close_notify, then the end of the connection.
        BOOST_TEST(pair.server->recv(1024).empty());
    });
}

BOOST_AUTO_TEST_CASE(ragged_eof_is_an_error_when_standard_compatible_K3)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        pair.server->send_all("last words");
        transports::aclose_forcefully(pair.server->wrapped_transport()); // no close_notify
        BOOST_TEST(recv_exactly(*pair.client, 10) == "last words");
        for (int i = 0; i < 2; ++i) {
            BOOST_CHECK_EXCEPTION(pair.client->recv(1024), boost::system::system_error,
                                  [](const boost::system::system_error& e) {
                                      return e.code() == boost::asio::ssl::error::stream_truncated;
                                  });
        }
    });
}

BOOST_AUTO_TEST_CASE(ragged_eof_is_a_normal_eof_when_not_standard_compatible_K3)
{
    easynet_test::run([] {
        auto client = client_options();
        client.standard_compatible = false;
        auto pair = make_tls_pair(client);
        pair.server->send_all("last words");
        transports::aclose_forcefully(pair.server->wrapped_transport());
        BOOST_TEST(recv_exactly(*pair.client, 10) == "last words");
        BOOST_TEST(pair.client->recv(1024).empty());
        BOOST_TEST(pair.client->recv(1024).empty());
        BOOST_TEST(pair.client->extra(tls_attribute::standard_compatible) == false);
    });
}

// K3: standard_compatible=false sends no close_notify: a standard peer sees a truncation.
BOOST_AUTO_TEST_CASE(aclose_without_standard_compatible_skips_close_notify_K3)
{
    easynet_test::run([] {
        auto client = client_options();
        client.standard_compatible = false;
        auto server = server_options();
        auto pair = make_tls_pair(client, server);
        // The client reads once, so that no unread TLS 1.3 session ticket makes its close
        // a reset instead of a plain FIN.
        pair.server->send_all("x");
        BOOST_TEST(recv_exactly(*pair.client, 1) == "x");
        const double start = backend::current_time();
        pair.client->aclose();
        BOOST_TEST(backend::current_time() - start < 1.0);
        BOOST_CHECK_EXCEPTION(pair.server->recv(1024), boost::system::system_error,
                              [](const boost::system::system_error& e) {
                                  return e.code() == boost::asio::ssl::error::stream_truncated;
                              });
    });
}

BOOST_AUTO_TEST_CASE(send_eof_is_unsupported_K5)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        BOOST_CHECK_THROW(pair.client->send_eof(), easynet::unsupported_operation);
        pair.client->send_all("still open");
        BOOST_TEST(recv_exactly(*pair.server, 10) == "still open");
    });
}

BOOST_AUTO_TEST_CASE(calls_after_aclose_fail_with_ECONNABORTED_K5)
{
    easynet_test::run([] {
        auto client = client_options();
        client.standard_compatible = false;
        auto pair = make_tls_pair(client);
        pair.client->aclose();
        pair.client->aclose(); // idempotent
        BOOST_TEST(pair.client->is_closing());
        auto aborted = [](const boost::system::system_error& e) { return e.code().value() == ECONNABORTED; };
        BOOST_CHECK_EXCEPTION(pair.client->send_all("x"), boost::system::system_error, aborted);
        std::string_view pieces[] = {"a", "b"};
        BOOST_CHECK_EXCEPTION(pair.client->send_all_from_iterable(pieces), boost::system::system_error, aborted);
        BOOST_CHECK_EXCEPTION(pair.client->recv(16), boost::system::system_error, aborted);
    });
}

BOOST_AUTO_TEST_CASE(a_task_blocked_in_recv_gets_ECONNABORTED_when_another_closes_K5)
{
    easynet_test::run([] {
        auto client = client_options();
        client.standard_compatible = false;
        auto pair = make_tls_pair(client);
        outcome reader;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { record(reader, [&] { pair.client->recv(16); }); }); // blocks in recv
            pair.client->aclose();
        });
        BOOST_TEST(error_code_of(reader.error).value() == ECONNABORTED, what_of(reader.error));
    });
}

// A cancelled recv loses nothing: the transport stays usable (recv timeouts of clients).
BOOST_AUTO_TEST_CASE(cancelled_recv_keeps_the_transport_usable)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        auto scope = backend::move_on_after(50ms);
        scope.run([&] { pair.client->recv(16); });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(!pair.client->is_closing());
        pair.server->send_all("after");
        BOOST_TEST(recv_exactly(*pair.client, 5) == "after");
    });
}

// A cancelled send may have sent half a record: the connection is aborted.
BOOST_AUTO_TEST_CASE(cancelled_send_aborts_the_connection)
{
    easynet_test::run([] {
        auto pair = make_tls_pair();
        auto scope = backend::move_on_after(100ms);
        scope.run([&] { pair.client->send_all(std::string(64 << 20, 'x')); }); // the server does not read
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(pair.client->is_closing());
        BOOST_CHECK_THROW(pair.client->send_all("x"), boost::system::system_error);
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_describe_the_tls_session_K5)
{
    easynet_test::run([] {
        auto client_ctx = client_context();
        auto pair = make_tls_pair(client_options(), server_options(), client_ctx);
        auto& client = *pair.client;
        BOOST_TEST(client.extra(tls_attribute::sslcontext) == client_ctx);
        BOOST_TEST(client.extra(tls_attribute::tls_version) == "TLSv1.3");
        BOOST_TEST(client.extra(tls_attribute::standard_compatible) == true);
        auto cipher = client.extra(tls_attribute::cipher);
        BOOST_TEST(contains(cipher.name, "TLS_"));
        BOOST_TEST(cipher.protocol == "TLSv1.3");
        BOOST_TEST((cipher.secret_bits == 128 || cipher.secret_bits == 256));
        BOOST_CHECK_THROW(client.extra(tls_attribute::compression), easynet::typed_attribute_lookup_error);

        auto cert = client.extra(tls_attribute::peercert);
        BOOST_TEST(contains(cert.subject, "CN=localhost"), cert.subject);
        BOOST_TEST(contains(cert.issuer, "CN=easynet test CA"), cert.issuer);
        BOOST_TEST(cert.not_after == "Nov 21 18:58:51 2076 GMT");
        BOOST_TEST(!cert.serial_number.empty());
        BOOST_TEST(cert.der.size() > 100u);
        BOOST_TEST(cert.der[0] == '\x30'); // a DER SEQUENCE
        std::vector<std::string> expected_names{"DNS:localhost", "IP:127.0.0.1", "IP:::1"};
        BOOST_TEST(cert.subject_alt_names == expected_names, boost::test_tools::per_element());

        // The client sent no certificate: missing value.
        BOOST_CHECK_THROW(pair.server->extra(tls_attribute::peercert), easynet::typed_attribute_lookup_error);
        // The wrapped socket's attributes are there too.
        auto peer = client.extra(socket_attribute::remote_address);
        BOOST_TEST(peer.is_inet());
        BOOST_TEST(client.extra(socket_attribute::family) == AF_INET);
    });
}

BOOST_AUTO_TEST_CASE(tls_1_2_works_too)
{
    easynet_test::run([] {
        auto client_ctx = client_context();
        SSL_CTX_set_max_proto_version(client_ctx->native_handle(), TLS1_2_VERSION);
        auto pair = make_tls_pair(client_options(), server_options(), client_ctx);
        BOOST_TEST(pair.server->extra(tls_attribute::tls_version) == "TLSv1.2");
        pair.client->send_all(pattern(100000));
        BOOST_TEST((recv_exactly(*pair.server, 100000) == pattern(100000)));
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { pair.client->aclose(); });
            BOOST_TEST(pair.server->recv(16).empty());
            pair.server->aclose();
        });
    });
}

BOOST_AUTO_TEST_CASE(tls_runs_over_any_stream_transport_even_tls)
{
    easynet_test::run([] {
        auto outer = make_tls_pair();
        std::unique_ptr<async_tls_stream_transport> inner_client, inner_server;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                inner_server = async_tls_stream_transport::wrap(std::move(outer.server), server_context(), server_options());
            });
            inner_client = async_tls_stream_transport::wrap(std::move(outer.client), client_context(), client_options());
        });
        std::string data = pattern(300000);
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { inner_client->send_all(data); });
            BOOST_TEST((recv_exactly(*inner_server, data.size()) == data));
        });
        BOOST_TEST(inner_client->extra(tls_attribute::tls_version) == "TLSv1.3");
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] { inner_client->aclose(); });
            BOOST_TEST(inner_server->recv(16).empty());
            inner_server->aclose();
        });
        BOOST_TEST(inner_client->wrapped_transport().is_closing());
    });
}

BOOST_AUTO_TEST_CASE(wrap_rejects_null_arguments)
{
    easynet_test::run([] {
        BOOST_CHECK_THROW(async_tls_stream_transport::wrap(nullptr, client_context()), std::invalid_argument);
        auto fds = tcp_socket_pair();
        ::close(fds.server);
        BOOST_CHECK_THROW(async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.client), nullptr),
                          std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(handshake_over_ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto fds = tcp_socket_pair(AF_INET6);
        auto options = client_options();
        options.server_hostname = "::1";
        std::unique_ptr<async_tls_stream_transport> client, server;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                server = async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.server), server_context(),
                                                          server_options());
            });
            client = async_tls_stream_transport::wrap(backend::wrap_stream_socket(fds.client), client_context(), options);
        });
        client->send_all("v6");
        BOOST_TEST(recv_exactly(*server, 2) == "v6");
        BOOST_TEST(client->extra(socket_attribute::family) == AF_INET6);
    });
}

BOOST_AUTO_TEST_SUITE_END()
