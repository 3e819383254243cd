#include <easynet/clients/async_tcp_network_client.hpp>

#include "client_test_support.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>
#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/tls_files.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/tcp.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

using namespace clients_test;
using client_type = clients::async_tcp_network_client<std::string>;

namespace {

constexpr const char* closed_message = "Client is closing, or is already closed";

} // namespace

BOOST_AUTO_TEST_SUITE(async_tcp_network_client)

BOOST_AUTO_TEST_CASE(constructor_does_no_io_and_the_connection_is_lazy_C1_C3)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        BOOST_TEST(!client.is_connected());
        BOOST_TEST(!server.has_pending(50));
        client.wait_connected();
        BOOST_TEST(client.is_connected());
        BOOST_TEST(server.has_pending(5000));
        client.wait_connected(); // no-op
        int peer = server.accept();
        BOOST_TEST(!server.has_pending(50));
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(first_send_connects_C3)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.send_packet("hello");
        BOOST_TEST(client.is_connected());
        int peer = server.accept();
        BOOST_TEST(read_exactly(peer, 6) == "hello\n");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(concurrent_wait_connected_calls_share_one_connection_C3)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        std::atomic<int> succeeded{0};
        backend::with_task_group([&](backend::task_group& tg) {
            for (int i = 0; i < 5; ++i)
                tg.start_soon([&] {
                    client.wait_connected();
                    ++succeeded;
                });
        });
        BOOST_TEST(succeeded.load() == 5);
        int peer = server.accept();
        BOOST_TEST(!server.has_pending(50)); // exactly one connection
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(socket_and_addresses_before_and_after_connection_item33_C4)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        BOOST_CHECK_THROW(client.socket(), easynet::typed_attribute_lookup_error);
        BOOST_TEST(error_of([&] { client.get_local_address(); }) == ENOTCONN);
        BOOST_TEST(error_of([&] { client.get_remote_address(); }) == ENOTCONN);
        client.send_packet("x");
        const lowlevel::socket_proxy* proxy = &client.socket();
        BOOST_TEST(proxy == &client.socket()); // the same object every time
        BOOST_TEST(proxy->fileno() >= 0);
        BOOST_TEST(client.get_remote_address().as_inet().port() == server.port());
        BOOST_TEST(client.get_local_address().as_inet().address().to_string() == "127.0.0.1");
        BOOST_TEST(client.extra(lowlevel::socket_attribute::family) == AF_INET);
        int peer = server.accept();
        client.aclose();
        BOOST_CHECK_THROW(client.get_local_address(), easynet::client_closed_error);
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(aclose_before_connecting_then_wait_connected_raises_client_closed_item34_C3)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.aclose();
        BOOST_TEST(client.is_closing());
        BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.wait_connected(); }) == closed_message);
        BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.send_packet("x"); }) == closed_message);
        BOOST_TEST(message_of<easynet::client_closed_error>([&] { client.recv_packet(); }) == closed_message);
        BOOST_TEST(!server.has_pending(50)); // no connection was attempted
        client.aclose();                     // idempotent (C12)
    });
}

BOOST_AUTO_TEST_CASE(recv_blocked_while_another_task_closes_raises_client_closed_item35_C5)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        BOOST_TEST(recv_outcome_when_closed_meanwhile(client) == closed_message);
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(aclose_waits_for_a_pending_send_C5)
{
    constexpr std::size_t size = 16 << 20;
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        const int peer = server.accept(); // not read at first: the big send blocks, holding the send lock
        std::mutex mutex;                 // never held across a suspension
        std::vector<std::string> events;
        auto record = [&](const std::string& event) {
            std::lock_guard guard(mutex);
            events.push_back(event);
        };
        auto recorded = [&] {
            std::lock_guard guard(mutex);
            return events;
        };
        std::size_t received = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    client.send_packet(std::string(size, 'x'));
                    record("send returned");
                } catch (const std::exception& e) {
                    record(std::string("send failed: ") + e.what());
                }
            });
            // The sender is inside send_packet (it holds the lock) once the peer has data.
            backend::timeout(10s, [&] {
                pollfd p{peer, POLLIN, 0};
                while (::poll(&p, 1, 0) != 1)
                    backend::sleep(10ms);
            });
            tg.start([&] {
                client.aclose();
                record("aclose returned");
            });
            BOOST_TEST(recorded().empty()); // aclose waits for the send lock
            auto transport = backend::wrap_stream_socket(peer);
            backend::timeout(10s, [&] {
                for (std::string data = transport->recv(1 << 20); !data.empty(); data = transport->recv(1 << 20))
                    received += data.size();
            });
            transport->aclose();
        });
        BOOST_TEST(recorded() == (std::vector<std::string>{"send returned", "aclose returned"}),
                   boost::test_tools::per_element());
        BOOST_TEST(received == size + 1); // the whole packet, then the graceful close's EOF
        BOOST_TEST(client.is_closing());
    });
}

BOOST_AUTO_TEST_CASE(send_raises_the_error_left_pending_in_so_error_C6)
{
    if (!pending_error_premise_holds())
        return;
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        ::close(server.accept());
        // The bytes are sent, the peer's RST comes back while send() runs and is left in
        // SO_ERROR: this very send_packet raises it (as a connection error, C7).
        BOOST_TEST(error_of([&] { client.send_packet("first"); }) == ECONNABORTED);
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(concurrent_senders_and_receivers_queue_up_instead_of_failing_C5)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        std::vector<std::string> received;
        std::atomic<int> failures{0};
        backend::with_task_group([&](backend::task_group& tg) {
            for (int i = 0; i < 10; ++i)
                tg.start_soon([&, i] {
                    try {
                        client.send_packet(std::string(10000, static_cast<char>('a' + i)));
                    } catch (const std::exception&) {
                        ++failures;
                    }
                });
            for (int i = 0; i < 3; ++i)
                tg.start_soon([&] {
                    try {
                        received.push_back(client.recv_packet());
                    } catch (const std::exception&) {
                        ++failures;
                    }
                });
            tg.start_soon([&] {
                // Every packet arrives whole (no interleaving), then answer three lines.
                std::string all = read_exactly(peer, 10 * 10001);
                bool whole = true;
                for (std::size_t k = 0; k < 10; ++k)
                    whole = whole && all.substr(k * 10001, 10000) == std::string(10000, all[k * 10001]) &&
                            all[k * 10001 + 10000] == '\n';
                if (!whole)
                    ++failures;
                write_all(peer, "1\n2\n3\n");
            });
        });
        BOOST_TEST(failures.load() == 0);
        BOOST_TEST(received.size() == 3u);
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(aclose_cancelled_while_waiting_for_the_send_lock_closes_abruptly_C12)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept(); // never read: a big send blocks holding the send lock
        std::string sender_outcome;
        bool caught = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    client.send_packet(std::string(16 << 20, 'x'));
                    sender_outcome = "sent";
                } catch (const easynet::client_closed_error& e) {
                    sender_outcome = e.what();
                } catch (const std::exception& e) {
                    sender_outcome = std::string("other: ") + e.what();
                }
            });
            // Wait until the sender is blocked on a full socket buffer.
            backend::timeout(10s, [&] {
                pollfd p{peer, POLLIN, 0};
                while (::poll(&p, 1, 0) != 1)
                    backend::sleep(10ms);
            });
            auto scope = backend::move_on_after(200ms);
            scope.run([&] { client.aclose(); });
            caught = scope.cancelled_caught();
        });
        BOOST_TEST(caught, "sender: " << sender_outcome);
        BOOST_TEST(client.is_closing());
        BOOST_TEST(sender_outcome == closed_message);
        client.aclose(); // idempotent
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(peer_shutdown_write_gives_sticky_connection_aborted_and_sending_still_works_item36_C7)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        write_all(peer, "A\nB\npartial");
        ::shutdown(peer, SHUT_WR);
        BOOST_TEST(client.recv_packet() == "A");
        BOOST_TEST(client.recv_packet() == "B");
        BOOST_TEST(error_of([&] { client.recv_packet(); }) == ECONNABORTED);
        BOOST_TEST(error_of([&] { client.recv_packet(); }) == ECONNABORTED);
        client.send_packet("still works");
        BOOST_TEST(read_exactly(peer, 12) == "still works\n");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(connection_reset_is_reported_as_connection_aborted_C7)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        close_with_reset(server.accept());
        BOOST_TEST(error_of([&] { client.recv_packet(); }) == ECONNABORTED);
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(parse_error_keeps_the_stream_usable_C8)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), buffered_line_protocol());
        client.wait_connected();
        int peer = server.accept();
        write_all(peer, "\xe9\nvalid\n");
        BOOST_CHECK_THROW(client.recv_packet(), easynet::stream_protocol_parse_error);
        BOOST_TEST(client.recv_packet() == "valid");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(send_eof_then_send_raises_runtime_error_and_receiving_goes_on_item37_C9)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.send_packet("last");
        int peer = server.accept();
        client.send_eof();
        client.send_eof(); // idempotent
        BOOST_TEST(read_exactly(peer, 100) == "last\n"); // then end of stream
        BOOST_TEST(message_of<std::runtime_error>([&] { client.send_packet("x"); }) ==
                   "send_eof() has been called earlier");
        write_all(peer, "answer\n");
        BOOST_TEST(client.recv_packet() == "answer");
        client.aclose();
        client.send_eof(); // no-op on a closed client
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(iter_received_packets_until_end_of_stream_drops_the_fragment_item38_C10)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        write_all(peer, "A\nB\nC\nD\nE\nF");
        ::close(peer);
        std::vector<std::string> packets;
        for (const std::string& packet : client.iter_received_packets(backend::seconds{INFINITY}))
            packets.push_back(packet);
        BOOST_TEST(packets == (std::vector<std::string>{"A", "B", "C", "D", "E"}), boost::test_tools::per_element());
        client.aclose();
    });
}

BOOST_AUTO_TEST_CASE(iter_received_packets_timeout_is_a_budget_for_the_whole_iteration_C10)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        write_all(peer, "A\nB\n"); // on loopback, in the client's receive queue once written
        client.send_packet("sync"); // the client already holds nothing; read below
        // Budget 0: only what is available at once.
        BOOST_TEST(client.recv_packet() == "A");
        auto packets = client.iter_received_packets();
        BOOST_TEST(packets.next().value() == "B");
        BOOST_TEST(!packets.next());
        BOOST_TEST(!packets.next()); // ended for good
        // A finite budget ends the iteration silently after about that time.
        const double start = backend::current_time();
        int count = 0;
        for (const std::string& packet : client.iter_received_packets(200ms)) {
            (void)packet;
            ++count;
        }
        const double elapsed = backend::current_time() - start;
        BOOST_TEST(count == 0);
        BOOST_TEST(elapsed >= 0.15);
        BOOST_TEST(elapsed < 5.0);
        BOOST_CHECK_THROW(client.iter_received_packets(backend::seconds{-1}), std::invalid_argument);
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(parse_errors_propagate_out_of_the_iteration_C10)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol());
        client.wait_connected();
        int peer = server.accept();
        write_all(peer, "ok\n\xe9\n");
        auto packets = client.iter_received_packets(5s);
        BOOST_TEST(packets.next().value() == "ok");
        BOOST_CHECK_THROW(packets.next(), easynet::stream_protocol_parse_error);
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(tcp_nodelay_and_keepalive_are_set_C11)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type by_address("127.0.0.1", server.port(), line_protocol());
        by_address.wait_connected();
        BOOST_TEST(by_address.socket().get_option(IPPROTO_TCP, TCP_NODELAY) != 0);
        BOOST_TEST(by_address.socket().get_option(SOL_SOCKET, SO_KEEPALIVE) != 0);
        client_type adopted(connect_raw(server.port()), line_protocol());
        adopted.wait_connected();
        BOOST_TEST(adopted.socket().get_option(IPPROTO_TCP, TCP_NODELAY) != 0);
        BOOST_TEST(adopted.socket().get_option(SOL_SOCKET, SO_KEEPALIVE) != 0);
        by_address.aclose();
        adopted.aclose();
        ::close(server.accept());
        ::close(server.accept());
    });
}

BOOST_AUTO_TEST_CASE(adopted_socket_is_checked_and_closed_on_failure_C2)
{
    check_adoption_refusals<client_type>(AF_INET, AF_UNIX, "Only these families are supported: AF_INET, AF_INET6");
    tcp_listener server;
    int connected = connect_raw(server.port());
    BOOST_CHECK_THROW(client_type(connected, line_protocol(), {.ssl = clients::use_default_ssl_context}),
                      std::invalid_argument); // K4: a socket with ssl needs server_hostname
    BOOST_TEST(!is_open(connected));
}

BOOST_AUTO_TEST_CASE(adopted_socket_exchanges_packets_C2)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client(connect_raw(server.port()), line_protocol());
        int peer = server.accept();
        client.send_packet("hi");
        BOOST_TEST(read_exactly(peer, 3) == "hi\n");
        write_all(peer, "back\n");
        BOOST_TEST(client.recv_packet() == "back");
        client.aclose();
        ::close(peer);
    });
}

BOOST_AUTO_TEST_CASE(tls_only_options_without_ssl_are_refused_K2)
{
    auto refused = [](const clients::async_tcp_client_options& options) {
        return message_of<std::invalid_argument>([&] { client_type c("localhost", 1, line_protocol(), options); });
    };
    BOOST_TEST(refused({.server_hostname = "x"}) == "server_hostname is only meaningful with ssl");
    BOOST_TEST(refused({.ssl_handshake_timeout = 1s}) == "ssl_handshake_timeout is only meaningful with ssl");
    BOOST_TEST(refused({.ssl_shutdown_timeout = 1s}) == "ssl_shutdown_timeout is only meaningful with ssl");
    BOOST_TEST(refused({.ssl_standard_compatible = false}) == "ssl_standard_compatible is only meaningful with ssl");
    BOOST_TEST(refused({.max_recv_size = 0}) == "'max_recv_size' must be a strictly positive integer");
    BOOST_TEST(message_of<std::invalid_argument>([&] {
                   client_type c("", 1, line_protocol(), {.ssl = clients::use_default_ssl_context});
               }) == "You must set server_hostname when using ssl without a host"); // K4
}

BOOST_AUTO_TEST_CASE(refused_connection_raises_an_exception_group_E4)
{
    int port = 0;
    {
        tcp_listener closed; // bound then closed: nobody listens on that port any more
        port = closed.port();
    }
    easynet_test::run([&] {
        client_type client("127.0.0.1", static_cast<std::uint16_t>(port), line_protocol());
        try {
            client.wait_connected();
            BOOST_FAIL("connected to a closed port");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.message() == "create_connection() failed");
            BOOST_REQUIRE(group.exceptions().size() == 1u);
            BOOST_TEST(error_of([&] { std::rethrow_exception(group.exceptions()[0]); }) == ECONNREFUSED);
        }
        BOOST_TEST(!client.is_connected());
    });
}

BOOST_AUTO_TEST_CASE(local_address_and_happy_eyeballs_options_are_used_E2_E3)
{
    tcp_listener server;
    easynet_test::run([&] {
        client_type client("127.0.0.1", server.port(), line_protocol(),
                           {.local_address = backend::host_and_port{"127.0.0.1", 0}, .happy_eyeballs_delay = 10ms});
        client.wait_connected();
        BOOST_TEST(client.get_local_address().as_inet().address().to_string() == "127.0.0.1");
        client.aclose();
        ::close(server.accept());
        client_type mismatched("127.0.0.1", server.port(), line_protocol(),
                               {.local_address = backend::host_and_port{"::1", 0}});
        BOOST_CHECK_THROW(mismatched.wait_connected(), easynet::exception_group); // no IPv4 local entry
    });
}

BOOST_AUTO_TEST_CASE(connects_to_ipv6_loopback)
{
    EASYNET_TEST_REQUIRE_IPV6();
    tcp_listener server(AF_INET6);
    easynet_test::run([&] {
        client_type client("::1", server.port(), line_protocol());
        client.send_packet("six");
        BOOST_TEST(client.get_remote_address().family() == AF_INET6);
        int peer = server.accept();
        BOOST_TEST(read_exactly(peer, 4) == "six\n");
        client.aclose();
        ::close(peer);
    });
}

// --- TLS, against an easynet TLS listener with the test CA (test/data/tls) ---

namespace {

/// Serves `handler` on a TLS listener on 127.0.0.1 inside `tg`; returns the port.
std::uint16_t serve_tls(backend::task_group& tg, std::function<void(std::unique_ptr<transports::async_stream_transport>)> handler,
                        std::vector<std::exception_ptr>* handshake_errors = nullptr)
{
    auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
    const auto port = listeners.at(0)->extra(lowlevel::socket_attribute::local_address).as_inet().port();
    transports::tls_listener_options options;
    if (handshake_errors)
        options.handshake_error_handler = [handshake_errors](std::exception_ptr e) { handshake_errors->push_back(e); };
    auto listener = std::make_shared<transports::async_tls_listener>(
        std::move(listeners.at(0)), easynet_test::tls_server_context(), options);
    tg.start_soon([listener, handler = std::move(handler)] { listener->serve(handler); });
    return port;
}

void echo_lines(std::unique_ptr<transports::async_stream_transport> transport)
{
    try {
        for (;;) {
            std::string data = transport->recv(1024);
            if (data.empty())
                break;
            transport->send_all(data);
        }
        transport->aclose();
    } catch (const std::exception&) {
    }
}

} // namespace

BOOST_AUTO_TEST_CASE(tls_echo_with_verification_and_server_hostname_K4)
{
    easynet_test::run([&] {
        backend::with_task_group([&](backend::task_group& tg) {
            const auto port = serve_tls(tg, echo_lines);
            auto context = easynet_test::tls_client_context();
            client_type client("127.0.0.1", port, line_protocol(), {.ssl = context, .server_hostname = "localhost"});
            client.send_packet("over tls");
            BOOST_TEST(client.recv_packet() == "over tls");
            BOOST_TEST(message_of<easynet::unsupported_operation>([&] { client.send_eof(); }) ==
                       "SSL/TLS API does not support sending EOF."); // C9
            client.aclose();
            // The host is the default server_hostname: the certificate covers 127.0.0.1 too.
            client_type by_ip("127.0.0.1", port, line_protocol(), {.ssl = context});
            by_ip.send_packet("ip");
            BOOST_TEST(by_ip.recv_packet() == "ip");
            by_ip.aclose();
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_CASE(tls_verification_is_on_by_default_K4)
{
    easynet_test::run([&] {
        std::vector<std::exception_ptr> server_errors;
        backend::with_task_group([&](backend::task_group& tg) {
            const auto port = serve_tls(tg, echo_lines, &server_errors);
            // The system trust store does not know the test CA.
            client_type system_trust("127.0.0.1", port, line_protocol(),
                                     {.ssl = clients::use_default_ssl_context, .server_hostname = "localhost"});
            BOOST_TEST(message_of<boost::system::system_error>([&] { system_trust.wait_connected(); })
                           .find("certificate verify failed") != std::string::npos);
            BOOST_TEST(!system_trust.is_connected());
            // A wrong name fails; "" disables the name check only.
            auto context = easynet_test::tls_client_context();
            client_type wrong_name("127.0.0.1", port, line_protocol(), {.ssl = context, .server_hostname = "wrong.example"});
            BOOST_CHECK_THROW(wrong_name.wait_connected(), boost::system::system_error);
            client_type no_name_check("127.0.0.1", port, line_protocol(), {.ssl = context, .server_hostname = ""});
            no_name_check.send_packet("ok");
            BOOST_TEST(no_name_check.recv_packet() == "ok");
            no_name_check.aclose();
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_CASE(aclose_during_a_tls_handshake_cancels_the_connection_C3)
{
    tcp_listener silent; // accepts TCP (kernel queue) but never answers the handshake
    easynet_test::run([&] {
        auto context = easynet_test::tls_client_context();
        client_type client("127.0.0.1", silent.port(), line_protocol(), {.ssl = context, .server_hostname = "localhost"});
        std::string outcome;
        int peer = -1;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                try {
                    client.wait_connected();
                    outcome = "connected";
                } catch (const easynet::client_closed_error& e) {
                    outcome = e.what();
                }
            });
            backend::timeout(5s, [&] { // TCP done (the kernel queued it)
                while (!silent.has_pending())
                    backend::sleep(10ms);
            });
            // Then the ClientHello arrives: the client waits for the server's answer.
            peer = silent.accept();
            backend::timeout(5s, [&] {
                pollfd p{peer, POLLIN, 0};
                while (::poll(&p, 1, 0) != 1)
                    backend::sleep(10ms);
            });
            client.aclose();
        });
        BOOST_TEST(outcome == closed_message);
        BOOST_TEST(!client.is_connected());
        ::close(peer);
    });
}

BOOST_AUTO_TEST_SUITE_END()
