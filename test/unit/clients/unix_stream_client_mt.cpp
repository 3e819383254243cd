#include <easynet/clients/unix_stream_client.hpp>

#include "unix_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <easynet_test/thread_state.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

// The blocking Unix client connecting while the listener's backlog is full: the
// constructor runs in another thread, hence the `_mt` stem.

using namespace clients_test;
using client_type = clients::unix_stream_client<std::string>;

BOOST_AUTO_TEST_SUITE(unix_stream_client_mt)

BOOST_AUTO_TEST_CASE(constructor_waits_while_the_backlog_is_full_then_connects_once_a_connection_is_accepted)
{
    unix_listener server(0);
    server.fill_backlog();
    std::atomic<pid_t> connecting_thread{0};
    auto connected = std::async(std::launch::async, [&] {
        connecting_thread = easynet_test::current_thread_id();
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol(),
                           {.connect_timeout = 10s});
        client.send_packet("waited", 1s);
        return client.recv_packet(5s);
    });
    while (connecting_thread.load() == 0)
        std::this_thread::yield();
    if (!easynet_test::wait_until_in_syscall(connecting_thread.load(), {SYS_connect}))
        BOOST_TEST_MESSAGE("/proc does not show the connecting thread's system call; accepting anyway");
    ::close(server.accept()); // a filler leaves: room for the waiting client
    const int peer = server.accept();
    BOOST_TEST(read_exactly(peer, 7) == "waited\n");
    write_all(peer, "welcome\n");
    BOOST_TEST(connected.get() == "welcome");
    ::close(peer);
}

BOOST_AUTO_TEST_SUITE_END()
