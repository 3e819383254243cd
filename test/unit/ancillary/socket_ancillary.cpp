#include <easynet/lowlevel/socket/socket_ancillary.hpp>

#include <easynet/defaults.hpp>
#include <easynet/lowlevel/api_sync/endpoints/stream_endpoint.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/serializers/line_serializer.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
namespace endpoints = easynet::lowlevel::api_sync::endpoints;
using easynet::lowlevel::raw_ancillary_message;
using ancillary = easynet::lowlevel::socket_ancillary;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::unix_credentials;
using transports::seconds;
using transport = transports::socket_stream_transport;
using namespace std::chrono_literals;

namespace {

bool is_open(int fd) { return ::fcntl(fd, F_GETFD) >= 0; }

/// Three fresh descriptors (pipe ends and /dev/null), closed by the caller.
std::vector<int> three_fds()
{
    int p[2];
    BOOST_REQUIRE(::pipe2(p, O_CLOEXEC) == 0);
    const int n = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    BOOST_REQUIRE(n >= 0);
    return {p[0], p[1], n};
}

/// The SCM_RIGHTS message carrying `fds`, as a read would return it.
std::vector<raw_ancillary_message> socket_ancillary_like_raw(const std::vector<int>& fds)
{
    return {{SOL_SOCKET, SCM_RIGHTS, std::string(reinterpret_cast<const char*>(fds.data()), fds.size() * sizeof(int))}};
}

void close_all(const std::vector<int>& fds)
{
    for (int fd : fds)
        ::close(fd);
}

/// Sends `fds` with "x" from `from` and receives them on `to` (both sync transports).
std::vector<int> pass_fds(transport& from, transport& to, const std::vector<int>& fds)
{
    ancillary out;
    out.add_fds(fds);
    const auto raw = out.as_raw();
    const std::string_view data[] = {"x"};
    from.send_all_with_ancillary(data, raw, 5s);
    char buf[4];
    auto got = to.recv_with_ancillary_into(buf, easynet::defaults::unix_ancillary_bufsize, 5s);
    BOOST_REQUIRE_EQUAL(got.size, 1u);
    ancillary in;
    in.update_from_raw(got.messages);
    return in.take_fds();
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_ancillary)

BOOST_AUTO_TEST_CASE(as_raw_and_update_from_raw_round_trip_A4)
{
    ancillary a;
    const int fds[] = {3, 4, 5};
    a.add_fds(fds);
    const unix_credentials creds[] = {{42, 1000, 1001}};
    a.add_creds(creds);
    const auto raw = a.as_raw();
    BOOST_REQUIRE_EQUAL(raw.size(), 2u);
    BOOST_CHECK_EQUAL(raw[0].level, SOL_SOCKET);
    BOOST_CHECK_EQUAL(raw[0].type, SCM_RIGHTS);
    BOOST_CHECK_EQUAL(raw[0].data.size(), 3 * sizeof(int));
    BOOST_CHECK_EQUAL(raw[1].type, SCM_CREDENTIALS);
    ancillary b;
    auto with_noise = raw;
    with_noise.push_back({SOL_SOCKET, 12345, "ignored"}); // unknown type
    with_noise.push_back({0x7777, SCM_RIGHTS, "ign"});     // unknown level
    b.update_from_raw(with_noise);
    BOOST_CHECK(b.iter_fds() == std::vector<int>(std::begin(fds), std::end(fds)));
    BOOST_REQUIRE_EQUAL(b.iter_creds().size(), 1u);
    BOOST_CHECK(b.iter_creds()[0] == creds[0]);
    const auto messages = b.messages();
    BOOST_REQUIRE_EQUAL(messages.size(), 2u);
    BOOST_CHECK(std::get<easynet::lowlevel::scm_rights>(messages[0]).fds == b.iter_fds());
    b.take_fds(); // not ours to close
}

BOOST_AUTO_TEST_CASE(update_from_raw_drops_trailing_partial_items_A4)
{
    ancillary a;
    std::string data(2 * sizeof(int) + 2, '\0');
    const int values[2] = {7, 8};
    std::memcpy(data.data(), values, sizeof(values));
    const raw_ancillary_message raw[] = {{SOL_SOCKET, SCM_RIGHTS, data}};
    a.update_from_raw(raw);
    BOOST_CHECK(a.iter_fds() == (std::vector<int>{7, 8}));
    a.take_fds();
    BOOST_CHECK(a.messages().empty());
}

BOOST_AUTO_TEST_CASE(received_fds_are_closed_unless_taken_and_added_fds_stay_the_callers)
{
    auto fds = three_fds();
    {
        ancillary added;
        added.add_fds(fds);
        added.clear();
    }
    for (int fd : fds)
        BOOST_CHECK(is_open(fd)); // add_fds does not take ownership
    {
        ancillary received;
        received.update_from_raw(socket_ancillary_like_raw(fds));
    }
    for (int fd : fds)
        BOOST_CHECK(!is_open(fd)); // the destructor closed the received ones
    BOOST_CHECK_THROW(ancillary().add_fds(std::vector<int>{-1}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(three_fds_pass_both_ways_over_sync_transports_without_leak)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_stream_pair();
        transport a(pair.release_first());
        transport b(pair.release_second());
        for (int round = 0; round < 2; ++round) {
            auto& from = round == 0 ? a : b;
            auto& to = round == 0 ? b : a;
            auto fds = three_fds();
            auto received = pass_fds(from, to, fds);
            BOOST_REQUIRE_EQUAL(received.size(), 3u);
            // The received descriptors are new ones on the same files: a pipe written
            // through the received write end is readable through the original read end.
            BOOST_CHECK_EQUAL(::write(received[1], "z", 1), 1);
            char c = 0;
            BOOST_CHECK_EQUAL(::read(fds[0], &c, 1), 1);
            BOOST_CHECK_EQUAL(c, 'z');
            BOOST_CHECK(::fcntl(received[0], F_GETFD) & FD_CLOEXEC);
            close_all(received);
            close_all(fds);
        }
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(unclaimed_received_fds_do_not_leak)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_stream_pair();
        transport a(pair.release_first());
        transport b(pair.release_second());
        auto fds = three_fds();
        ancillary out;
        out.add_fds(fds);
        const std::string_view data[] = {"x"};
        a.send_all_with_ancillary(data, out.as_raw(), 5s);
        close_all(fds);
        char buf[4];
        auto got = b.recv_with_ancillary_into(buf, 256, 5s);
        ancillary in;
        in.update_from_raw(got.messages);
        BOOST_CHECK_EQUAL(in.iter_fds().size(), 3u);
    } // `in` closes them
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_CASE(credentials_pass_both_ways_A4)
{
    auto pair = easynet_test::unix_stream_pair();
    transport a(pair.release_first());
    transport b(pair.release_second());
    for (auto* t : {&a, &b})
        t->extra(socket_attribute::socket).set_option(SOL_SOCKET, SO_PASSCRED, 1);
    for (int round = 0; round < 2; ++round) {
        auto& from = round == 0 ? a : b;
        auto& to = round == 0 ? b : a;
        ancillary out;
        const unix_credentials mine[] = {{0, ::getuid(), ::getgid()}}; // pid 0: this process
        out.add_creds(mine);
        const std::string_view data[] = {"c"};
        from.send_all_with_ancillary(data, out.as_raw(), 5s);
        char buf[4];
        auto got = to.recv_with_ancillary_into(buf, 256, 5s);
        ancillary in;
        in.update_from_raw(got.messages);
        BOOST_REQUIRE_EQUAL(in.iter_creds().size(), 1u);
        BOOST_CHECK(in.iter_creds()[0] == (unix_credentials{::getpid(), ::getuid(), ::getgid()}));
    }
}

BOOST_AUTO_TEST_CASE(ancillary_send_that_does_not_fit_in_one_call_is_emsgsize_W5)
{
    auto pair = easynet_test::unix_stream_pair();
    const int small = 4096;
    BOOST_REQUIRE(::setsockopt(pair.first, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)) == 0);
    transport a(pair.release_first());
    const std::string big(1024 * 1024, 'b');
    const std::string_view data[] = {big};
    try {
        a.send_all_with_ancillary(data, {}, 5s);
        BOOST_FAIL("no EMSGSIZE");
    } catch (const boost::system::system_error& e) {
        BOOST_CHECK_EQUAL(e.code().value(), EMSGSIZE);
    }
}

BOOST_AUTO_TEST_CASE(sync_endpoint_sends_and_receives_a_packet_with_three_fds_item_48)
{
    const std::size_t before = easynet_test::open_fd_count();
    {
        auto pair = easynet_test::unix_stream_pair();
        auto protocol = easynet::protocol::stream_protocol<std::string>(
            std::make_shared<easynet::serializers::string_line_serializer>());
        endpoints::stream_endpoint<std::string> a(std::make_unique<transport>(pair.release_first()), protocol);
        endpoints::stream_endpoint<std::string> b(std::make_unique<transport>(pair.release_second()), protocol);
        auto fds = three_fds();
        ancillary out;
        out.add_fds(fds);
        a.send_packet_with_ancillary("here are fds", out.as_raw(), 5s);
        close_all(fds);
        ancillary in;
        auto packet = b.recv_packet_with_ancillary(
            easynet::defaults::unix_ancillary_bufsize, [&](std::vector<raw_ancillary_message> m) { in.update_from_raw(m); },
            5s);
        BOOST_CHECK_EQUAL(packet, "here are fds");
        BOOST_CHECK_EQUAL(in.iter_fds().size(), 3u);
        for (int fd : in.iter_fds())
            BOOST_CHECK(is_open(fd));
    }
    BOOST_CHECK_EQUAL(easynet_test::open_fd_count(), before);
}

BOOST_AUTO_TEST_SUITE_END()
