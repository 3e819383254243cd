#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/un.h>

#include <stdexcept>
#include <string>
#include <unordered_set>


using namespace std::string_literals;

BOOST_AUTO_TEST_SUITE(unix_socket_address)

BOOST_AUTO_TEST_CASE(default_is_unnamed)
{
    const easynet::lowlevel::unix_socket_address a;
    BOOST_TEST(a.is_unnamed());
    BOOST_TEST(a.to_string() == "<unnamed>");
    BOOST_TEST(a.as_raw().empty());
    BOOST_TEST(!a.as_pathname());
    BOOST_TEST(!a.as_abstract_name());
}

BOOST_AUTO_TEST_CASE(a_pathname_prints_as_the_path)
{
    auto a = easynet::lowlevel::unix_socket_address::from_pathname("/run/app.sock");
    BOOST_TEST(a.is_pathname());
    BOOST_TEST(a.to_string() == "/run/app.sock");
    BOOST_TEST(a.as_pathname()->string() == "/run/app.sock");
    BOOST_TEST(a.as_raw() == "/run/app.sock");
    // Plain strings convert implicitly to pathnames.
    easynet::lowlevel::unix_socket_address b = "/run/app.sock";
    BOOST_TEST((a == b));
}

BOOST_AUTO_TEST_CASE(a6_a_nul_byte_in_a_pathname_is_rejected)
{
    BOOST_CHECK_THROW(easynet::lowlevel::unix_socket_address::from_pathname("a\0b"s), std::invalid_argument);
    BOOST_CHECK_THROW(easynet::lowlevel::unix_socket_address("\0abstract"s), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a6_an_empty_pathname_is_unnamed)
{
    BOOST_TEST(easynet::lowlevel::unix_socket_address::from_pathname("").is_unnamed());
}

BOOST_AUTO_TEST_CASE(a6_an_abstract_name_prints_with_an_at_sign_and_starts_with_nul_when_raw)
{
    auto a = easynet::lowlevel::unix_socket_address::from_abstract_name("name\0with nul"s);
    BOOST_TEST(a.is_abstract());
    BOOST_TEST(a.to_string() == "@name\0with nul"s);
    BOOST_TEST(a.as_raw() == "\0name\0with nul"s);
    BOOST_TEST(*a.as_abstract_name() == "name\0with nul"s);
}

BOOST_AUTO_TEST_CASE(from_raw_recognises_the_three_kinds)
{
    BOOST_TEST(easynet::lowlevel::unix_socket_address::from_raw("").is_unnamed());
    BOOST_TEST(easynet::lowlevel::unix_socket_address::from_raw("\0x"s).to_string() == "@x");
    BOOST_TEST(easynet::lowlevel::unix_socket_address::from_raw("/p\0junk"s).to_string() == "/p");
}

BOOST_AUTO_TEST_CASE(native_round_trip_keeps_every_kind)
{
    for (const auto& a : {easynet::lowlevel::unix_socket_address(),
                          easynet::lowlevel::unix_socket_address::from_pathname("/tmp/x.sock"),
                          easynet::lowlevel::unix_socket_address::from_abstract_name("abs")}) {
        sockaddr_storage storage{};
        const std::size_t length = a.to_native(&storage, sizeof(storage));
        BOOST_TEST((easynet::lowlevel::unix_socket_address::from_native(&storage, length) == a));
    }
}

BOOST_AUTO_TEST_CASE(a_path_too_long_for_sun_path_is_an_error)
{
    const std::string path(200, 'p');
    auto a = easynet::lowlevel::unix_socket_address::from_pathname(path);
    sockaddr_storage storage{};
    BOOST_CHECK_THROW(a.to_native(&storage, sizeof(storage)), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(addresses_are_equal_and_hashed_by_value)
{
    std::unordered_set<easynet::lowlevel::unix_socket_address> set;
    set.insert(easynet::lowlevel::unix_socket_address::from_pathname("/a"));
    set.insert(easynet::lowlevel::unix_socket_address("/a"));
    set.insert(easynet::lowlevel::unix_socket_address::from_abstract_name("/a"));
    set.insert(easynet::lowlevel::unix_socket_address());
    BOOST_TEST(set.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
