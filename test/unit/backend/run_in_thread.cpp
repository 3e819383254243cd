#include <easynet/lowlevel/api_async/backend/run_in_thread.hpp>

#include <easynet/lowlevel/api_async/backend/dns.hpp>
#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <future>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(run_in_thread)

BOOST_AUTO_TEST_CASE(runs_in_another_thread_and_returns_the_result)
{
    run([] {
        auto loop_thread = std::this_thread::get_id();
        auto worker_thread = be::run_in_thread([] { return std::this_thread::get_id(); });
        BOOST_TEST((worker_thread != loop_thread));
        BOOST_TEST(be::run_in_thread([] { return 6 * 7; }) == 42);
    });
}

BOOST_AUTO_TEST_CASE(rethrows_the_function_exception)
{
    run([] { BOOST_CHECK_THROW(be::run_in_thread([]() -> int { throw std::range_error("r"); }), std::range_error); });
}

BOOST_AUTO_TEST_CASE(cancellation_is_held_until_the_function_returns)
{
    run([] {
        std::promise<void> release;
        auto released = release.get_future().share();
        auto scope = be::open_cancel_scope();
        int result = 0;
        bool after = false;
        be::with_task_group([&](be::task_group& tg) {
            tg.start_soon([&] {
                scope.run([&] {
                    result = be::run_in_thread([released] {
                        released.wait();
                        return 5;
                    });
                    be::coro_yield(); // the held cancellation is delivered here
                    after = true;
                });
            });
            be::sleep(0.01s);
            scope.cancel();
            be::sleep(0.01s);
            release.set_value();
        });
        BOOST_TEST(result == 5);
        BOOST_TEST(!after);
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(abandon_on_cancel_cancels_at_once)
{
    auto release = std::make_shared<std::promise<void>>();
    auto released = release->get_future().share();
    auto finished = std::make_shared<std::atomic<bool>>(false);
    run([&] {
        auto scope = be::move_on_after(0.01s);
        scope.run([&] {
            be::run_in_thread(
                [released, finished] {
                    released.wait();
                    finished->store(true);
                },
                true);
        });
        BOOST_TEST(scope.cancelled_caught());
        BOOST_TEST(!finished->load());
    });
    release->set_value(); // the abandoned thread finishes on its own
}

BOOST_AUTO_TEST_CASE(getaddrinfo_resolves_numeric_loopback)
{
    run([] {
        auto v4 = be::getaddrinfo("127.0.0.1", "8080", AF_INET, SOCK_STREAM);
        BOOST_TEST_REQUIRE(!v4.empty());
        BOOST_TEST(v4.front().address.to_string() == "127.0.0.1");
        BOOST_TEST(v4.front().port == 8080);
        BOOST_TEST(v4.front().family == AF_INET);
        auto numeric = be::getaddrinfo_numeric("::1", "80", AF_INET6, SOCK_STREAM);
        BOOST_TEST_REQUIRE(!numeric.empty());
        BOOST_TEST(numeric.front().address.is_v6());
        BOOST_CHECK_THROW(be::getaddrinfo_numeric("not-an-address", "80"), boost::system::system_error);
        auto [host, service] = be::getnameinfo(boost::asio::ip::make_address("127.0.0.1"), 80,
                                               NI_NUMERICHOST | NI_NUMERICSERV);
        BOOST_TEST(host == "127.0.0.1");
        BOOST_TEST(service == "80");
    });
}

BOOST_AUTO_TEST_SUITE_END()
