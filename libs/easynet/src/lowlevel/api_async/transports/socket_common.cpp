#include "socket_common.hpp"

#include <easynet/exceptions/core.hpp>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace easynet::lowlevel::api_async::transports::detail {

const logger& socket_logger()
{
    static const logger log("easynet.lowlevel.api_async.transports.socket");
    return log;
}

boost::asio::io_context& current_context(const char* function)
{
    return backend::detail::require_task(function).loop().context();
}

void throw_error(const boost::system::error_code& ec, const std::string& what)
{
    throw boost::system::system_error(ec, what);
}

void throw_errno(int error, const std::string& what)
{
    throw boost::system::system_error(error, boost::system::system_category(), what);
}

void throw_closed(const char* function) { throw_errno(EBADF, function); }

std::string errno_name(int error)
{
#if defined(__GLIBC__) && ((__GLIBC__ > 2) || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    if (const char* name = ::strerrorname_np(error))
        return name;
#endif
    return "errno " + std::to_string(error);
}

namespace {

int socket_int_option(native_socket_handle fd, int level, int name, const char* what)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, level, name, &value, &length) != 0)
        throw_errno(errno, what);
    return value;
}

int socket_family(native_socket_handle fd)
{
#ifdef SO_DOMAIN
    return socket_int_option(fd, SOL_SOCKET, SO_DOMAIN, "getsockopt(SO_DOMAIN)");
#else
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) != 0)
        throw_errno(errno, "getsockname");
    return storage.ss_family;
#endif
}

int socket_protocol(native_socket_handle fd)
{
#ifdef SO_PROTOCOL
    return socket_int_option(fd, SOL_SOCKET, SO_PROTOCOL, "getsockopt(SO_PROTOCOL)");
#else
    (void)fd;
    return 0;
#endif
}

template <typename Protocol, typename Socket>
Socket adopt(native_socket_handle fd, int expected_type, const char* function)
{
    if (fd < 0)
        throw std::invalid_argument(std::string(function) + ": invalid socket handle");
    int type = 0;
    try {
        type = socket_int_option(fd, SOL_SOCKET, SO_TYPE, "getsockopt(SO_TYPE)");
    } catch (const boost::system::system_error& e) {
        throw std::invalid_argument(std::string(function) + ": not a socket (" + e.what() + ")");
    }
    if (type != expected_type)
        throw std::invalid_argument(std::string(function) + (expected_type == SOCK_STREAM
                                                                 ? ": a SOCK_STREAM socket is required"
                                                                 : ": a SOCK_DGRAM socket is required"));
    const int family = socket_family(fd);
    const int protocol = socket_protocol(fd);
    Socket socket(current_context(function));
    boost::system::error_code ec;
    socket.assign(Protocol(family, protocol), fd, ec);
    if (ec)
        throw_error(ec, function);
    return socket;
}

shared_handle new_handle(native_socket_handle fd) { return std::make_shared<std::atomic<native_socket_handle>>(fd); }

void set_non_blocking(auto& socket)
{
    boost::system::error_code ec;
    socket.non_blocking(true, ec);
    if (ec)
        throw_error(ec, "set non-blocking");
}

} // namespace

stream_socket adopt_stream_socket(native_socket_handle fd, const char* function)
{
    return adopt<boost::asio::generic::stream_protocol, stream_socket>(fd, SOCK_STREAM, function);
}

datagram_socket adopt_datagram_socket(native_socket_handle fd, const char* function)
{
    return adopt<boost::asio::generic::datagram_protocol, datagram_socket>(fd, SOCK_DGRAM, function);
}

extra_attribute_map make_socket_attributes(const shared_handle& handle, int family, bool connected)
{
    extra_attribute_map map;
    map.set(socket_attribute::socket, [handle] { return socket_proxy(handle); });
    map.set(socket_attribute::family, [family] { return family; });
    map.set(socket_attribute::local_address, [handle] {
        try {
            return socket_proxy(handle).local_address();
        } catch (const boost::system::system_error& e) {
            throw typed_attribute_lookup_error(std::string("local_address: ") + e.what());
        }
    });
    if (connected) {
        map.set(socket_attribute::remote_address, [handle] {
            try {
                return socket_proxy(handle).remote_address();
            } catch (const boost::system::system_error& e) {
                throw typed_attribute_lookup_error(std::string("remote_address: ") + e.what());
            }
        });
    }
    return map;
}

void set_tcp_options(native_socket_handle fd, int family) noexcept
{
    if (family != AF_INET && family != AF_INET6)
        return;
    int on = 1;
    (void)::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    (void)::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
}

std::size_t iov_max() noexcept
{
    static const std::size_t value = [] {
        long v = ::sysconf(_SC_IOV_MAX);
        return v > 0 ? static_cast<std::size_t>(v) : std::size_t{16};
    }();
    return value;
}

// ---------------------------------------------------------------------------------------

stream_socket_state::stream_socket_state(stream_socket s)
    : socket(std::move(s)), handle(new_handle(socket.native_handle())), family(socket_family(socket.native_handle()))
{
    set_non_blocking(socket);
}

stream_socket_state::~stream_socket_state() { close(); }

void stream_socket_state::close() noexcept
{
    handle->store(-1, std::memory_order_release);
    boost::system::error_code ec;
    socket.close(ec);
}

datagram_socket_state::datagram_socket_state(datagram_socket s)
    : socket(std::move(s)), handle(new_handle(socket.native_handle())), family(socket_family(socket.native_handle()))
{
    set_non_blocking(socket);
}

datagram_socket_state::~datagram_socket_state() { close(); }

void datagram_socket_state::close() noexcept
{
    handle->store(-1, std::memory_order_release);
    boost::system::error_code ec;
    socket.close(ec);
}

acceptor_state::acceptor_state(stream_acceptor a, int backlog_)
    : acceptor(std::move(a)),
      handle(new_handle(acceptor.native_handle())),
      family(socket_family(acceptor.native_handle())),
      backlog(backlog_)
{
    set_non_blocking(acceptor);
}

acceptor_state::~acceptor_state() { close(); }

void acceptor_state::close() noexcept
{
    handle->store(-1, std::memory_order_release);
    boost::system::error_code ec;
    acceptor.close(ec);
}

} // namespace easynet::lowlevel::api_async::transports::detail
