#include <easynet/lowlevel/socket/unix_credentials.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

using easynet::lowlevel::get_peer_credentials;

BOOST_AUTO_TEST_SUITE(unix_credentials)

BOOST_AUTO_TEST_CASE(peer_credentials_are_this_process_A5)
{
    auto pair = easynet_test::unix_stream_pair();
    const auto creds = get_peer_credentials(pair.first);
    BOOST_CHECK(creds == (easynet::lowlevel::unix_credentials{::getpid(), ::getuid(), ::getgid()}));
    BOOST_CHECK(get_peer_credentials(pair.second) == creds);
}

BOOST_AUTO_TEST_CASE(no_peer_is_einval_and_a_bad_descriptor_ebadf_A5)
{
    const int lone = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(lone >= 0);
    try {
        get_peer_credentials(lone);
        BOOST_FAIL("no error");
    } catch (const boost::system::system_error& e) {
        BOOST_CHECK_EQUAL(e.code().value(), EINVAL);
    }
    ::close(lone);
    try {
        get_peer_credentials(lone);
        BOOST_FAIL("no error");
    } catch (const boost::system::system_error& e) {
        BOOST_CHECK_EQUAL(e.code().value(), EBADF);
    }
}

BOOST_AUTO_TEST_SUITE_END()
