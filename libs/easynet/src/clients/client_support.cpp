//
// easynet — non-template helpers of the clients.
//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/clients/async_tcp_network_client.hpp>
#include <easynet/clients/async_unix_stream_client.hpp>
#include <easynet/clients/detail/client_support.hpp>
#include <easynet/exceptions/core.hpp>

#include "../lowlevel/connection_error.hpp"

#include <boost/asio/ssl/error.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <stdexcept>

namespace easynet::clients::detail {

namespace {

boost::system::system_error os_error(int error) { return {error, boost::system::system_category()}; }

} // namespace

void rethrow_client_error(bool closed, const char* closed_message, connection_errors errors)
{
    try {
        throw;
    } catch (const timeout_error&) {
        throw;
    } catch (const boost::system::system_error& error) {
        if (closed)
            throw client_closed_error(closed_message);
        const auto code = error.code();
        if (code.value() == ECONNABORTED && code.category() == boost::system::system_category())
            throw;
        if (errors == connection_errors::abort && lowlevel::detail::is_connection_error_code(code))
            throw boost::system::system_error(ECONNABORTED, boost::system::system_category(), error.what());
        if (code.value() == EBADF || code.value() == ENOTSOCK)
            throw boost::system::system_error(code, "The socket file descriptor was closed unexpectedly.");
        throw;
    } catch (const client_closed_error&) {
        throw;
    } catch (const std::exception&) {
        throw;
    }
}

bool ends_packet_iteration(const std::exception_ptr& error) noexcept
{
    try {
        std::rethrow_exception(error);
    } catch (const boost::system::system_error&) {
        return true;
    } catch (const client_closed_error&) {
        return true;
    } catch (...) {
        return false;
    }
}

void raise_pending_socket_error(const lowlevel::typed_attribute_provider& object)
{
    if (!object.extra_attributes().contains(lowlevel::socket_attribute::socket))
        return;
    const int error = object.extra(lowlevel::socket_attribute::socket).get_option(SOL_SOCKET, SO_ERROR);
    if (error != 0)
        throw os_error(error);
}

void set_tcp_socket_options(lowlevel::native_socket_handle fd) noexcept
{
    const int on = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    (void)::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
}

void check_adopted_stream_socket(lowlevel::native_socket_handle fd, bool inet)
{
    check_adopted_socket(fd, inet, SOCK_STREAM);
}

void check_adopted_socket(lowlevel::native_socket_handle fd, bool inet, int type)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &length) != 0)
        throw os_error(errno);
    if (inet && value != AF_INET && value != AF_INET6)
        throw std::invalid_argument("Only these families are supported: AF_INET, AF_INET6");
    if (!inet && value != AF_UNIX)
        throw std::invalid_argument("Only these families are supported: AF_UNIX");
    length = sizeof(value);
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &value, &length) != 0)
        throw os_error(errno);
    if (value != type)
        throw std::invalid_argument(type == SOCK_STREAM ? "Invalid socket type: a stream socket is required"
                                                        : "Invalid socket type: a datagram socket is required");
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof(peer);
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_length) != 0)
        throw os_error(errno);
}

socket_owner::~socket_owner()
{
    if (fd_ >= 0)
        ::close(fd_);
}

std::optional<tls_settings> resolve_tls_settings(const tls_request& request, const std::string* host)
{
    if (std::holds_alternative<std::monostate>(request.ssl)) {
        if (request.server_hostname)
            throw std::invalid_argument("server_hostname is only meaningful with ssl");
        if (request.handshake_timeout)
            throw std::invalid_argument("ssl_handshake_timeout is only meaningful with ssl");
        if (request.shutdown_timeout)
            throw std::invalid_argument("ssl_shutdown_timeout is only meaningful with ssl");
        if (request.standard_compatible)
            throw std::invalid_argument("ssl_standard_compatible is only meaningful with ssl");
        return std::nullopt;
    }
    tls_settings settings;
    if (const auto* context = std::get_if<lowlevel::ssl::ssl_context_ptr>(&request.ssl)) {
        if (!*context)
            throw std::invalid_argument("ssl: null context");
        settings.context = *context;
    } else {
        settings.context = lowlevel::ssl::create_default_client_context();
    }
    if (request.server_hostname) {
        settings.options.server_hostname = *request.server_hostname;
    } else {
        if (host == nullptr || host->empty())
            throw std::invalid_argument("You must set server_hostname when using ssl without a host");
        settings.options.server_hostname = *host;
    }
    if (request.handshake_timeout)
        settings.options.handshake_timeout = *request.handshake_timeout;
    if (request.shutdown_timeout)
        settings.options.shutdown_timeout = *request.shutdown_timeout;
    if (request.standard_compatible)
        settings.options.standard_compatible = *request.standard_compatible;
    settings.options.server_side = false;
    return settings;
}

std::size_t checked_max_recv_size(const std::optional<std::size_t>& max_recv_size)
{
    if (!max_recv_size)
        return defaults::stream_bufsize;
    if (*max_recv_size == 0)
        throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
    return *max_recv_size;
}

void check_retry_interval(sync_seconds retry_interval)
{
    if (!(retry_interval.count() > 0))
        throw std::invalid_argument("retry_interval must be a strictly positive number of seconds");
}

async_transport_ptr maybe_wrap_tls(async_transport_ptr transport, const std::optional<tls_settings>& tls)
{
    if (!tls)
        return transport;
    return lowlevel::api_async::transports::async_tls_stream_transport::wrap(std::move(transport), tls->context,
                                                                             tls->options);
}

std::optional<tls_settings> checked_tcp_tls(const async_tcp_client_options& options, const std::string* host)
{
    const tls_request request{options.ssl, options.server_hostname, options.ssl_handshake_timeout,
                              options.ssl_shutdown_timeout, options.ssl_standard_compatible};
    (void)checked_max_recv_size(options.max_recv_size);
    return resolve_tls_settings(request, host);
}

async_transport_ptr connect_async_tcp(const std::string& host, std::uint16_t port,
                                      const async_tcp_client_options& options, const std::optional<tls_settings>& tls)
{
    namespace backend = lowlevel::api_async::backend;
    backend::tcp_connection_options connection;
    connection.local_address = options.local_address;
    if (options.happy_eyeballs_delay)
        connection.happy_eyeballs_delay = *options.happy_eyeballs_delay;
    return maybe_wrap_tls(backend::create_tcp_connection(host, port, connection), tls);
}

async_transport_ptr adopt_async_tcp(socket_owner& socket, const std::optional<tls_settings>& tls)
{
    if (socket.get() < 0)
        throw boost::system::system_error(EBADF, boost::system::system_category());
    set_tcp_socket_options(socket.get());
    auto transport = lowlevel::api_async::backend::wrap_stream_socket(socket.get());
    socket.release();
    return maybe_wrap_tls(std::move(transport), tls);
}

async_transport_ptr connect_async_unix(const lowlevel::unix_socket_address& path,
                                       const std::optional<lowlevel::unix_socket_address>& local_path)
{
    return lowlevel::api_async::backend::create_unix_stream_connection(path, local_path);
}

async_transport_ptr adopt_async_unix(socket_owner& socket)
{
    if (socket.get() < 0)
        throw boost::system::system_error(EBADF, boost::system::system_category());
    auto transport = lowlevel::api_async::backend::wrap_stream_socket(socket.get());
    socket.release();
    return transport;
}

} // namespace easynet::clients::detail
