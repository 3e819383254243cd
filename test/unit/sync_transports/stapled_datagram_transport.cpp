#include <easynet/lowlevel/api_sync/transports/stapled_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_sync/transports/socket_datagram_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <memory>
#include <string>
#include <vector>

namespace transports = easynet::lowlevel::api_sync::transports;
using easynet::lowlevel::extra_attribute_map;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::typed_attribute;
using transports::seconds;
using stapled = transports::stapled_datagram_transport;
using namespace std::chrono_literals;

namespace {

constexpr typed_attribute<std::string> side{"side"};

/// A write-only transport that records what it is given; closing it may fail once.
class recording_writer final : public transports::datagram_write_transport {
public:
    void send(std::string_view data, seconds) override { sent.emplace_back(data); }
    void close() override
    {
        closed = true;
        if (fail_close)
            throw std::runtime_error("close failed");
    }
    bool is_closed() const noexcept override { return closed; }
    const extra_attribute_map& extra_attributes() const override { return attributes; }

    std::vector<std::string> sent;
    bool closed = false;
    bool fail_close = false;
    extra_attribute_map attributes;
};

std::unique_ptr<transports::socket_datagram_transport> wrap(int fd)
{
    return std::make_unique<transports::socket_datagram_transport>(fd, 100ms);
}

} // namespace

BOOST_AUTO_TEST_SUITE(stapled_datagram_transport)

BOOST_AUTO_TEST_CASE(sends_through_one_half_and_receives_from_the_other_W6)
{
    auto out = easynet_test::unix_datagram_pair();
    auto in = easynet_test::unix_datagram_pair();
    transports::socket_datagram_transport out_peer(out.release_second());
    transports::socket_datagram_transport in_peer(in.release_second());
    stapled transport(wrap(out.release_first()), wrap(in.release_first()));
    transport.send("to out", 1s);
    BOOST_CHECK_EQUAL(out_peer.recv(5s), "to out");
    in_peer.send("from in", 1s);
    BOOST_CHECK_EQUAL(transport.recv(5s), "from in");
    BOOST_CHECK_THROW(transport.recv(seconds{0}), easynet::timeout_error); // nothing came through the send half
    transport.send_with_ancillary("ancillary", {}, 1s);
    BOOST_CHECK_EQUAL(out_peer.recv(5s), "ancillary");
    in_peer.send("more", 1s);
    BOOST_CHECK_EQUAL(transport.recv_with_ancillary(64, 5s).data, "more");
}

BOOST_AUTO_TEST_CASE(extra_attributes_are_merged_the_receive_side_winning_W6)
{
    auto in = easynet_test::udp_loopback_pair();
    auto writer = std::make_unique<recording_writer>();
    writer->attributes.set(side, [] { return std::string("send"); });
    writer->attributes.set(socket_attribute::family, [] { return -1; });
    auto reader = wrap(in.release_first());
    const auto local = reader->extra(socket_attribute::local_address);
    stapled transport(std::move(writer), std::move(reader));
    BOOST_CHECK_EQUAL(transport.extra(side), "send");                   // only the send side has it
    BOOST_CHECK_EQUAL(transport.extra(socket_attribute::family), AF_INET); // the receive side wins
    BOOST_CHECK(transport.extra(socket_attribute::local_address) == local);
}

BOOST_AUTO_TEST_CASE(ancillary_calls_are_unsupported_when_the_half_is)
{
    auto in = easynet_test::udp_loopback_pair();
    stapled transport(std::make_unique<recording_writer>(), wrap(in.release_first()));
    BOOST_CHECK_THROW(transport.send_with_ancillary("x", {}, 1s), easynet::unsupported_operation);
    BOOST_CHECK_THROW(transport.recv_with_ancillary(64, seconds{0}), easynet::unsupported_operation); // UDP
}

BOOST_AUTO_TEST_CASE(close_closes_both_halves_even_when_the_first_close_fails)
{
    auto in = easynet_test::unix_datagram_pair();
    auto writer = std::make_unique<recording_writer>();
    writer->fail_close = true;
    stapled transport(std::move(writer), wrap(in.release_first()));
    BOOST_CHECK(!transport.is_closed());
    BOOST_CHECK_THROW(transport.close(), std::runtime_error);
    BOOST_CHECK(transport.send_transport().is_closed());
    BOOST_CHECK(transport.receive_transport().is_closed());
    BOOST_CHECK(transport.is_closed());
}

BOOST_AUTO_TEST_CASE(constructor_rejects_null_halves)
{
    auto in = easynet_test::unix_datagram_pair();
    BOOST_CHECK_THROW(stapled(nullptr, wrap(in.release_first())), std::invalid_argument);
    BOOST_CHECK_THROW(stapled(std::make_unique<recording_writer>(), nullptr), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
