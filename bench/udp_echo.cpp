//
// UDP echo benchmark: the easynet echo service over UDP (example/echo/echo_service.hpp,
// what `easynet-echo-server --transport udp --format raw` runs) against a raw Boost.Asio
// stackful (`asio::spawn`) UDP echo server written here, driven by the same load
// generator (raw Asio sockets) in the same run.
//
//   load:   10 client sockets, each sending one 1 KiB datagram and waiting for its echo
//           before the next (closed loop); a datagram whose echo does not come back within
//           200 ms counts as lost and is sent again.
//   prints: requests/s of both servers (median of the rounds, which alternate), the ratio
//           easynet/raw (target >= 0.85), and the datagrams lost.
//
// Usage: easynet-bench-udp_echo [--duration SECONDS] [--rounds N] [--size BYTES]
//        (--benchmark_min_time=... from the CTest smoke test: a short run)
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_server_thread.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

constexpr int clients = 10;
constexpr auto loss_timeout = std::chrono::milliseconds(200);

// ---------------------------------------------------------------------------------------
// The raw Asio stackful UDP echo server (the reference): one task receiving and echoing.

class raw_asio_server {
public:
    raw_asio_server() : socket_(context_, {asio::ip::make_address("127.0.0.1"), 0})
    {
        asio::spawn(
            context_,
            [this](asio::yield_context yield) {
                std::vector<char> buffer(65536);
                udp::endpoint peer;
                boost::system::error_code ec;
                for (;;) {
                    std::size_t n = socket_.async_receive_from(asio::buffer(buffer), peer, yield[ec]);
                    if (ec == asio::error::operation_aborted)
                        return;
                    if (ec)
                        continue; // ICMP errors from a peer that went away
                    socket_.async_send_to(asio::buffer(buffer.data(), n), peer, yield[ec]);
                }
            },
            asio::detached);
        thread_ = std::thread([this] { context_.run(); });
    }
    ~raw_asio_server()
    {
        context_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return socket_.local_endpoint().port(); }

private:
    asio::io_context context_{1};
    udp::socket socket_;
    std::thread thread_;
};

// ---------------------------------------------------------------------------------------
// The easynet echo service over UDP, format raw (each datagram echoed as it came).

class easynet_server : public easynet_bench::echo_server_thread {
public:
    easynet_server() : echo_server_thread(options()) {}

private:
    static easynet_echo::echo_options options()
    {
        easynet_echo::echo_options options;
        options.transport = easynet_echo::transport::udp;
        options.host = "127.0.0.1";
        options.port = 0;
        options.format = easynet_echo::format::raw;
        return options;
    }
};

// ---------------------------------------------------------------------------------------
// The load generator.

struct load_result {
    double requests_per_second = 0;
    long lost = 0;
};

load_result run_load(std::uint16_t port, std::size_t size, double duration)
{
    asio::io_context context{1};
    std::atomic<long> done{0};
    std::atomic<long> lost{0};
    std::atomic<bool> failed{false};
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(duration);
    for (int c = 0; c < clients; ++c) {
        asio::spawn(
            context,
            [&, c](asio::yield_context yield) {
                boost::system::error_code ec;
                udp::socket socket(context, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
                socket.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
                asio::steady_timer timer(context);
                std::string request(size, static_cast<char>('a' + c));
                std::vector<char> reply(65536);
                while (!ec && std::chrono::steady_clock::now() < deadline) {
                    socket.async_send(asio::buffer(request), yield[ec]);
                    if (ec)
                        break;
                    timer.expires_after(loss_timeout);
                    timer.async_wait([&](boost::system::error_code e) {
                        if (!e)
                            socket.cancel();
                    });
                    std::size_t n = socket.async_receive(asio::buffer(reply), yield[ec]);
                    timer.cancel();
                    if (ec == asio::error::operation_aborted) {
                        ++lost;
                        ec = {};
                        continue;
                    }
                    if (!ec && std::string_view(reply.data(), n) != request)
                        ec = asio::error::invalid_argument;
                    if (!ec)
                        ++done;
                }
                if (ec)
                    failed = true;
            },
            asio::detached);
    }
    context.run();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed)
        throw std::runtime_error("a load generator socket failed (or got a wrong echo)");
    return {static_cast<double>(done.load()) / elapsed, lost.load()};
}

} // namespace

int main(int argc, char* argv[])
{
    double duration = 2.0;
    int rounds = 3;
    std::size_t size = 1024;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--benchmark_min_time", 0) == 0) { // the CTest smoke run
            duration = 0.05;
            rounds = 1;
        } else if (arg == "--duration" && i + 1 < argc) {
            duration = std::stod(argv[++i]);
        } else if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::stoi(argv[++i]);
        } else if (arg == "--size" && i + 1 < argc) {
            size = std::stoul(argv[++i]);
        } else {
            std::cerr << "usage: easynet-bench-udp_echo [--duration SECONDS] [--rounds N] [--size BYTES]\n";
            return 2;
        }
    }

    std::printf("UDP echo, %d clients (closed loop), %zu-byte datagrams, %.1f s per measure, median of %d "
                "alternating rounds\n",
                clients, size, duration, rounds);
    std::vector<double> raw, easynet;
    long raw_lost = 0, easynet_lost = 0;
    for (int r = 0; r < rounds; ++r) {
        {
            raw_asio_server server;
            const load_result result = run_load(server.port(), size, duration);
            raw.push_back(result.requests_per_second);
            raw_lost += result.lost;
        }
        {
            easynet_server server;
            const load_result result = run_load(server.port(), size, duration);
            easynet.push_back(result.requests_per_second);
            easynet_lost += result.lost;
        }
    }
    const double raw_rate = easynet_bench::median(raw), easynet_rate = easynet_bench::median(easynet);
    std::printf("%-14s %14s %14s %8s %10s %10s\n", "case", "raw asio req/s", "easynet req/s", "ratio", "raw lost",
                "easynet lost");
    std::printf("%-14s %14.0f %14.0f %8.3f %10ld %10ld\n", "1 KiB echo", raw_rate, easynet_rate,
                easynet_rate / raw_rate, raw_lost, easynet_lost);
    return 0;
}
