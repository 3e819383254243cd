#include <easynet/log.hpp>

#include <easynet_test/log_capture.hpp>

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

BOOST_AUTO_TEST_SUITE(log_sink)

BOOST_AUTO_TEST_CASE(records_reach_the_installed_sink_with_level_logger_and_exception)
{
    easynet_test::log_capture capture;
    const easynet::logger logger("easynet.test");
    logger.debug("d");
    logger.info("i");
    logger.warning("w");
    logger.error("e", std::make_exception_ptr(std::runtime_error("boom")));
    const auto records = capture.records();
    BOOST_REQUIRE_EQUAL(records.size(), 4u);
    BOOST_TEST((records[0].level == easynet::log_level::debug));
    BOOST_TEST((records[3].level == easynet::log_level::error));
    BOOST_TEST(records[3].logger == "easynet.test");
    BOOST_TEST(records[3].message == "e");
    BOOST_TEST(easynet::describe_exception(records[3].exception) == "boom");
}

BOOST_AUTO_TEST_CASE(the_previous_sink_is_restored)
{
    std::vector<std::string> outer_messages;
    auto previous = easynet::set_log_sink([&](const easynet::log_record& r) { outer_messages.push_back(r.message); });
    {
        easynet_test::log_capture capture;
        easynet::logger("x").warning("inner");
        BOOST_TEST(capture.count(easynet::log_level::warning, "inner") == 1u);
    }
    easynet::logger("x").warning("outer");
    easynet::set_log_sink(std::move(previous));
    BOOST_TEST((outer_messages == std::vector<std::string>{"outer"}));
}

BOOST_AUTO_TEST_CASE(level_names)
{
    BOOST_TEST(easynet::to_string(easynet::log_level::debug) == "DEBUG");
    BOOST_TEST(easynet::to_string(easynet::log_level::info) == "INFO");
    BOOST_TEST(easynet::to_string(easynet::log_level::warning) == "WARNING");
    BOOST_TEST(easynet::to_string(easynet::log_level::error) == "ERROR");
}

BOOST_AUTO_TEST_CASE(logging_from_several_threads_is_safe)
{
    easynet_test::log_capture capture;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([] {
            const easynet::logger logger("easynet.test.threads");
            for (int i = 0; i < 1000; ++i)
                logger.info("m");
        });
    for (auto& t : threads)
        t.join();
    BOOST_TEST(capture.count(easynet::log_level::info, "m") == 4000u);
}

BOOST_AUTO_TEST_SUITE_END()
