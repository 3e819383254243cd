//
// TCP echo benchmark: the easynet echo service (example/echo/echo_service.hpp, what
// easynet-echo-server runs) against a raw Boost.Asio stackful (`asio::spawn`) echo server
// written here, driven by the same load generator (raw Asio clients) in the same run.
//
//   cases: 1 KiB, 10 KiB, 100 KiB messages (format raw: bytes echoed as they come) and a
//          line protocol with 5 lines of 100 bytes per request (format line); 10
//          concurrent connections; each server on one thread, the load on another.
//   prints requests/s of both servers (median of the rounds, which alternate) and the
//          ratio easynet/raw; then the resident memory (VmRSS of /proc/<pid>/status) of
//          each server, run in a child process, before and after N idle connections
//          (each proven served by one echoed byte).
//
// Usage: easynet-bench-tcp_echo [--duration SECONDS] [--rounds N] [--idle N]
//        (--benchmark_min_time=... from the CTest smoke test: a short run)
//
// Distributed under the Boost Software License, Version 1.0.
//
#include "echo_server_thread.hpp"

#include <easynet/lowlevel/api_async/backend.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

enum class mode { bytes, lines };

constexpr std::size_t read_buffer_size = 16 * 1024; // easynet's default max_recv_size too
constexpr int connections = 10;
constexpr int lines_per_request = 5;
constexpr std::size_t line_size = 100; // bytes, newline included

// ---------------------------------------------------------------------------------------
// The raw Asio stackful echo server (the reference).

class raw_asio_server {
public:
    explicit raw_asio_server(mode m) : acceptor_(context_, {asio::ip::make_address("127.0.0.1"), 0}), mode_(m)
    {
        asio::spawn(
            context_, [this](asio::yield_context yield) { accept_loop(yield); }, asio::detached);
        thread_ = std::thread([this] { context_.run(); });
    }
    ~raw_asio_server()
    {
        context_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

private:
    void accept_loop(asio::yield_context yield)
    {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket = acceptor_.async_accept(yield[ec]);
            if (ec)
                return;
            socket.set_option(tcp::no_delay(true));
            asio::spawn(
                context_,
                [this, s = std::make_shared<tcp::socket>(std::move(socket))](asio::yield_context y) {
                    if (mode_ == mode::bytes)
                        echo_bytes(*s, y);
                    else
                        echo_lines(*s, y);
                },
                asio::detached);
        }
    }

    static void echo_bytes(tcp::socket& socket, asio::yield_context yield)
    {
        std::vector<char> buffer(read_buffer_size);
        boost::system::error_code ec;
        for (;;) {
            std::size_t n = socket.async_read_some(asio::buffer(buffer), yield[ec]);
            if (ec)
                return;
            asio::async_write(socket, asio::buffer(buffer.data(), n), yield[ec]);
            if (ec)
                return;
        }
    }

    // One write per line, as a line protocol answers each packet with one send.
    static void echo_lines(tcp::socket& socket, asio::yield_context yield)
    {
        std::string data;
        boost::system::error_code ec;
        for (;;) {
            std::size_t n = asio::async_read_until(socket, asio::dynamic_buffer(data, 1 << 20), '\n', yield[ec]);
            if (ec)
                return;
            asio::async_write(socket, asio::buffer(data.data(), n), yield[ec]);
            if (ec)
                return;
            data.erase(0, n);
        }
    }

    asio::io_context context_{1};
    tcp::acceptor acceptor_;
    mode mode_;
    std::thread thread_;
};

// ---------------------------------------------------------------------------------------
// The easynet echo service, on its own loop thread.

class easynet_server : public easynet_bench::echo_server_thread {
public:
    explicit easynet_server(mode m) : echo_server_thread(options(m)) {}

private:
    static easynet_echo::echo_options options(mode m)
    {
        easynet_echo::echo_options options;
        options.transport = easynet_echo::transport::tcp;
        options.host = "127.0.0.1";
        options.port = 0;
        options.format = m == mode::bytes ? easynet_echo::format::raw : easynet_echo::format::line;
        return options;
    }
};

// ---------------------------------------------------------------------------------------
// The load generator: `connections` raw Asio clients, each sending a request and reading
// the whole reply before the next, for `duration`.

double requests_per_second(std::uint16_t port, mode m, std::size_t message_size, double duration)
{
    std::string request;
    if (m == mode::bytes) {
        request.assign(message_size, 'x');
    } else {
        for (int i = 0; i < lines_per_request; ++i)
            request += std::string(line_size - 1, static_cast<char>('a' + i)) + '\n';
    }
    asio::io_context context{1};
    std::atomic<long> done{0};
    std::atomic<bool> failed{false};
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + std::chrono::duration<double>(duration);
    for (int c = 0; c < connections; ++c) {
        asio::spawn(
            context,
            [&](asio::yield_context yield) {
                boost::system::error_code ec;
                tcp::socket socket(context);
                socket.async_connect({asio::ip::make_address("127.0.0.1"), port}, yield[ec]);
                if (ec) {
                    failed = true;
                    return;
                }
                socket.set_option(tcp::no_delay(true));
                std::string reply(request.size(), '\0');
                while (std::chrono::steady_clock::now() < deadline) {
                    asio::async_write(socket, asio::buffer(request), yield[ec]);
                    if (!ec)
                        asio::async_read(socket, asio::buffer(reply), yield[ec]);
                    if (ec || reply != request) {
                        failed = true;
                        return;
                    }
                    ++done;
                }
            },
            asio::detached);
    }
    context.run();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed)
        throw std::runtime_error("a load generator connection failed");
    return static_cast<double>(done.load()) / elapsed;
}

// ---------------------------------------------------------------------------------------
// Memory of idle connections: the server in a child process.

long vm_rss_kib(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

template <class Server>
void idle_connections_memory(const char* name, int count)
{
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0)
        throw std::runtime_error("pipe");
    pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        {
            Server server(mode::bytes);
            std::uint16_t port = server.port();
            if (::write(pipe_fds[1], &port, sizeof port) != sizeof port)
                ::_exit(1);
            for (;;)
                ::pause(); // until the parent kills this process
        }
    }
    ::close(pipe_fds[1]);
    std::uint16_t port = 0;
    if (::read(pipe_fds[0], &port, sizeof port) != sizeof port)
        throw std::runtime_error("the server child did not start");
    const long before = vm_rss_kib(child);

    asio::io_context context{1};
    std::vector<tcp::socket> sockets;
    sockets.reserve(static_cast<std::size_t>(count));
    int opened = 0;
    std::string error;
    try {
        for (; opened < count; ++opened) {
            tcp::socket& s = sockets.emplace_back(context);
            s.connect({asio::ip::make_address("127.0.0.1"), port});
            char byte = 'x';
            asio::write(s, asio::buffer(&byte, 1));
            asio::read(s, asio::buffer(&byte, 1)); // served: its task runs and has read once
        }
    } catch (const std::exception& e) {
        error = e.what();
        sockets.pop_back();
    }
    const long after = vm_rss_kib(child);
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    ::close(pipe_fds[0]);
    std::printf("%-24s %8d %12ld %12ld %14.1f%s%s\n", name, opened, before, after,
                opened ? static_cast<double>(after - before) / opened : 0.0, error.empty() ? "" : "  stopped: ",
                error.c_str());
}

} // namespace

int main(int argc, char* argv[])
{
    double duration = 2.0;
    int rounds = 3;
    int idle = 10000;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--benchmark_min_time", 0) == 0) { // the CTest smoke run
            duration = 0.05;
            rounds = 1;
            idle = 100;
        } else if (arg == "--duration" && i + 1 < argc) {
            duration = std::stod(argv[++i]);
        } else if (arg == "--rounds" && i + 1 < argc) {
            rounds = std::stoi(argv[++i]);
        } else if (arg == "--idle" && i + 1 < argc) {
            idle = std::stoi(argv[++i]);
        } else {
            std::cerr << "usage: easynet-bench-tcp_echo [--duration SECONDS] [--rounds N] [--idle N]\n";
            return 2;
        }
    }

    // Room for the idle connections: the soft descriptor limit raised to the hard one.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);

    std::printf("TCP echo, %d connections, %.1f s per measure, median of %d alternating rounds\n", connections,
                duration, rounds);
    std::printf("%-26s %14s %14s %8s\n", "case", "raw asio req/s", "easynet req/s", "ratio");
    struct bench_case {
        const char* name;
        mode m;
        std::size_t size;
    };
    const bench_case cases[] = {
        {"1 KiB messages", mode::bytes, 1024},
        {"10 KiB messages", mode::bytes, 10 * 1024},
        {"100 KiB messages", mode::bytes, 100 * 1024},
        {"lines, 5 x 100 B/request", mode::lines, 0},
    };
    for (const bench_case& c : cases) {
        std::vector<double> raw, easynet;
        for (int r = 0; r < rounds; ++r) {
            {
                raw_asio_server server(c.m);
                raw.push_back(requests_per_second(server.port(), c.m, c.size, duration));
            }
            {
                easynet_server server(c.m);
                easynet.push_back(requests_per_second(server.port(), c.m, c.size, duration));
            }
        }
        const double raw_rate = easynet_bench::median(raw), easynet_rate = easynet_bench::median(easynet);
        std::printf("%-26s %14.0f %14.0f %8.3f\n", c.name, raw_rate, easynet_rate, easynet_rate / raw_rate);
        std::fflush(stdout);
    }

    std::printf("\nIdle connections (RLIMIT_NOFILE %llu), server in a child process, VmRSS in KiB\n",
                static_cast<unsigned long long>(limit.rlim_cur));
    std::printf("%-24s %8s %12s %12s %14s\n", "server", "conns", "RSS before", "RSS after", "KiB/connection");
    std::fflush(stdout);
    idle_connections_memory<easynet_server>("easynet", idle);
    idle_connections_memory<raw_asio_server>("raw asio spawn", idle);
    return 0;
}
