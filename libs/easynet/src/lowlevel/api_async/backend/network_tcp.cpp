#include <easynet/lowlevel/api_async/backend/network.hpp>

#include "network_common.hpp"

#include <easynet/lowlevel/api_async/backend/detail/happy_eyeballs.hpp>
#include <easynet/lowlevel/api_async/transports/socket_stream_transport.hpp>

#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/system/system_error.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

namespace easynet::lowlevel::api_async::backend {

namespace td = transports::detail;

namespace detail {

std::vector<address_info> reorder_for_happy_eyeballs(const std::vector<address_info>& addresses)
{
    std::vector<address_info> v6, v4, others;
    for (const auto& a : addresses) {
        if (a.family == AF_INET6)
            v6.push_back(a);
        else if (a.family == AF_INET)
            v4.push_back(a);
        else
            others.push_back(a);
    }
    std::vector<address_info> result;
    result.reserve(addresses.size());
    for (std::size_t i = 0; i < v6.size() || i < v4.size(); ++i) {
        if (i < v6.size())
            result.push_back(v6[i]);
        if (i < v4.size())
            result.push_back(v4[i]);
    }
    result.insert(result.end(), others.begin(), others.end());
    return result;
}

namespace {

boost::asio::generic::stream_protocol::endpoint to_stream_endpoint(const socket_address& address, int protocol)
{
    sockaddr_storage storage{};
    const std::size_t length = address.to_native(&storage, sizeof(storage));
    return boost::asio::generic::stream_protocol::endpoint(&storage, length, protocol);
}

td::stream_socket connect_attempt(boost::asio::io_context& context, const address_info& target,
                                  const std::optional<std::vector<address_info>>& local,
                                  std::vector<std::exception_ptr>& errors)
{
    constexpr const char* function = "create_tcp_connection";
    td::stream_socket socket(context);
    boost::system::error_code ec;
    socket.open(boost::asio::generic::stream_protocol(target.family, IPPROTO_TCP), ec);
    if (ec)
        td::throw_error(ec, "socket");
    bind_to_local_address(socket.native_handle(), target.family, local, errors);
    const socket_address remote = to_socket_address(target);
    const auto endpoint = to_stream_endpoint(remote, IPPROTO_TCP);
    await_operation(function, ec, [&](auto token) { return socket.async_connect(endpoint, token); });
    if (ec)
        td::throw_error(ec, "connect call failed " + remote.to_string());
    return socket;
}

} // namespace
} // namespace detail

stream_transport_ptr create_tcp_connection(const std::string& host, std::uint16_t port,
                                           const tcp_connection_options& options)
{
    constexpr const char* function = "create_tcp_connection";
    auto& context = td::current_context(function);
    detail::check_delay(options.happy_eyeballs_delay);
    const auto remote = detail::resolve_address(host, port, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP, 0);
    const auto local = detail::resolve_local_address(options.local_address, AF_UNSPEC, SOCK_STREAM, IPPROTO_TCP);
    const auto targets = detail::reorder_for_happy_eyeballs(remote);
    auto socket = detail::staggered_race<td::stream_socket>(
        targets.size(), options.happy_eyeballs_delay,
        [&](std::size_t i, std::vector<std::exception_ptr>& errors) {
            return detail::connect_attempt(context, targets[i], local, errors);
        },
        "create_connection() failed");
    auto state = std::make_unique<td::stream_socket_state>(std::move(socket));
    td::set_tcp_options(state->socket.native_handle(), state->family);
    return std::make_unique<transports::socket_stream_transport>(std::move(state));
}

stream_transport_ptr wrap_stream_socket(native_socket_handle socket)
{
    return std::make_unique<transports::socket_stream_transport>(socket);
}

} // namespace easynet::lowlevel::api_async::backend
