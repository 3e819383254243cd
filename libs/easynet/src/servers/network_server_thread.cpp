//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/network_server_thread.hpp>

#include <future>
#include <stdexcept>

namespace easynet::servers {

network_server_thread::~network_server_thread()
{
    if (thread_.joinable())
        join();
}

void network_server_thread::start()
{
    if (thread_.joinable())
        throw std::logic_error("network_server_thread already started");
    error_ = nullptr;
    auto ready = std::make_shared<std::promise<void>>();
    auto ready_future = ready->get_future();
    auto once = std::make_shared<std::once_flag>();
    thread_ = std::thread([this, ready, once] {
        try {
            server_.serve_forever([ready, once] { std::call_once(*once, [&] { ready->set_value(); }); });
        } catch (...) {
            error_ = std::current_exception();
        }
        std::call_once(*once, [&] { ready->set_value(); });
    });
    ready_future.wait();
}

void network_server_thread::join(std::optional<std::chrono::duration<double>> timeout)
{
    server_.shutdown(timeout);
    if (thread_.joinable())
        thread_.join();
}

} // namespace easynet::servers
