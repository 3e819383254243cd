#include <easynet/lowlevel/api_async/backend/async_backend.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(bootstrap)

BOOST_AUTO_TEST_CASE(returns_the_main_task_result)
{
    BOOST_TEST(be::bootstrap([] { return 17; }) == 17);
    be::bootstrap([] {});
}

BOOST_AUTO_TEST_CASE(propagates_the_main_task_exception)
{
    BOOST_CHECK_THROW(be::bootstrap([]() -> int { throw std::invalid_argument("x"); }), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(each_run_is_a_fresh_loop)
{
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(be::bootstrap([] {
            be::sleep(0.001s);
            return be::get_current_task().name;
        }) == "main");
}

BOOST_AUTO_TEST_CASE(nested_bootstrap_is_refused)
{
    be::bootstrap([] { BOOST_CHECK_THROW(be::bootstrap([] {}), std::logic_error); });
}

BOOST_AUTO_TEST_CASE(runner_options_are_validated)
{
    be::runner_options zero_threads;
    zero_threads.threads = 0;
    BOOST_CHECK_THROW(be::bootstrap([] {}, zero_threads), std::invalid_argument);
    be::runner_options tiny_stack;
    tiny_stack.stack_size = 1024;
    BOOST_CHECK_THROW(be::bootstrap([] {}, tiny_stack), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(stack_kinds_and_sizes_work)
{
    for (auto kind : {be::stack_kind::guarded, be::stack_kind::fixed}) {
        be::runner_options options;
        options.stack = kind;
        options.stack_size = 1024 * 1024;
        int depth = be::bootstrap(
            [] {
                // Use some stack: a 256 KiB buffer fits a 1 MiB stack.
                volatile char buffer[256 * 1024];
                buffer[0] = 1;
                buffer[sizeof buffer - 1] = 2;
                return buffer[0] + buffer[sizeof buffer - 1];
            },
            options);
        BOOST_TEST(depth == 3);
    }
}

BOOST_AUTO_TEST_CASE(a_blocked_main_task_is_reported_not_hung)
{
    // Nothing can ever set this event: bootstrap must fail instead of hanging.
    auto ev = std::make_shared<be::event>();
    BOOST_CHECK_THROW(be::bootstrap([ev] { ev->wait(); }), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(backend_lookup)
{
    BOOST_TEST(be::new_builtin_backend()->name() == "asio");
    BOOST_TEST(be::new_builtin_backend("asio") == be::ensure_backend("asio"));
    BOOST_CHECK_THROW(be::new_builtin_backend("trio"), easynet::unsupported_operation);
    BOOST_CHECK_THROW(be::ensure_backend(std::shared_ptr<be::async_backend>()), easynet::not_in_task_error);
    be::bootstrap([] {
        auto backend = be::ensure_backend();
        BOOST_TEST(backend->name() == "asio");
        backend->sleep(0s);
        BOOST_TEST(backend->timeout(1s, [] { return 1; }) == 1);
        using exc = be::async_backend::cancelled_exception;
        static_assert(std::is_same_v<exc, easynet::cancelled>);
        static_assert(!std::is_base_of_v<std::exception, exc>);
    });
}

BOOST_AUTO_TEST_SUITE_END()
