#include <easynet/lowlevel/api_async/transports/socket_datagram_listener.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::unix_socket_address;
using namespace std::chrono_literals;

namespace {
bool is_errno(const boost::system::system_error& e, int value) { return e.code().value() == value; }
} // namespace

BOOST_AUTO_TEST_SUITE(socket_datagram_listener)

BOOST_AUTO_TEST_CASE(serve_hands_each_datagram_and_its_sender_to_the_handler_in_order)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        auto& listener = *listeners[0];
        const auto server = listener.extra(socket_attribute::local_address);
        auto client = backend::create_udp_endpoint("127.0.0.1", server.as_inet().port());
        const auto client_address = client->extra(socket_attribute::local_address);

        constexpr int count = 50;
        std::vector<std::string> received;
        std::vector<socket_address> senders;
        auto all_received = backend::create_event();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener.serve([&](std::string datagram, socket_address from) {
                    received.push_back(datagram);
                    senders.push_back(from);
                    if (received.size() == count)
                        all_received.set();
                });
            });
            for (int i = 0; i < count; ++i)
                client->send(std::to_string(i));
            all_received.wait();
            tg.cancel();
        });
        BOOST_REQUIRE_EQUAL(received.size(), std::size_t{count});
        for (int i = 0; i < count; ++i) {
            BOOST_TEST(received[i] == std::to_string(i));
            BOOST_TEST((senders[i] == client_address));
        }
    });
}

BOOST_AUTO_TEST_CASE(send_to_reaches_the_given_address_even_an_empty_datagram)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        const auto port = listener.extra(socket_attribute::local_address).as_inet().port();
        auto client = backend::create_udp_endpoint("127.0.0.1", port);
        listener.send_to("", client->extra(socket_attribute::local_address));
        listener.send_to("hi", client->extra(socket_attribute::local_address));
        BOOST_TEST(client->recv() == "");
        BOOST_TEST(client->recv() == "hi");
    });
}

BOOST_AUTO_TEST_CASE(unix_datagram_peers_are_named_or_unnamed)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        const unix_socket_address server_path(dir / "server.sock");
        auto listener = backend::create_unix_datagram_listener(server_path);
        BOOST_TEST((listener->extra(socket_attribute::local_address) == socket_address(server_path)));
        const unix_socket_address client_path(dir / "client.sock");
        auto named = backend::create_unix_datagram_endpoint(server_path, client_path);
        auto unnamed = backend::create_unix_datagram_endpoint(server_path);
        std::vector<socket_address> senders;
        auto done = backend::create_event();
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener->serve([&](std::string, socket_address from) {
                    senders.push_back(from);
                    if (from.as_unix().is_pathname())
                        listener->send_to("reply", from);
                    if (senders.size() == 2)
                        done.set();
                });
            });
            named->send("a");
            BOOST_TEST(named->recv() == "reply");
            unnamed->send("b");
            done.wait();
            tg.cancel();
        });
        BOOST_REQUIRE_EQUAL(senders.size(), 2u);
        BOOST_TEST(senders[0].to_string() == client_path.to_string());
        BOOST_TEST(senders[1].as_unix().is_unnamed());
    });
}

BOOST_AUTO_TEST_CASE(a_unix_datagram_longer_than_64k_is_dropped_with_a_warning_and_serving_goes_on)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        const unix_socket_address server_path(dir / "server.sock");
        const unix_socket_address client_path(dir / "client.sock");
        auto listener = backend::create_unix_datagram_listener(server_path);
        auto client = backend::create_unix_datagram_endpoint(server_path, client_path);
        client->extra(socket_attribute::socket).set_option(SOL_SOCKET, SO_SNDBUF, 1024 * 1024);
        easynet_test::log_capture capture;
        std::vector<std::string> received;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener->serve([&](std::string d, socket_address) {
                    received.push_back(std::move(d));
                    tg.cancel();
                });
            });
            client->send(std::string(65537, 'x')); // one byte over the listener's 64 KiB buffer
            client->send("still served");
        });
        BOOST_REQUIRE_EQUAL(received.size(), 1u);
        BOOST_TEST(received[0] == "still served");
        std::vector<easynet_test::captured_record> records;
        for (auto& r : capture.records())
            if (r.level >= easynet::log_level::warning)
                records.push_back(r);
        BOOST_REQUIRE_EQUAL(records.size(), 1u);
        BOOST_TEST(records[0].logger == "easynet.lowlevel.api_async.transports.socket");
        BOOST_TEST(records[0].message == "A datagram longer than 65536 bytes from " + client_path.to_string() +
                                             " has been dropped.",
                   records[0].message);
    });
}

BOOST_AUTO_TEST_CASE(a_reception_error_is_logged_as_a_warning_and_serving_goes_on)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        // With IP_RECVERR, the ICMP "port unreachable" of a datagram sent to a closed port
        // makes the next recvfrom() fail with ECONNREFUSED.
        try {
            listener.extra(socket_attribute::socket).set_option(IPPROTO_IP, IP_RECVERR, 1);
        } catch (const boost::system::system_error& e) {
            BOOST_TEST_MESSAGE("SKIPPED: IP_RECVERR not supported here: " << e.what());
            return;
        }
        auto closed = backend::create_udp_listeners("127.0.0.1", 0);
        const auto closed_address = closed[0]->extra(socket_attribute::local_address);
        closed[0]->aclose();

        auto logged = backend::create_event();
        easynet_test::log_capture capture([&](const easynet_test::captured_record& r) {
            if (r.level == easynet::log_level::warning)
                logged.set();
        });
        auto client = backend::create_udp_endpoint(
            "127.0.0.1", listener.extra(socket_attribute::local_address).as_inet().port());
        std::string received;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener.serve([&](std::string d, socket_address) {
                    received = d;
                    tg.cancel();
                });
            });
            listener.send_to("to nobody", closed_address);
            auto scope = backend::move_on_after(2s);
            scope.run([&] { logged.wait(); });
            if (scope.cancelled_caught())
                BOOST_TEST_MESSAGE("no ICMP error was reported on this machine (nothing to log)");
            client->send("still served");
        });
        BOOST_TEST(received == "still served");
        if (logged.is_set()) {
            const auto records = capture.records();
            BOOST_REQUIRE(!records.empty());
            BOOST_TEST(records.front().message.rfind("Unrelated error occurred on datagram reception: ECONNREFUSED: ", 0) ==
                           0u,
                       records.front().message);
            BOOST_TEST(records.front().logger == "easynet.lowlevel.api_async.transports.socket");
        }
    });
}

BOOST_AUTO_TEST_CASE(serving_twice_concurrently_throws_busy_resource_error)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { listener.serve([](std::string, socket_address) {}); });
            BOOST_CHECK_THROW(listener.serve([](std::string, socket_address) {}), easynet::busy_resource_error);
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_CASE(serving_a_closed_listener_throws_ebadf)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        listeners[0]->aclose();
        auto ebadf = [](const boost::system::system_error& e) { return is_errno(e, EBADF); };
        BOOST_CHECK_EXCEPTION(listeners[0]->serve([](std::string, socket_address) {}), boost::system::system_error,
                              ebadf);
        BOOST_CHECK_EXCEPTION(listeners[0]->send_to("x", listeners[0]->extra(socket_attribute::local_address,
                                                                              socket_address())),
                              boost::system::system_error, ebadf);
    });
}

BOOST_AUTO_TEST_CASE(closing_a_serving_listener_makes_serve_throw_ebadf)
{
    easynet_test::run([] {
        auto listeners = backend::create_udp_listeners("127.0.0.1", 0);
        bool got_ebadf = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    listeners[0]->serve([](std::string, socket_address) {});
                } catch (const boost::system::system_error& e) {
                    got_ebadf = is_errno(e, EBADF);
                }
            });
            listeners[0]->aclose();
        });
        BOOST_TEST(got_ebadf);
    });
}

BOOST_AUTO_TEST_SUITE_END()
