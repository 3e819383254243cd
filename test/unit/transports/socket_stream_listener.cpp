#include <easynet/lowlevel/api_async/transports/socket_stream_listener.hpp>

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/log_capture.hpp>

#include <boost/test/unit_test.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
using easynet::lowlevel::socket_attribute;
using namespace std::chrono_literals;

namespace {

bool is_errno(const boost::system::system_error& e, int value) { return e.code().value() == value; }

std::uint16_t port_of(const transports::async_base_transport& t)
{
    return t.extra(socket_attribute::local_address).as_inet().port();
}

/// Highest file descriptor open in this process.
int highest_open_fd()
{
    int highest = 2;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        try {
            highest = std::max(highest, std::stoi(entry.path().filename().string()));
        } catch (const std::exception&) {
        }
    }
    return highest;
}

} // namespace

BOOST_AUTO_TEST_SUITE(socket_stream_listener)

BOOST_AUTO_TEST_CASE(serve_hands_each_connection_to_the_handler_in_its_own_task)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0, 2); // backlog 2: several wake-ups
        BOOST_REQUIRE_EQUAL(listeners.size(), 1u);
        auto& listener = *listeners[0];
        const auto port = port_of(listener);
        std::vector<std::uint64_t> handler_tasks;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                listener.serve([&](std::unique_ptr<transports::async_stream_transport> t) {
                    handler_tasks.push_back(backend::get_current_task().id);
                    BOOST_TEST(t->extra(socket_attribute::socket).get_option(IPPROTO_TCP, TCP_NODELAY) != 0);
                    std::string data = t->recv(1024);
                    t->send_all("echo:" + data);
                });
            });
            std::vector<backend::stream_transport_ptr> clients;
            for (int i = 0; i < 5; ++i)
                clients.push_back(backend::create_tcp_connection("127.0.0.1", port));
            for (int i = 0; i < 5; ++i)
                clients[i]->send_all(std::to_string(i));
            for (int i = 0; i < 5; ++i)
                BOOST_TEST(clients[i]->recv(1024) == "echo:" + std::to_string(i));
            tg.cancel();
        });
        BOOST_TEST(handler_tasks.size() == 5u);
        std::sort(handler_tasks.begin(), handler_tasks.end());
        BOOST_TEST((std::unique(handler_tasks.begin(), handler_tasks.end()) == handler_tasks.end()));
    });
}

BOOST_AUTO_TEST_CASE(serving_twice_concurrently_throws_busy_resource_error)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] { listener.serve([](auto) {}); });
            BOOST_CHECK_THROW(listener.serve([](auto) {}), easynet::busy_resource_error);
            tg.cancel();
        });
        // Once the first serve() ended, serving again is allowed.
        auto scope = backend::move_on_after(10ms);
        scope.run([&] { listener.serve([](auto) {}); });
        BOOST_TEST(scope.cancelled_caught());
    });
}

BOOST_AUTO_TEST_CASE(serving_a_closed_listener_throws_ebadf)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        listeners[0]->aclose();
        BOOST_TEST(listeners[0]->is_closing());
        BOOST_CHECK_EXCEPTION(listeners[0]->serve([](auto) {}), boost::system::system_error,
                              [](const auto& e) { return is_errno(e, EBADF); });
    });
}

BOOST_AUTO_TEST_CASE(closing_a_serving_listener_makes_serve_throw_ebadf)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        bool got_ebadf = false;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start([&] {
                try {
                    listeners[0]->serve([](auto) {});
                } catch (const boost::system::system_error& e) {
                    got_ebadf = is_errno(e, EBADF);
                }
            });
            listeners[0]->aclose();
        });
        BOOST_TEST(got_ebadf);
    });
}

BOOST_AUTO_TEST_CASE(a_failing_handler_fails_the_task_group)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        const auto port = port_of(*listeners[0]);
        BOOST_CHECK_THROW(backend::with_task_group([&](backend::task_group& tg) {
                              tg.start_soon([&] {
                                  listeners[0]->serve([](auto) { throw std::runtime_error("handler failed"); });
                              });
                              auto client = backend::create_tcp_connection("127.0.0.1", port);
                              backend::sleep_forever();
                          }),
                          easynet::exception_group);
    });
}

namespace {
// UBSan's vptr check probes memory through a pipe: with no descriptor left, it reports
// every polymorphic call as undefined behaviour. The test runs in every other build.
boost::test_tools::assertion_result descriptors_may_run_out(boost::unit_test::test_unit_id)
{
#if defined(BOOST_USE_ASAN)
    boost::test_tools::assertion_result r(false);
    r.message() << "skipped under ASan+UBSan: the sanitizer needs a free file descriptor";
    return r;
#else
    return true;
#endif
}
} // namespace

BOOST_AUTO_TEST_CASE(accept_capacity_errors_are_logged_and_retried_after_a_pause,
                     *boost::unit_test::precondition(descriptors_may_run_out))
{
    easynet_test::run([] {
        auto logged = backend::create_event();
        easynet_test::log_capture capture([&](const easynet_test::captured_record& r) {
            if (r.level == easynet::log_level::error && r.message.find("accept returned") != std::string::npos)
                logged.set();
        });
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        const auto port = port_of(listener);

        auto accepted = backend::create_event();
        double logged_at = 0, accepted_at = 0;
        backend::with_task_group([&](backend::task_group& tg) {
            // The serving task (its stack) exists before the descriptors run out: the
            // sanitizers' own checks need a free descriptor whenever a stack is created.
            tg.start([&] {
                listener.serve([&](std::unique_ptr<transports::async_stream_transport>) {
                    accepted_at = backend::current_time();
                    accepted.set();
                });
            });

            // The client socket exists before the limit drops; the kernel completes the
            // handshake without accept().
            int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            BOOST_REQUIRE(client >= 0);
            rlimit original{};
            BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &original) == 0);
            struct restore_limit {
                rlimit limit;
                std::vector<int> fillers;
                int client;
                bool active = true;
                void restore()
                {
                    if (!active)
                        return;
                    for (int fd : fillers)
                        ::close(fd);
                    ::setrlimit(RLIMIT_NOFILE, &limit);
                    active = false;
                }
                ~restore_limit()
                {
                    restore();
                    ::close(client);
                }
            } guard{original, {}, client};
            rlimit lowered = original;
            lowered.rlim_cur = static_cast<rlim_t>(highest_open_fd() + 1);
            BOOST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
            // Fill the free descriptors below the limit: the next accept() gets EMFILE.
            for (int fd; (fd = ::dup(client)) >= 0;)
                guard.fillers.push_back(fd);
            BOOST_REQUIRE(errno == EMFILE);

            sockaddr_in sin{};
            sin.sin_family = AF_INET;
            sin.sin_port = htons(port);
            sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            BOOST_REQUIRE(::connect(client, reinterpret_cast<sockaddr*>(&sin), sizeof(sin)) == 0);

            backend::timeout(10s, [&] { logged.wait(); });
            logged_at = backend::current_time();
            guard.restore();
            backend::timeout(10s, [&] { accepted.wait(); });
            tg.cancel();
        });

        const auto records = capture.records();
        BOOST_REQUIRE(!records.empty());
        BOOST_TEST(records.front().message == "accept returned EMFILE (Too many open files); retrying in 0.1 seconds");
        BOOST_TEST(records.front().logger == "easynet.lowlevel.api_async.transports.socket");
        // The retry came after the 100 ms pause.
        BOOST_TEST(accepted_at - logged_at >= 0.09);
    });
}

BOOST_AUTO_TEST_CASE(extra_attributes_of_a_listener_have_no_remote_address)
{
    easynet_test::run([] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto& listener = *listeners[0];
        BOOST_TEST(listener.extra(socket_attribute::family) == AF_INET);
        BOOST_TEST(listener.extra(socket_attribute::local_address).as_inet().address().to_string() == "127.0.0.1");
        BOOST_CHECK_THROW(listener.extra(socket_attribute::remote_address), easynet::typed_attribute_lookup_error);
        auto fallback = easynet::lowlevel::socket_address(easynet::lowlevel::unix_socket_address("/x"));
        BOOST_TEST((listener.extra(socket_attribute::remote_address, fallback) == fallback));
    });
}

BOOST_AUTO_TEST_SUITE_END()
