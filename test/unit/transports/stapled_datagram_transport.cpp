#include <easynet/lowlevel/api_async/transports/stapled_datagram_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/socket_pairs.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::extra_attribute_map;
using easynet::lowlevel::raw_ancillary_message;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::typed_attribute;
using transports::async_stapled_datagram_transport;
using namespace std::chrono_literals;

namespace {

constexpr typed_attribute<std::string> side{"side"};
constexpr typed_attribute<int> send_only{"send_only"};
constexpr typed_attribute<int> receive_only{"receive_only"};

/// A write-only datagram transport that records what it is given.
class recording_writer final : public transports::async_datagram_write_transport {
public:
    explicit recording_writer(extra_attribute_map attributes) : attributes_(std::move(attributes)) {}
    void send(std::string_view data) override { sent.emplace_back(data); }
    void aclose() override
    {
        closed = true;
        backend::coro_yield();
    }
    bool is_closing() const noexcept override { return closed; }
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    std::vector<std::string> sent;
    bool closed = false;

private:
    extra_attribute_map attributes_;
};

/// A read-only datagram transport serving fixed datagrams.
class scripted_reader final : public transports::async_datagram_read_transport {
public:
    scripted_reader(std::vector<std::string> datagrams, extra_attribute_map attributes)
        : datagrams_(std::move(datagrams)), attributes_(std::move(attributes))
    {
    }
    std::string recv() override
    {
        std::string d = datagrams_.front();
        datagrams_.erase(datagrams_.begin());
        return d;
    }
    void aclose() override
    {
        closed = true;
        backend::coro_yield();
    }
    bool is_closing() const noexcept override { return closed; }
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    bool closed = false;

private:
    std::vector<std::string> datagrams_;
    extra_attribute_map attributes_;
};

extra_attribute_map attributes_of(const std::string& name, const typed_attribute<int>& own)
{
    extra_attribute_map map;
    map.set(side, [name] { return name; });
    map.set(own, [] { return 1; });
    return map;
}

struct socket_pair {
    backend::datagram_transport_ptr a;
    backend::datagram_transport_ptr b;
};

socket_pair make_socket_pair()
{
    auto fds = easynet_test::unix_datagram_pair();
    return {backend::wrap_connected_datagram_socket(fds.release_first()),
            backend::wrap_connected_datagram_socket(fds.release_second())};
}

} // namespace

BOOST_AUTO_TEST_SUITE(stapled_datagram_transport)

BOOST_AUTO_TEST_CASE(sends_through_one_half_and_receives_from_the_other_W6)
{
    easynet_test::run([] {
        auto out = make_socket_pair();
        auto in = make_socket_pair();
        async_stapled_datagram_transport stapled(std::move(out.a), std::move(in.a));
        stapled.send("to out");
        stapled.send("");
        BOOST_TEST(out.b->recv() == "to out");
        BOOST_TEST(out.b->recv() == "");
        in.b->send("from in");
        BOOST_TEST(stapled.recv() == "from in");
    });
}

BOOST_AUTO_TEST_CASE(ancillary_calls_go_to_the_matching_half_A1_W6)
{
    easynet_test::run([] {
        auto out = make_socket_pair();
        auto in = make_socket_pair();
        async_stapled_datagram_transport stapled(std::move(out.a), std::move(in.a));
        const int answer = 42;
        const raw_ancillary_message unknown{SOL_SOCKET, 4242, std::string(reinterpret_cast<const char*>(&answer), 4)};
        // An unknown control message type is refused by the kernel: proof the call reached sendmsg.
        BOOST_CHECK_THROW(stapled.send_with_ancillary("x", std::span(&unknown, 1)), boost::system::system_error);
        stapled.send_with_ancillary("plain", {});
        BOOST_TEST(out.b->recv() == "plain");
        in.b->send("with room for control messages");
        auto got = stapled.recv_with_ancillary(256);
        BOOST_TEST(got.data == "with room for control messages");
        BOOST_TEST(got.messages.empty());
    });
}

BOOST_AUTO_TEST_CASE(ancillary_calls_are_unsupported_when_the_half_is)
{
    easynet_test::run([] {
        async_stapled_datagram_transport stapled(std::make_unique<recording_writer>(extra_attribute_map{}),
                                                 std::make_unique<scripted_reader>(std::vector<std::string>{}, extra_attribute_map{}));
        BOOST_CHECK_THROW(stapled.send_with_ancillary("x", {}), easynet::unsupported_operation);
        BOOST_CHECK_THROW(stapled.recv_with_ancillary(64), easynet::unsupported_operation);
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_are_merged_the_receive_side_winning_W6)
{
    easynet_test::run([] {
        async_stapled_datagram_transport stapled(
            std::make_unique<recording_writer>(attributes_of("send", send_only)),
            std::make_unique<scripted_reader>(std::vector<std::string>{"a", "b"}, attributes_of("receive", receive_only)));
        BOOST_TEST(stapled.extra(side) == "receive");
        BOOST_TEST(stapled.extra(send_only) == 1);
        BOOST_TEST(stapled.extra(receive_only) == 1);
        BOOST_CHECK_THROW(stapled.extra(socket_attribute::family), easynet::typed_attribute_lookup_error);
        BOOST_TEST(stapled.recv() == "a");
        BOOST_TEST(stapled.recv() == "b");
        stapled.send("one");
        auto& writer = dynamic_cast<recording_writer&>(stapled.send_transport());
        BOOST_TEST(writer.sent == std::vector<std::string>{"one"});
    });
}

BOOST_AUTO_TEST_CASE(socket_halves_give_the_receive_side_addresses_W6)
{
    easynet_test::run([] {
        auto out = easynet_test::udp_loopback_pair();
        auto in = easynet_test::udp_loopback_pair();
        auto send_half = backend::wrap_connected_datagram_socket(out.release_first());
        auto receive_half = backend::wrap_connected_datagram_socket(in.release_first());
        const auto expected = receive_half->extra(socket_attribute::local_address);
        async_stapled_datagram_transport stapled(std::move(send_half), std::move(receive_half));
        BOOST_TEST((stapled.extra(socket_attribute::local_address) == expected));
        BOOST_TEST(stapled.extra(socket_attribute::family) == AF_INET);
    });
}

BOOST_AUTO_TEST_CASE(aclose_closes_both_halves_W6)
{
    easynet_test::run([] {
        auto writer = std::make_unique<recording_writer>(extra_attribute_map{});
        auto reader = std::make_unique<scripted_reader>(std::vector<std::string>{}, extra_attribute_map{});
        auto* w = writer.get();
        auto* r = reader.get();
        async_stapled_datagram_transport stapled(std::move(writer), std::move(reader));
        BOOST_TEST(!stapled.is_closing());
        stapled.aclose();
        BOOST_TEST(w->closed);
        BOOST_TEST(r->closed);
        BOOST_TEST(stapled.is_closing());
        BOOST_TEST(&stapled.send_transport() == w);
        BOOST_TEST(&stapled.receive_transport() == r);
    });
}

BOOST_AUTO_TEST_CASE(cancelled_aclose_still_closes_both_halves)
{
    easynet_test::run([] {
        auto out = make_socket_pair();
        auto in = make_socket_pair();
        async_stapled_datagram_transport stapled(std::move(out.a), std::move(in.a));
        auto scope = backend::move_on_after(0s);
        scope.run([&] { stapled.aclose(); });
        BOOST_TEST(stapled.send_transport().is_closing());
        BOOST_TEST(stapled.receive_transport().is_closing());
    });
}

BOOST_AUTO_TEST_CASE(constructor_rejects_null_halves)
{
    BOOST_CHECK_THROW(async_stapled_datagram_transport(
                          nullptr, std::make_unique<scripted_reader>(std::vector<std::string>{}, extra_attribute_map{})),
                      std::invalid_argument);
    BOOST_CHECK_THROW(async_stapled_datagram_transport(std::make_unique<recording_writer>(extra_attribute_map{}), nullptr),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
