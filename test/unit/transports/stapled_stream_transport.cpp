#include <easynet/lowlevel/api_async/transports/stapled_stream_transport.hpp>

#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/socket.h>

#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::extra_attribute_map;
using easynet::lowlevel::socket_attribute;
using easynet::lowlevel::typed_attribute;
using transports::async_stapled_stream_transport;
using namespace std::chrono_literals;

namespace {

constexpr typed_attribute<std::string> side{"side"};
constexpr typed_attribute<int> send_only{"send_only"};
constexpr typed_attribute<int> receive_only{"receive_only"};

/// A write-only transport that records what it is given; its attributes are configurable.
class recording_writer final : public transports::async_stream_write_transport {
public:
    explicit recording_writer(extra_attribute_map attributes) : attributes_(std::move(attributes)) {}
    void send_all(std::string_view data) override { sent += data; }
    void aclose() override
    {
        closed = true;
        backend::coro_yield();
    }
    bool is_closing() const noexcept override { return closed; }
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    std::string sent;
    bool closed = false;

private:
    extra_attribute_map attributes_;
};

/// A read-only transport serving a fixed string; its attributes are configurable.
class scripted_reader final : public transports::async_stream_read_transport {
public:
    scripted_reader(std::string data, extra_attribute_map attributes)
        : data_(std::move(data)), attributes_(std::move(attributes))
    {
    }
    std::size_t recv_into(std::span<char> buffer) override
    {
        std::size_t n = std::min(buffer.size(), data_.size());
        std::copy_n(data_.data(), n, buffer.data());
        data_.erase(0, n);
        return n;
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
    std::string data_;
    extra_attribute_map attributes_;
};

/// A full stream transport whose send_eof is unsupported (as TLS).
class no_eof_transport final : public transports::async_stream_transport {
public:
    std::size_t recv_into(std::span<char>) override { return 0; }
    void send_all(std::string_view) override {}
    void send_eof() override { throw easynet::unsupported_operation("no EOF here"); }
    void aclose() override { closed = true; }
    bool is_closing() const noexcept override { return closed; }
    const extra_attribute_map& extra_attributes() const override { return attributes_; }

    bool closed = false;

private:
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
    backend::stream_transport_ptr a;
    backend::stream_transport_ptr b;
};

socket_pair make_socket_pair()
{
    int fds[2];
    BOOST_REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    return {backend::wrap_stream_socket(fds[0]), backend::wrap_stream_socket(fds[1])};
}

} // namespace

BOOST_AUTO_TEST_SUITE(stapled_stream_transport)

BOOST_AUTO_TEST_CASE(sends_through_one_half_and_receives_from_the_other_W6)
{
    easynet_test::run([] {
        auto out = make_socket_pair();
        auto in = make_socket_pair();
        async_stapled_stream_transport stapled(std::move(out.a), std::move(in.a));
        stapled.send_all("to out");
        std::string_view pieces[] = {", and ", "more"};
        stapled.send_all_from_iterable(pieces);
        BOOST_TEST(out.b->recv(1024) == "to out, and more");
        in.b->send_all("from in");
        BOOST_TEST(stapled.recv(1024) == "from in");
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_are_merged_the_receive_side_winning_W6)
{
    easynet_test::run([] {
        async_stapled_stream_transport stapled(std::make_unique<recording_writer>(attributes_of("send", send_only)),
                                               std::make_unique<scripted_reader>("", attributes_of("receive", receive_only)));
        BOOST_TEST(stapled.extra(side) == "receive");
        BOOST_TEST(stapled.extra(send_only) == 1);
        BOOST_TEST(stapled.extra(receive_only) == 1);
        BOOST_CHECK_THROW(stapled.extra(socket_attribute::family), easynet::typed_attribute_lookup_error);
    });
}

BOOST_AUTO_TEST_CASE(send_eof_shuts_down_the_send_half_when_supported_W6)
{
    easynet_test::run([] {
        auto out = make_socket_pair();
        auto in = make_socket_pair();
        auto* send_half = out.a.get();
        async_stapled_stream_transport stapled(std::move(out.a), std::move(in.a));
        stapled.send_all("bye");
        stapled.send_eof();
        BOOST_TEST(out.b->recv(1024) == "bye");
        BOOST_TEST(out.b->recv(1024).empty());
        BOOST_TEST(!send_half->is_closing()); // shut down, not closed
        in.b->send_all("still readable");
        BOOST_TEST(stapled.recv(1024) == "still readable");
    });
}

BOOST_AUTO_TEST_CASE(send_eof_closes_the_send_half_when_unsupported_W6)
{
    easynet_test::run([] {
        {
            auto sender = std::make_unique<no_eof_transport>();
            auto* send_half = sender.get();
            async_stapled_stream_transport stapled(std::move(sender), std::make_unique<scripted_reader>("x", extra_attribute_map{}));
            stapled.send_eof();
            BOOST_TEST(send_half->closed);
            BOOST_TEST(!stapled.is_closing()); // the receive half is open
            BOOST_TEST(stapled.recv(16) == "x");
        }
        {
            auto writer = std::make_unique<recording_writer>(extra_attribute_map{});
            auto* send_half = writer.get();
            async_stapled_stream_transport stapled(std::move(writer), std::make_unique<scripted_reader>("", extra_attribute_map{}));
            stapled.send_eof(); // a write-only transport has no send_eof at all
            BOOST_TEST(send_half->closed);
        }
    });
}

BOOST_AUTO_TEST_CASE(aclose_closes_both_halves_W6)
{
    easynet_test::run([] {
        auto writer = std::make_unique<recording_writer>(extra_attribute_map{});
        auto reader = std::make_unique<scripted_reader>("", extra_attribute_map{});
        auto* w = writer.get();
        auto* r = reader.get();
        async_stapled_stream_transport stapled(std::move(writer), std::move(reader));
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
        async_stapled_stream_transport stapled(std::move(out.a), std::move(in.a));
        auto scope = backend::move_on_after(0s);
        scope.run([&] { stapled.aclose(); });
        BOOST_TEST(stapled.send_transport().is_closing());
        BOOST_TEST(stapled.receive_transport().is_closing());
    });
}

BOOST_AUTO_TEST_CASE(constructor_rejects_null_halves)
{
    BOOST_CHECK_THROW(async_stapled_stream_transport(nullptr, std::make_unique<scripted_reader>("", extra_attribute_map{})),
                      std::invalid_argument);
    BOOST_CHECK_THROW(async_stapled_stream_transport(std::make_unique<recording_writer>(extra_attribute_map{}), nullptr),
                      std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
