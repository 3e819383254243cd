// Helpers shared by the TLS tests: the test certificates (test/data/tls), loopback TCP
// socket pairs, and TLS transport pairs handshaken over them.
#ifndef EASYNET_TEST_UNIT_TLS_TLS_SUPPORT_HPP
#define EASYNET_TEST_UNIT_TLS_TLS_SUPPORT_HPP

#include <easynet/lowlevel/api_async/backend/network.hpp>
#include <easynet/lowlevel/api_async/backend/task_group.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>
#include <easynet/lowlevel/ssl/ssl_context.hpp>

#include <easynet_test/backend.hpp>
#include <easynet_test/network.hpp>
#include <easynet_test/tls_files.hpp>

#include <boost/asio/ssl/error.hpp>
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>

namespace tls_test {

namespace backend = easynet::lowlevel::api_async::backend;
namespace transports = easynet::lowlevel::api_async::transports;
namespace ssl = easynet::lowlevel::ssl;
using transports::async_tls_stream_transport;
using transports::tls_transport_options;
using namespace std::chrono_literals;

// The test certificates and contexts (easynet_test/tls_files.hpp) under this suite's names.
inline std::string data_file(const std::string& name) { return easynet_test::tls_data_file(name); }
inline ssl::ssl_context_ptr server_context() { return easynet_test::tls_server_context(); }
inline ssl::ssl_context_ptr client_context(const std::string& ca = "ca.pem") { return easynet_test::tls_client_context(ca); }

/// Two connected TCP sockets over loopback (blocking connect + accept; no task needed).
struct socket_pair {
    int client = -1;
    int server = -1;
};

inline socket_pair tcp_socket_pair(int family = AF_INET)
{
    int listener = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        throw std::system_error(errno, std::generic_category(), "socket");
    easynet_test::loopback_address loopback(family);
    auto* address = loopback.get();
    socklen_t& length = loopback.length;
    socket_pair pair;
    if (::bind(listener, address, length) != 0 || ::listen(listener, 1) != 0 ||
        ::getsockname(listener, address, &length) != 0)
        throw std::system_error(errno, std::generic_category(), "bind/listen");
    pair.client = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (pair.client < 0 || ::connect(pair.client, address, length) != 0)
        throw std::system_error(errno, std::generic_category(), "connect");
    pair.server = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    ::close(listener);
    if (pair.server < 0)
        throw std::system_error(errno, std::generic_category(), "accept");
    return pair;
}

/// Options of the client end of `make_tls_pair`: verifies "localhost", 10 s handshake.
inline tls_transport_options client_options()
{
    tls_transport_options options;
    options.server_hostname = "localhost";
    options.handshake_timeout = 10s;
    options.shutdown_timeout = 10s;
    return options;
}

/// Options of the server end of `make_tls_pair`.
inline tls_transport_options server_options()
{
    tls_transport_options options;
    options.server_side = true;
    options.handshake_timeout = 10s;
    options.shutdown_timeout = 10s;
    return options;
}

struct tls_pair {
    std::unique_ptr<async_tls_stream_transport> client;
    std::unique_ptr<async_tls_stream_transport> server;
};

/// Connects two TLS transports over a loopback TCP pair, both handshakes running
/// concurrently (call in a task). A failed handshake throws (task group error).
inline tls_pair make_tls_pair(const tls_transport_options& client = client_options(),
                              const tls_transport_options& server = server_options(),
                              ssl::ssl_context_ptr client_ctx = client_context(),
                              ssl::ssl_context_ptr server_ctx = server_context())
{
    auto fds = tcp_socket_pair();
    auto client_raw = backend::wrap_stream_socket(fds.client);
    auto server_raw = backend::wrap_stream_socket(fds.server);
    tls_pair pair;
    backend::with_task_group([&](backend::task_group& tg) {
        tg.start_soon([&] { pair.server = async_tls_stream_transport::wrap(std::move(server_raw), server_ctx, server); });
        pair.client = async_tls_stream_transport::wrap(std::move(client_raw), client_ctx, client);
    });
    return pair;
}

/// Reads until `size` bytes arrived or EOF.
inline std::string recv_exactly(transports::async_stream_transport& t, std::size_t size)
{
    std::string data;
    data.reserve(size);
    std::string chunk(64 * 1024, '\0');
    while (data.size() < size) {
        std::size_t n = t.recv_into(std::span<char>(chunk.data(), std::min(chunk.size(), size - data.size())));
        if (n == 0)
            break;
        data.append(chunk.data(), n);
    }
    return data;
}

/// Deterministic bytes that are not all alike.
inline std::string pattern(std::size_t size, unsigned seed = 7)
{
    std::string s(size, '\0');
    for (std::size_t i = 0; i < size; ++i)
        s[i] = static_cast<char>((i * 131 + seed) % 251);
    return s;
}

/// The outcome of a call made in another task (Boost.Test assertions stay in the main task).
struct outcome {
    bool done = false;
    std::exception_ptr error;
};

template <typename F>
void record(outcome& out, F&& fn)
{
    try {
        fn();
    } catch (const easynet::cancelled&) {
        throw;
    } catch (...) {
        out.error = std::current_exception();
    }
    out.done = true;
}

/// The error code of a recorded failure (default-constructed when none or not a system_error).
inline boost::system::error_code error_code_of(const std::exception_ptr& error)
{
    if (!error)
        return {};
    try {
        std::rethrow_exception(error);
    } catch (const boost::system::system_error& e) {
        return e.code();
    } catch (...) {
        return {};
    }
}

/// True for an OpenSSL error (asio's SSL category).
inline bool in_ssl_category(const boost::system::error_code& ec)
{
    return ec.category() == boost::asio::error::get_ssl_category();
}

inline std::string what_of(const std::exception_ptr& error)
{
    if (!error)
        return {};
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "non-standard exception";
    }
}

} // namespace tls_test

#endif
