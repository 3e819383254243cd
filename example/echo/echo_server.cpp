//
// easynet-echo-server — echoes every decoded packet back, re-encoded with the same format.
//
//   easynet-echo-server --transport {tcp|udp|unix-stream|unix-dgram} [--host H] [--port P] [--path SOCKETPATH]
//       --format {raw|line|json|msgpack|cbor} [--wrap {none|base64|zlib|bz2}]
//       [--tls --cert PEM --key PEM] [--threads N]
//
// Prints "listening on ADDRESS" once it accepts clients, serves until SIGINT/SIGTERM, then
// shuts down and exits 0. A packet that cannot be decoded gets no echo; the connection
// goes on with the bytes after it (WIRE_FORMATS.md §8); on udp / unix-dgram one datagram
// is one packet.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_errors.hpp"
#include "echo_options.hpp"
#include "echo_service.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>

#include <atomic>
#include <iostream>
#include <pthread.h>
#include <signal.h>
#include <thread>

namespace backend = easynet::lowlevel::api_async::backend;
using namespace easynet_echo;

namespace {

constexpr const char* program = "easynet-echo-server";

/// SIGINT and SIGTERM are blocked in every thread and taken by `sigwait` in a watcher thread.
class signal_watcher {
public:
    static void block_signals()
    {
        sigset_t set = watched();
        pthread_sigmask(SIG_BLOCK, &set, nullptr);
    }

    /// Calls `on_signal()` from the watcher thread at the first SIGINT or SIGTERM.
    template <class F>
    explicit signal_watcher(F on_signal)
        : thread_([this, on_signal] {
              sigset_t set = watched();
              int signal = 0;
              sigwait(&set, &signal);
              if (!stopping_.load())
                  on_signal();
          })
    {
    }

    ~signal_watcher()
    {
        stopping_.store(true);
        pthread_kill(thread_.native_handle(), SIGUSR1); // wakes sigwait if still waiting
        thread_.join();
    }

private:
    static sigset_t watched()
    {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigaddset(&set, SIGUSR1);
        return set;
    }

    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

/// Serves until SIGINT or SIGTERM.
void serve_until_signalled(const echo_options& options)
{
    backend::cancel_scope serving;
    backend::threads_portal portal;
    portal.run([&] {
        signal_watcher watcher([&] {
            try {
                portal.run_sync_soon([&] { serving.cancel(); });
            } catch (const std::logic_error&) {
                // the portal has closed: the server is stopping anyway
            }
        });
        serving.run([&] {
            serve_echo(options, [](const std::string& addresses) { std::cout << "listening on " << addresses << std::endl; });
        });
    });
}

} // namespace

int main(int argc, char* argv[])
{
    echo_options options;
    try {
        options = parse_command_line(argc, argv, role::server);
    } catch (const usage_error& error) {
        std::cerr << program << ": error: " << error.what() << '\n' << usage(role::server);
        return exit_usage;
    }
    if (options.help) {
        std::cout << usage(role::server);
        return exit_ok;
    }
    signal_watcher::block_signals(); // before any thread starts: every thread inherits the mask
    try {
        backend::runner_options runner;
        runner.threads = options.threads;
        backend::bootstrap([&] { serve_until_signalled(options); }, runner);
    } catch (const std::exception& error) {
        std::cerr << program << ": error: " << describe_error(error) << '\n';
        return exit_error;
    }
    return exit_ok;
}
