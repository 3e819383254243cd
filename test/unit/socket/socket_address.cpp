#include <easynet/lowlevel/socket/socket_address.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <stdexcept>
#include <unordered_set>

namespace ll = easynet::lowlevel;

BOOST_AUTO_TEST_SUITE(socket_address)

BOOST_AUTO_TEST_CASE(inet_addresses_print_as_host_and_port)
{
    ll::inet_socket_address v4(boost::asio::ip::make_address("127.0.0.1"), 8080);
    ll::inet_socket_address v6(boost::asio::ip::make_address("::1"), 53);
    BOOST_TEST(v4.to_string() == "127.0.0.1:8080");
    BOOST_TEST(v6.to_string() == "[::1]:53");
    BOOST_TEST(v4.family() == AF_INET);
    BOOST_TEST(v6.family() == AF_INET6);
}

BOOST_AUTO_TEST_CASE(native_round_trip_keeps_address_port_and_scope)
{
    auto scoped = boost::asio::ip::make_address_v6("fe80::1");
    scoped.scope_id(3);
    for (const ll::socket_address& a :
         {ll::socket_address(ll::inet_socket_address(boost::asio::ip::make_address("10.1.2.3"), 1)),
          ll::socket_address(ll::inet_socket_address(scoped, 65535)),
          ll::socket_address(ll::unix_socket_address::from_pathname("/tmp/s")),
          ll::socket_address(ll::unix_socket_address::from_abstract_name("abs"))}) {
        sockaddr_storage storage{};
        const std::size_t length = a.to_native(&storage, sizeof(storage));
        const auto back = ll::socket_address::from_native(&storage, length);
        BOOST_TEST((back == a), back.to_string() << " != " << a.to_string());
        BOOST_TEST(back.family() == a.family());
    }
}

BOOST_AUTO_TEST_CASE(unknown_families_are_rejected)
{
    sockaddr_storage storage{};
    storage.ss_family = AF_APPLETALK;
    BOOST_CHECK_THROW(ll::socket_address::from_native(&storage, sizeof(storage)), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_socket_address_tells_its_kind)
{
    ll::socket_address inet(ll::inet_socket_address(boost::asio::ip::make_address("127.0.0.1"), 1));
    ll::socket_address local(ll::unix_socket_address("/x"));
    BOOST_TEST(inet.is_inet());
    BOOST_TEST(!inet.is_unix());
    BOOST_TEST(local.is_unix());
    BOOST_TEST(local.family() == AF_UNIX);
    BOOST_CHECK_THROW(local.as_inet(), std::bad_variant_access);
    BOOST_TEST(ll::socket_address().to_string() == "<unnamed>");
}

BOOST_AUTO_TEST_CASE(addresses_are_hashable)
{
    std::unordered_set<ll::socket_address> set;
    set.insert(ll::inet_socket_address(boost::asio::ip::make_address("127.0.0.1"), 1));
    set.insert(ll::inet_socket_address(boost::asio::ip::make_address("127.0.0.1"), 1));
    set.insert(ll::inet_socket_address(boost::asio::ip::make_address("127.0.0.1"), 2));
    set.insert(ll::unix_socket_address("/x"));
    BOOST_TEST(set.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
