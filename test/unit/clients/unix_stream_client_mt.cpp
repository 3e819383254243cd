#include <easynet/clients/unix_stream_client.hpp>

#include "unix_test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <string>
#include <thread>

// The blocking Unix client connecting while the listener's backlog is full: the
// constructor runs in another thread, hence the `_mt` stem.

using namespace clients_test;
using client_type = clients::unix_stream_client<std::string>;

namespace {

/// True once the thread `tid` of this process is inside the connect system call
/// (/proc/self/task/<tid>/syscall); false after 5 s, or at once when /proc cannot say.
bool wait_until_in_connect(pid_t tid)
{
    const std::string file = "/proc/self/task/" + std::to_string(tid) + "/syscall";
    const auto end = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < end) {
        long number = -1;
        if (!(std::ifstream(file) >> number))
            return false;
        if (number == SYS_connect)
            return true;
        std::this_thread::sleep_for(1ms); // polls the thread's state, not a synchronisation
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(unix_stream_client_mt)

BOOST_AUTO_TEST_CASE(constructor_waits_while_the_backlog_is_full_then_connects_once_a_connection_is_accepted)
{
    unix_listener server(0);
    server.fill_backlog();
    std::atomic<pid_t> connecting_thread{0};
    auto connected = std::async(std::launch::async, [&] {
        connecting_thread = static_cast<pid_t>(::syscall(SYS_gettid));
        client_type client(lowlevel::unix_socket_address::from_pathname(server.path()), line_protocol(),
                           {.connect_timeout = 10s});
        client.send_packet("waited", 1s);
        return client.recv_packet(5s);
    });
    while (connecting_thread.load() == 0)
        std::this_thread::yield();
    if (!wait_until_in_connect(connecting_thread.load()))
        BOOST_TEST_MESSAGE("/proc does not show the connecting thread's system call; accepting anyway");
    ::close(server.accept()); // a filler leaves: room for the waiting client
    const int peer = server.accept();
    BOOST_TEST(read_exactly(peer, 7) == "waited\n");
    write_all(peer, "welcome\n");
    BOOST_TEST(connected.get() == "welcome");
    ::close(peer);
}

BOOST_AUTO_TEST_SUITE_END()
