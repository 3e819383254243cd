// Unix stream and datagram connections and listeners: pathnames, abstract names, mode.
#include <easynet/lowlevel/api_async/backend/network.hpp>

#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <filesystem>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_address;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::unix_socket_address;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

bool is_errno(const boost::system::system_error& e, int value) { return e.code().value() == value; }

/// Accepts one connection on `listener` and returns its transport (call in a task).
backend::stream_transport_ptr accept_one(backend::stream_listener_ptr& listener)
{
    backend::stream_transport_ptr accepted;
    auto scope = backend::open_cancel_scope();
    scope.run([&] {
        listener->serve([&](backend::stream_transport_ptr t) {
            accepted = std::move(t);
            scope.cancel();
        });
    });
    return accepted;
}

} // namespace

BOOST_AUTO_TEST_SUITE(network_unix)

BOOST_AUTO_TEST_CASE(stream_connection_to_a_pathname_listener)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        const unix_socket_address path(dir / "server.sock");
        auto listener = backend::create_unix_stream_listener(path);
        BOOST_TEST(fs::is_socket(dir / "server.sock"));
        BOOST_TEST(listener->extra(socket_attribute::family) == AF_UNIX);
        BOOST_TEST((listener->extra(socket_attribute::local_address) == socket_address(path)));
        auto client = backend::create_unix_stream_connection(path);
        auto server_side = accept_one(listener);
        BOOST_REQUIRE(server_side);
        client->send_all("over unix");
        BOOST_TEST(server_side->recv(64) == "over unix");
        BOOST_TEST(client->extra(socket_attribute::remote_address).to_string() == path.to_string());
        BOOST_TEST(server_side->extra(socket_attribute::remote_address).as_unix().is_unnamed());
    });
}

BOOST_AUTO_TEST_CASE(stream_connection_binds_its_local_path)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        const unix_socket_address path(dir / "server.sock");
        const unix_socket_address local(dir / "client.sock");
        auto listener = backend::create_unix_stream_listener(path);
        auto client = backend::create_unix_stream_connection(path, local);
        auto server_side = accept_one(listener);
        BOOST_TEST(server_side->extra(socket_attribute::remote_address).to_string() == local.to_string());
        BOOST_TEST(client->extra(socket_attribute::local_address).to_string() == local.to_string());
    });
}

BOOST_AUTO_TEST_CASE(abstract_names_work_for_streams_and_datagrams)
{
    easynet_test::run([] {
        const auto name = easynet_test::unique_abstract_name("stream");
        const auto address = unix_socket_address::from_abstract_name(name);
        auto listener = backend::create_unix_stream_listener(address);
        BOOST_TEST(listener->extra(socket_attribute::local_address).to_string() == "@" + name);
        auto client = backend::create_unix_stream_connection(address);
        auto server_side = accept_one(listener);
        client->send_all("abstract");
        BOOST_TEST(server_side->recv(64) == "abstract");

        const auto dgram_address = unix_socket_address::from_abstract_name(easynet_test::unique_abstract_name("dgram"));
        auto dgram_listener = backend::create_unix_datagram_listener(dgram_address);
        auto endpoint = backend::create_unix_datagram_endpoint(dgram_address);
        BOOST_TEST((endpoint->extra(socket_attribute::remote_address) == socket_address(dgram_address)));
    });
}

BOOST_AUTO_TEST_CASE(mode_is_applied_to_the_socket_file)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        auto stream = backend::create_unix_stream_listener(dir / "s.sock", 10, fs::perms(0600));
        auto dgram = backend::create_unix_datagram_listener(dir / "d.sock", fs::perms(0640));
        struct stat st {};
        BOOST_REQUIRE(::stat((dir / "s.sock").c_str(), &st) == 0);
        BOOST_TEST((st.st_mode & 0777) == 0600u);
        BOOST_REQUIRE(::stat((dir / "d.sock").c_str(), &st) == 0);
        BOOST_TEST((st.st_mode & 0777) == 0640u);
    });
}

BOOST_AUTO_TEST_CASE(mode_needs_a_pathname)
{
    easynet_test::run([] {
        auto abstract = unix_socket_address::from_abstract_name(easynet_test::unique_abstract_name("mode"));
        BOOST_CHECK_THROW(backend::create_unix_stream_listener(abstract, 10, fs::perms(0600)), std::invalid_argument);
        BOOST_CHECK_THROW(backend::create_unix_datagram_listener(abstract, fs::perms(0600)), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(an_existing_path_is_not_replaced)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        auto first = backend::create_unix_stream_listener(dir / "s.sock");
        BOOST_CHECK_EXCEPTION(backend::create_unix_stream_listener(dir / "s.sock"), boost::system::system_error,
                              [&](const boost::system::system_error& e) {
                                  return is_errno(e, EADDRINUSE) &&
                                         std::string(e.what()).rfind(
                                             "error while attempting to bind on address " + (dir / "s.sock").string(),
                                             0) == 0;
                              });
    });
}

BOOST_AUTO_TEST_CASE(connecting_to_a_missing_path_fails_with_the_os_error)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        BOOST_CHECK_EXCEPTION(backend::create_unix_stream_connection(dir / "missing.sock"), boost::system::system_error,
                              [](const auto& e) { return is_errno(e, ENOENT); });
        BOOST_CHECK_EXCEPTION(backend::create_unix_datagram_endpoint(dir / "missing.sock"),
                              boost::system::system_error, [](const auto& e) { return is_errno(e, ENOENT); });
    });
}

BOOST_AUTO_TEST_CASE(a_backlog_below_one_is_rejected)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        BOOST_CHECK_THROW(backend::create_unix_stream_listener(dir / "s.sock", 0), std::invalid_argument);
    });
}

BOOST_AUTO_TEST_CASE(datagram_endpoint_exchanges_with_a_listener)
{
    easynet_test::run([] {
        easynet_test::temp_dir dir;
        auto listener = backend::create_unix_datagram_listener(dir / "server.sock");
        auto endpoint = backend::create_unix_datagram_endpoint(dir / "server.sock", unix_socket_address(dir / "c.sock"));
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener->serve([&](std::string d, socket_address from) { listener->send_to("re:" + d, from); });
            });
            endpoint->send("q");
            BOOST_TEST(endpoint->recv() == "re:q");
            tg.cancel();
        });
    });
}

BOOST_AUTO_TEST_SUITE_END()
