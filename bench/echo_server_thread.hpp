//
// easynet benchmarks — the easynet echo service (example/echo/, what easynet-echo-server
// runs) on a loop thread of its own, for the echo benchmarks (tcp_echo, udp_echo).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_BENCH_ECHO_SERVER_THREAD_HPP
#define EASYNET_BENCH_ECHO_SERVER_THREAD_HPP

#include "echo_service.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>

#include <algorithm>
#include <cstdint>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace easynet_bench {

/** Runs `easynet_echo::serve_echo(options)` on a fresh loop in a thread of its own until
    destroyed (stopped through a threads portal). `options` must name 127.0.0.1 with port 0. */
class echo_server_thread {
public:
    explicit echo_server_thread(const easynet_echo::echo_options& options)
    {
        namespace backend = easynet::lowlevel::api_async::backend;
        std::promise<std::uint16_t> port;
        thread_ = std::thread([this, options, &port] {
            bool listening = false;
            try {
                backend::bootstrap([&] {
                    portal_.run([&] {
                        serving_.run([&] {
                            easynet_echo::serve_echo(options, [&](const std::string& address) {
                                listening = true;
                                port.set_value(static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1))));
                            });
                        });
                    });
                });
            } catch (...) {
                if (!listening)
                    port.set_exception(std::current_exception());
            }
        });
        try {
            port_ = port.get_future().get();
        } catch (...) {
            thread_.join();
            throw;
        }
    }
    echo_server_thread(const echo_server_thread&) = delete;
    echo_server_thread& operator=(const echo_server_thread&) = delete;
    ~echo_server_thread()
    {
        portal_.run_sync([this] { serving_.cancel(); });
        thread_.join();
    }
    std::uint16_t port() const { return port_; }

private:
    easynet::lowlevel::api_async::backend::threads_portal portal_;
    easynet::lowlevel::api_async::backend::cancel_scope serving_;
    std::thread thread_;
    std::uint16_t port_ = 0;
};

/// The median of `values` (not empty).
inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace easynet_bench

#endif
