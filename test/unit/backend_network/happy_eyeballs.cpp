#include <easynet/lowlevel/api_async/backend/detail/happy_eyeballs.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace bd = backend::detail;
using namespace std::chrono_literals;

namespace {

backend::address_info info(const std::string& address)
{
    backend::address_info a;
    a.address = boost::asio::ip::make_address(address);
    a.family = a.address.is_v6() ? AF_INET6 : AF_INET;
    a.socktype = SOCK_STREAM;
    a.protocol = IPPROTO_TCP;
    a.port = 80;
    return a;
}

std::vector<std::string> addresses(const std::vector<backend::address_info>& infos)
{
    std::vector<std::string> out;
    for (const auto& i : infos)
        out.push_back(i.address.to_string());
    return out;
}

using strings = std::vector<std::string>;

} // namespace

BOOST_AUTO_TEST_SUITE(happy_eyeballs)

BOOST_AUTO_TEST_CASE(reorder_puts_first_ipv6_then_first_ipv4_then_interleaves)
{
    auto reordered = bd::reorder_for_happy_eyeballs(
        {info("10.0.0.1"), info("10.0.0.2"), info("::1"), info("::2"), info("::3"), info("10.0.0.3")});
    BOOST_TEST((addresses(reordered) == strings{"::1", "10.0.0.1", "::2", "10.0.0.2", "::3", "10.0.0.3"}));
}

BOOST_AUTO_TEST_CASE(reorder_appends_what_is_left_of_the_longer_family)
{
    auto reordered = bd::reorder_for_happy_eyeballs({info("::1"), info("10.0.0.1"), info("10.0.0.2"), info("10.0.0.3")});
    BOOST_TEST((addresses(reordered) == strings{"::1", "10.0.0.1", "10.0.0.2", "10.0.0.3"}));
}

BOOST_AUTO_TEST_CASE(reorder_keeps_a_single_family_in_order)
{
    BOOST_TEST((addresses(bd::reorder_for_happy_eyeballs({info("10.0.0.2"), info("10.0.0.1")})) ==
                strings{"10.0.0.2", "10.0.0.1"}));
    BOOST_TEST((addresses(bd::reorder_for_happy_eyeballs({info("::2"), info("::1")})) == strings{"::2", "::1"}));
    BOOST_TEST(bd::reorder_for_happy_eyeballs({}).empty());
}

BOOST_AUTO_TEST_CASE(attempts_are_staggered_and_the_first_success_cancels_the_others)
{
    easynet_test::run([] {
        std::vector<double> started(3, -1);
        bool first_cancelled = false;
        const double t0 = backend::current_time();
        int result = bd::staggered_race<int>(
            3, 50ms,
            [&](std::size_t i, std::vector<std::exception_ptr>&) -> int {
                started[i] = backend::current_time() - t0;
                if (i == 0) {
                    try {
                        backend::sleep_forever();
                    } catch (const easynet::cancelled&) {
                        first_cancelled = true;
                        throw;
                    }
                }
                return 42;
            },
            "create_connection() failed");
        BOOST_TEST(result == 42);
        BOOST_TEST(first_cancelled);
        BOOST_TEST(started[0] >= 0.0);
        BOOST_TEST(started[1] >= 0.045); // waited for the delay
        BOOST_TEST(started[2] == -1.0);  // never started: attempt 1 had won
    });
}

BOOST_AUTO_TEST_CASE(a_failing_attempt_starts_the_next_at_once)
{
    easynet_test::run([] {
        const double t0 = backend::current_time();
        double second_started = -1;
        int result = bd::staggered_race<int>(
            2, 30s,
            [&](std::size_t i, std::vector<std::exception_ptr>&) -> int {
                if (i == 0)
                    throw std::runtime_error("refused");
                second_started = backend::current_time() - t0;
                return 7;
            },
            "create_connection() failed");
        BOOST_TEST(result == 7);
        BOOST_TEST(second_started >= 0.0);
        BOOST_TEST(second_started < 5.0); // far less than the 30 s delay
    });
}

BOOST_AUTO_TEST_CASE(every_attempt_failing_raises_a_group_of_every_error_in_order)
{
    easynet_test::run([] {
        try {
            bd::staggered_race<int>(
                3, 10ms,
                [&](std::size_t i, std::vector<std::exception_ptr>& errors) -> int {
                    if (i == 1)
                        errors.push_back(std::make_exception_ptr(std::runtime_error("bind 1")));
                    throw std::runtime_error("attempt " + std::to_string(i));
                },
                "create_connection() failed");
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& group) {
            BOOST_TEST(group.message() == "create_connection() failed");
            strings messages;
            for (const auto& e : group.exceptions()) {
                try {
                    std::rethrow_exception(e);
                } catch (const std::exception& ex) {
                    messages.push_back(ex.what());
                }
            }
            BOOST_TEST((messages == strings{"attempt 0", "bind 1", "attempt 1", "attempt 2"}));
        }
    });
}

BOOST_AUTO_TEST_CASE(no_attempt_at_all_raises_an_empty_group)
{
    easynet_test::run([] {
        BOOST_CHECK_THROW(bd::staggered_race<int>(
                              0, 10ms, [](std::size_t, std::vector<std::exception_ptr>&) -> int { return 1; },
                              "create_connection() failed"),
                          easynet::exception_group);
    });
}

BOOST_AUTO_TEST_CASE(a_late_success_of_a_loser_is_destroyed)
{
    easynet_test::run([] {
        // Attempt 1 succeeds while attempt 0 is shielded from cancellation and succeeds
        // too, later: its value must be destroyed, not returned.
        struct counted {
            int* live;
            int value;
            counted(int* l, int v) : live(l), value(v) { ++*live; }
            counted(counted&& o) noexcept : live(o.live), value(o.value) { ++*live; }
            ~counted() { --*live; }
        };
        int live = 0;
        {
            auto winner = bd::staggered_race<counted>(
                2, 10ms,
                [&](std::size_t i, std::vector<std::exception_ptr>&) {
                    if (i == 0) {
                        backend::ignore_cancellation([] { backend::sleep(50ms); });
                        return counted(&live, 0);
                    }
                    return counted(&live, 1);
                },
                "create_connection() failed");
            BOOST_TEST(winner.value == 1);
            BOOST_TEST(live == 1);
        }
        BOOST_TEST(live == 0);
    });
}

BOOST_AUTO_TEST_CASE(cancelling_the_caller_cancels_every_attempt)
{
    easynet_test::run([] {
        int cancelled_attempts = 0;
        auto scope = backend::move_on_after(100ms);
        scope.run([&] {
            bd::staggered_race<int>(
                3, 10ms,
                [&](std::size_t, std::vector<std::exception_ptr>&) -> int {
                    try {
                        backend::sleep_forever();
                    } catch (const easynet::cancelled&) {
                        ++cancelled_attempts;
                        throw;
                    }
                },
                "create_connection() failed");
        });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(cancelled_attempts == 3);
    });
}

BOOST_AUTO_TEST_SUITE_END()
