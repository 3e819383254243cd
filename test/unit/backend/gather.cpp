#include <easynet/lowlevel/api_async/backend/gather.hpp>

#include <easynet_test/backend.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

using namespace easynet_test;
namespace be = easynet::lowlevel::api_async::backend;

BOOST_AUTO_TEST_SUITE(gather)

BOOST_AUTO_TEST_CASE(results_come_in_argument_order)
{
    run([] {
        auto [a, b, c] = be::gather(
            [] {
                be::sleep(0.02s);
                return 1;
            },
            [] { return std::string("two"); },
            [] { be::sleep(0.01s); });
        BOOST_TEST(a == 1);
        BOOST_TEST(b == "two");
        (void)c;
    });
}

BOOST_AUTO_TEST_CASE(runs_concurrently)
{
    run([] {
        double start = be::current_time();
        be::gather([] { be::sleep(0.05s); }, [] { be::sleep(0.05s); }, [] { be::sleep(0.05s); });
        BOOST_TEST(be::current_time() - start < 0.14);
    });
}

BOOST_AUTO_TEST_CASE(failure_cancels_siblings_and_raises_a_group)
{
    run([] {
        bool sibling_cancelled = false;
        auto sibling_sleeping = be::create_event();
        try {
            be::gather(
                [&] {
                    try {
                        sibling_sleeping.set();
                        be::sleep_forever();
                    } catch (const easynet::cancelled&) {
                        sibling_cancelled = true;
                        throw;
                    }
                },
                [&]() -> int {
                    sibling_sleeping.wait();
                    throw std::runtime_error("bad");
                });
            BOOST_FAIL("no exception");
        } catch (const easynet::exception_group& g) {
            BOOST_TEST(g.exceptions().size() == 1u);
        }
        BOOST_TEST(sibling_cancelled);
    });
}

BOOST_AUTO_TEST_CASE(no_argument_gives_empty_results)
{
    run([] {
        auto t = be::gather();
        static_assert(std::tuple_size_v<decltype(t)> == 0);
        auto v = be::gather(std::vector<std::function<int()>>{});
        BOOST_TEST(v.empty());
        auto w = be::gather(std::vector<std::function<int()>>{[] { return 1; }, [] { return 2; }});
        BOOST_TEST(w == (std::vector<int>{1, 2}));
    });
}

BOOST_AUTO_TEST_SUITE_END()
