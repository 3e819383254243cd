// The abstract transport interfaces: their default implementations, with in-memory fakes.
#include <easynet/lowlevel/api_async/transports/abc.hpp>

#include <easynet/lowlevel/api_async/transports/utils.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using namespace std::chrono_literals;

namespace {

/// A stream transport reading from a string and recording what is sent.
class memory_stream final : public transports::async_stream_transport {
public:
    explicit memory_stream(std::string input = {}) : input_(std::move(input)) {}

    void aclose() override { closed_ = true; }
    bool is_closing() const noexcept override { return closed_; }
    std::size_t recv_into(std::span<char> buffer) override
    {
        const std::size_t n = std::min(buffer.size(), input_.size());
        std::memcpy(buffer.data(), input_.data(), n);
        input_.erase(0, n);
        return n;
    }
    void send_all(std::string_view data) override { sent.emplace_back(data); }
    void send_eof() override {}
    const easynet::lowlevel::extra_attribute_map& extra_attributes() const override { return attributes_; }

    std::vector<std::string> sent;

private:
    std::string input_;
    bool closed_ = false;
    easynet::lowlevel::extra_attribute_map attributes_;
};

/// A listener that "accepts" three connections, then waits forever.
class memory_listener final : public transports::async_listener<transports::async_stream_transport> {
public:
    using async_listener::serve;
    void serve(handler_type handler, backend::task_group& group) override
    {
        for (int i = 0; i < 3; ++i)
            group.start_soon([handler, i] { handler(std::make_unique<memory_stream>(std::to_string(i))); });
        backend::sleep_forever();
    }
    void aclose() override {}
    bool is_closing() const noexcept override { return false; }
    const easynet::lowlevel::extra_attribute_map& extra_attributes() const override { return attributes_; }

private:
    easynet::lowlevel::extra_attribute_map attributes_;
};

/// Something closeable whose graceful close takes a long time.
struct slow_closer {
    bool closed_abruptly = false;
    void aclose()
    {
        try {
            backend::sleep(10s); // the graceful part
        } catch (const easynet::cancelled&) {
            closed_abruptly = true;
            throw;
        }
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(abc)

BOOST_AUTO_TEST_CASE(recv_reads_through_recv_into)
{
    memory_stream t("abcdef");
    BOOST_TEST(t.recv(4) == "abcd");
    BOOST_TEST(t.recv(0) == "");
    BOOST_TEST(t.recv(10) == "ef");
    BOOST_TEST(t.recv(10) == ""); // EOF
}

BOOST_AUTO_TEST_CASE(send_all_from_iterable_concatenates_by_default)
{
    memory_stream t;
    std::vector<std::string_view> parts{"ab", "", "cd", "e"};
    t.send_all_from_iterable(parts);
    BOOST_TEST((t.sent == std::vector<std::string>{"abcde"}));
}

BOOST_AUTO_TEST_CASE(serve_without_a_task_group_waits_for_its_own_tasks)
{
    easynet_test::run([] {
        memory_listener listener;
        std::vector<std::string> handled;
        auto scope = backend::move_on_after(50ms);
        scope.run([&] {
            listener.serve([&](std::unique_ptr<transports::async_stream_transport> t) { handled.push_back(t->recv(8)); });
        });
        BOOST_TEST(scope.cancelled_caught());
        std::sort(handled.begin(), handled.end());
        BOOST_TEST((handled == std::vector<std::string>{"0", "1", "2"}));
    });
}

BOOST_AUTO_TEST_CASE(r16_aclose_forcefully_closes_without_waiting)
{
    easynet_test::run([] {
        slow_closer closer;
        const double start = backend::current_time();
        transports::aclose_forcefully(closer);
        BOOST_TEST(closer.closed_abruptly);
        BOOST_TEST(backend::current_time() - start < 5.0);
    });
}

BOOST_AUTO_TEST_CASE(aclose_forcefully_lets_an_outer_cancellation_through)
{
    easynet_test::run([] {
        slow_closer closer;
        auto outer = backend::open_cancel_scope();
        outer.cancel();
        outer.run([&] {
            transports::aclose_forcefully(closer);
            BOOST_FAIL("the outer cancellation must propagate");
        });
        BOOST_TEST(outer.cancelled_caught());
    });
}

BOOST_AUTO_TEST_SUITE_END()
