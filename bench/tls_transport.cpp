// TLS over loopback TCP: easynet's async_tls_stream_transport (OpenSSL on a BIO pair
// driven by task-suspending transport calls) against boost::asio::ssl::stream over a TCP
// socket driven by asio::spawn coroutines (the classic Asio way), on one thread each.
//   throughput: 1 MiB sent client -> server per iteration
//   ping_pong:  64-byte request, 64-byte answer per iteration (per-call overhead)
#include <easynet/lowlevel/api_async/backend/bootstrap.hpp>
#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <benchmark/benchmark.h>

#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
namespace ssl = easynet::lowlevel::ssl;
namespace asio = boost::asio;

namespace {

std::string data_file(const char* name)
{
    // EASYNET_SOURCE_DIR comes from bench/CMakeLists.txt (__FILE__ may be relative under ccache).
    return (std::filesystem::path(EASYNET_SOURCE_DIR) / "test" / "data" / "tls" / name).string();
}

ssl::ssl_context_ptr server_context() { return ssl::create_server_context(data_file("server.pem"), data_file("server.key")); }
ssl::ssl_context_ptr client_context() { return ssl::create_default_client_context(data_file("ca.pem")); }

void read_exactly(transports::async_stream_transport& t, std::string& buffer)
{
    std::size_t done = 0;
    while (done < buffer.size())
        done += t.recv_into(std::span<char>(buffer.data() + done, buffer.size() - done));
}

/// Runs `body(client, server)` on a connected easynet TLS pair.
template <typename Body>
void with_easynet_pair(Body&& body)
{
    backend::bootstrap([&] {
        auto listeners = backend::create_tcp_listeners("127.0.0.1", 0);
        auto port = listeners[0]->extra(easynet::lowlevel::socket_attribute::local_address).as_inet().port();
        std::unique_ptr<transports::async_tls_stream_transport> client, server;
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                backend::with_task_group([&](backend::task_group& accept_group) {
                    listeners[0]->serve(
                        [&](std::unique_ptr<transports::async_stream_transport> t) {
                            transports::tls_transport_options options;
                            options.server_side = true;
                            server = transports::async_tls_stream_transport::wrap(std::move(t), server_context(), options);
                            accept_group.cancel();
                        },
                        accept_group);
                });
            });
            transports::tls_transport_options options;
            options.server_hostname = "localhost";
            client = transports::async_tls_stream_transport::wrap(backend::create_tcp_connection("127.0.0.1", port),
                                                                  client_context(), options);
        });
        body(*client, *server);
    });
}

void easynet_throughput(benchmark::State& state)
{
    const std::string data(1 << 20, 'x');
    with_easynet_pair([&](auto& client, auto& server) {
        std::string buffer(data.size(), '\0');
        for (auto _ : state) {
            backend::with_task_group([&](backend::task_group& tg) {
                tg.start_soon([&] { client.send_all(data); });
                read_exactly(server, buffer);
            });
        }
    });
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(easynet_throughput)->Unit(benchmark::kMicrosecond)->UseRealTime();

void easynet_ping_pong(benchmark::State& state)
{
    const std::string message(64, 'p');
    with_easynet_pair([&](auto& client, auto& server) {
        std::string buffer(message.size(), '\0');
        backend::with_task_group([&](backend::task_group& tg) {
            tg.start_soon([&] {
                std::string request(message.size(), '\0');
                for (;;) {
                    read_exactly(server, request);
                    server.send_all(request);
                }
            });
            for (auto _ : state) {
                client.send_all(message);
                read_exactly(client, buffer);
            }
            tg.cancel();
        });
    });
}
BENCHMARK(easynet_ping_pong)->Unit(benchmark::kMicrosecond)->UseRealTime();

// --- Asio: ssl::stream<tcp::socket> with stackful coroutines ---------------------------

using asio_tls = asio::ssl::stream<asio::ip::tcp::socket>;

template <typename Body>
void with_asio_pair(Body&& body)
{
    asio::io_context context;
    auto server_ctx = server_context();
    auto client_ctx = client_context();
    asio::ip::tcp::acceptor acceptor(context, {asio::ip::make_address("127.0.0.1"), 0});
    asio_tls server(context, *server_ctx);
    asio_tls client(context, *client_ctx);
    asio::spawn(
        context,
        [&](asio::yield_context yield) {
            acceptor.async_accept(server.next_layer(), yield);
            server.next_layer().set_option(asio::ip::tcp::no_delay(true)); // as easynet's sockets
            server.async_handshake(asio::ssl::stream_base::server, yield);
        },
        asio::detached);
    asio::spawn(
        context,
        [&](asio::yield_context yield) {
            client.next_layer().async_connect(acceptor.local_endpoint(), yield);
            client.next_layer().set_option(asio::ip::tcp::no_delay(true));
            SSL_set_tlsext_host_name(client.native_handle(), "localhost");
            SSL_set1_host(client.native_handle(), "localhost");
            client.async_handshake(asio::ssl::stream_base::client, yield);
        },
        asio::detached);
    context.run();
    body(context, client, server);
}

void asio_ssl_stream_throughput(benchmark::State& state)
{
    const std::string data(1 << 20, 'x');
    with_asio_pair([&](asio::io_context& context, asio_tls& client, asio_tls& server) {
        std::string buffer(data.size(), '\0');
        for (auto _ : state) {
            asio::spawn(
                context, [&](asio::yield_context yield) { asio::async_write(client, asio::buffer(data), yield); },
                asio::detached);
            asio::spawn(
                context, [&](asio::yield_context yield) { asio::async_read(server, asio::buffer(buffer), yield); },
                asio::detached);
            context.restart();
            context.run();
        }
    });
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(asio_ssl_stream_throughput)->Unit(benchmark::kMicrosecond)->UseRealTime();

void asio_ssl_stream_ping_pong(benchmark::State& state)
{
    const std::string message(64, 'p');
    with_asio_pair([&](asio::io_context& context, asio_tls& client, asio_tls& server) {
        bool stop = false;
        asio::spawn(
            context,
            [&](asio::yield_context yield) {
                std::string request(message.size(), '\0');
                boost::system::error_code ec;
                while (!stop) {
                    asio::async_read(server, asio::buffer(request), yield[ec]);
                    if (ec)
                        return;
                    asio::async_write(server, asio::buffer(request), yield[ec]);
                }
            },
            asio::detached);
        asio::spawn(
            context,
            [&](asio::yield_context yield) {
                std::string answer(message.size(), '\0');
                for (auto _ : state) {
                    asio::async_write(client, asio::buffer(message), yield);
                    asio::async_read(client, asio::buffer(answer), yield);
                }
                stop = true;
                client.next_layer().close();
            },
            asio::detached);
        context.restart();
        context.run();
    });
}
BENCHMARK(asio_ssl_stream_ping_pong)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace
