// create_tcp_listeners / create_udp_listeners: SEMANTICS §2.6 B1–B5.
#include <easynet/lowlevel/api_async/backend/network.hpp>

#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

template <typename Listeners>
std::vector<std::string> local_addresses(const Listeners& listeners)
{
    std::vector<std::string> out;
    for (const auto& l : listeners)
        out.push_back(l->extra(socket_attribute::local_address).as_inet().address().to_string());
    return out;
}

template <typename Listener>
std::uint16_t port_of(const Listener& l)
{
    return l->extra(socket_attribute::local_address).as_inet().port();
}

using strings = std::vector<std::string>;

std::vector<const boost::system::system_error*> system_errors(const easynet::exception_group& group,
                                                             std::vector<std::exception_ptr>& keep)
{
    std::vector<const boost::system::system_error*> out;
    for (const auto& e : group.exceptions()) {
        keep.push_back(e);
        try {
            std::rethrow_exception(e);
        } catch (const boost::system::system_error& se) {
            out.push_back(&se);
        } catch (...) {
            out.push_back(nullptr);
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(network_listeners)

BOOST_AUTO_TEST_CASE(b1_a_host_string_gives_one_listener_on_that_address)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        BOOST_TEST((local_addresses(listeners) == strings{"127.0.0.1"}));
        BOOST_TEST(port_of(listeners[0]) != 0);
        auto client = backend::create_tcp_connection("127.0.0.1", port_of(listeners[0]));
        BOOST_TEST(!client->is_closing());
    });
}

BOOST_AUTO_TEST_CASE(b1_a_host_list_gives_one_listener_per_address_sorted_and_deduplicated)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners(strings{"::1", "127.0.0.1", "::1", "127.0.0.1"}, 0);
        BOOST_TEST((local_addresses(listeners) == strings{"127.0.0.1", "::1"}));
    });
}

BOOST_AUTO_TEST_CASE(b1_duplicate_hosts_give_one_listener)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners(strings{"127.0.0.1", "127.0.0.1"}, 0);
        BOOST_TEST(listeners.size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(b1_a_braced_host_list_can_be_written_in_place)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners({"127.0.0.2", "127.0.0.1"}, 0);
        BOOST_TEST((local_addresses(listeners) == strings{"127.0.0.1", "127.0.0.2"}));
        auto udp = backend::create_udp_listeners({"127.0.0.1"}, 0);
        BOOST_TEST((local_addresses(udp) == strings{"127.0.0.1"}));
    });
}

BOOST_AUTO_TEST_CASE(b1_an_empty_host_listens_on_every_interface)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("", 0);
        BOOST_REQUIRE(!listeners.empty());
        for (const auto& l : listeners) {
            const auto address = l->extra(socket_attribute::local_address).as_inet().address();
            BOOST_TEST(address.is_unspecified(), address.to_string() << " is not a wildcard address");
        }
        BOOST_TEST_MESSAGE("all interfaces: " << listeners.size() << " listener(s)");
        // The IPv4 wildcard listener accepts loopback connections.
        for (const auto& l : listeners) {
            if (l->extra(socket_attribute::family) == AF_INET) {
                auto client = backend::create_tcp_connection("127.0.0.1", port_of(l));
                BOOST_TEST(!client->is_closing());
            }
        }
    });
}

BOOST_AUTO_TEST_CASE(b1_an_empty_host_list_is_rejected)
{
    easynet_test::run([] {
        BOOST_CHECK_THROW(backend::create_tcp_listeners(strings{}, 0), std::invalid_argument);
        BOOST_CHECK_THROW(backend::create_udp_listeners(strings{}, 0), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(b1_a_host_name_is_resolved)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("localhost", 0);
        BOOST_REQUIRE(!listeners.empty());
        for (const auto& l : listeners)
            BOOST_TEST(l->extra(socket_attribute::local_address).as_inet().address().is_loopback());
    });
}

BOOST_AUTO_TEST_CASE(b2_ipv6_listeners_are_ipv6_only)
{
    EASYNET_TEST_REQUIRE_IPV6();
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("::1", 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        BOOST_TEST(listeners[0]->extra(socket_attribute::socket).get_option(IPPROTO_IPV6, IPV6_V6ONLY) == 1);
        auto udp = backend::create_udp_listeners("::1", 0);
        BOOST_TEST(udp[0]->extra(socket_attribute::socket).get_option(IPPROTO_IPV6, IPV6_V6ONLY) == 1);
    });
}

BOOST_AUTO_TEST_CASE(b2_a_scoped_ipv6_literal_is_honoured)
{
    // A link-local address of this machine, written "fe80::...%<interface>".
    std::string scoped;
    unsigned scope_id = 0;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) == 0) {
        for (ifaddrs* i = list; i != nullptr && scoped.empty(); i = i->ifa_next) {
            if (i->ifa_addr == nullptr || i->ifa_addr->sa_family != AF_INET6)
                continue;
            const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
            if (!IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr))
                continue;
            char text[INET6_ADDRSTRLEN];
            ::inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof(text));
            scoped = std::string(text) + "%" + i->ifa_name;
            scope_id = ::if_nametoindex(i->ifa_name);
        }
        ::freeifaddrs(list);
    }
    if (scoped.empty()) {
        BOOST_TEST_MESSAGE("SKIPPED: no IPv6 link-local address on this machine");
        return;
    }
    easynet_test::run([&] {
        auto listeners = backend::create_tcp_listeners(scoped, 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        const auto address = listeners[0]->extra(socket_attribute::local_address).as_inet().address();
        BOOST_TEST(address.to_v6().is_link_local());
        BOOST_TEST(address.to_v6().scope_id() == scope_id);
    });
}

BOOST_AUTO_TEST_CASE(b3_tcp_listeners_reuse_addresses_udp_listeners_do_not)
{
    easynet_test::run([] {
        auto tcp = backend::create_tcp_listeners("127.0.0.1", 0);
        BOOST_TEST(tcp[0]->extra(socket_attribute::socket).get_option(SOL_SOCKET, SO_REUSEADDR) != 0);
        BOOST_TEST(tcp[0]->extra(socket_attribute::socket).get_option(SOL_SOCKET, SO_REUSEPORT) == 0);
        auto udp = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_TEST(udp[0]->extra(socket_attribute::socket).get_option(SOL_SOCKET, SO_REUSEADDR) == 0);
    });
}

BOOST_AUTO_TEST_CASE(b3_reuse_port_lets_two_listeners_share_a_port)
{
    easynet_test::run([] {
        auto first = backend::create_tcp_listeners("127.0.0.1", 0, 100, true);
        BOOST_TEST(first[0]->extra(socket_attribute::socket).get_option(SOL_SOCKET, SO_REUSEPORT) != 0);
        auto second = backend::create_tcp_listeners("127.0.0.1", port_of(first[0]), 100, true);
        BOOST_TEST(port_of(second[0]) == port_of(first[0]));
        auto udp1 = backend::create_udp_listeners("127.0.0.1", 0, true);
        auto udp2 = backend::create_udp_listeners("127.0.0.1", port_of(udp1[0]), true);
        BOOST_TEST(port_of(udp2[0]) == port_of(udp1[0]));
    });
}

BOOST_AUTO_TEST_CASE(b4_port_zero_gives_each_listener_its_own_port)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners(strings{"127.0.0.1", "127.0.0.2"}, 0);
        BOOST_REQUIRE_EQUAL(listeners.size(), 2u);
        for (const auto& l : listeners) {
            BOOST_TEST(port_of(l) != 0);
            auto client = backend::create_tcp_connection(
                l->extra(socket_attribute::local_address).as_inet().address().to_string(), port_of(l));
            BOOST_TEST(!client->is_closing());
        }
    });
}

BOOST_AUTO_TEST_CASE(b5_a_bind_failure_closes_every_socket_and_raises_a_group)
{
    easynet_test::run([] {
        auto taken = backend::create_tcp_listeners("127.0.0.2", 0);
        const auto port = port_of(taken[0]);
        try {
            (void)backend::create_tcp_listeners(strings{"127.0.0.1", "127.0.0.2"}, port);
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.message() == "Error when trying to create listeners");
            std::vector<std::exception_ptr> keep;
            auto errors = system_errors(group, keep);
            BOOST_REQUIRE_EQUAL(errors.size(), 1u);
            BOOST_REQUIRE(errors[0] != nullptr);
            BOOST_TEST(errors[0]->code().value() == EADDRINUSE);
            const std::string what = errors[0]->what();
            const std::string expected = "error while attempting to bind on address 127.0.0.2:" + std::to_string(port);
            BOOST_TEST(what.rfind(expected, 0) == 0u, what);
        }
        // The 127.0.0.1 socket was closed: its address is free again.
        auto again = backend::create_tcp_listeners("127.0.0.1", port);
        BOOST_TEST(again.size() == 1u);
    });
}

BOOST_AUTO_TEST_CASE(b5_udp_bind_failure_raises_a_group)
{
    easynet_test::run([] {
        auto taken = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_CHECK_THROW(backend::create_udp_listeners("127.0.0.1", port_of(taken[0])), easynet::exception_group);
    });
}

BOOST_AUTO_TEST_CASE(a_backlog_below_one_is_rejected)
{
    easynet_test::run([] {
        BOOST_CHECK_THROW(backend::create_tcp_listeners("127.0.0.1", 0, 0), std::invalid_argument);
        BOOST_CHECK_THROW(backend::create_tcp_listeners("127.0.0.1", 0, -5), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(udp_listeners_follow_the_host_rules)
{
    easynet_test::run([] {
        auto one = backend::create_udp_listeners("127.0.0.1", 0);
        BOOST_TEST((local_addresses(one) == strings{"127.0.0.1"}));
        auto all = backend::create_udp_listeners("", 0);
        BOOST_REQUIRE(!all.empty());
        for (const auto& l : all)
            BOOST_TEST(l->extra(socket_attribute::local_address).as_inet().address().is_unspecified());
    });
}

BOOST_AUTO_TEST_CASE(factories_outside_a_task_throw_not_in_task_error)
{
    BOOST_CHECK_THROW(backend::create_tcp_listeners("127.0.0.1", 0), easynet::not_in_task_error);
    BOOST_CHECK_THROW(backend::create_udp_listeners("127.0.0.1", 0), easynet::not_in_task_error);
    BOOST_CHECK_THROW(backend::create_tcp_connection("127.0.0.1", 1), easynet::not_in_task_error);
}

BOOST_AUTO_TEST_SUITE_END()
