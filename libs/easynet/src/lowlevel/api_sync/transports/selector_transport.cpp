#include <easynet/lowlevel/api_sync/transports/selector_transport.hpp>

#include <easynet/lowlevel/api_async/backend/time.hpp>

#include <boost/system/system_error.hpp>

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet::lowlevel::api_sync::transports {

namespace {

[[noreturn]] void throw_errno(int error, const char* what)
{
    throw boost::system::system_error(error, boost::system::system_category(), what);
}

double checked_timeout(seconds timeout)
{
    const double t = timeout.count();
    if (std::isnan(t) || t < 0)
        throw std::invalid_argument("Invalid timeout: " + std::to_string(t));
    return t;
}

} // namespace

retry_deadline::retry_deadline(seconds timeout, seconds retry_interval)
    : deadline_(api_async::backend::current_time() + checked_timeout(timeout)), retry_interval_(retry_interval.count())
{
}

seconds retry_deadline::remaining() const noexcept
{
    if (std::isinf(deadline_))
        return seconds{deadline_};
    return seconds{std::max(0.0, deadline_ - api_async::backend::current_time())};
}

void retry_deadline::wait(const would_block& what)
{
    if (what.fileno < 0)
        throw_errno(EBADF, "wait for readiness");
    const double left = remaining().count();
    if (left <= 0)
        throw timeout_error();
    const bool whole_interval = left > retry_interval_;
    const double slice = whole_interval ? retry_interval_ : left;
    int slice_ms = -1;
    if (!std::isinf(slice))
        slice_ms = static_cast<int>(std::min(std::ceil(slice * 1000.0), 2147483647.0));
    pollfd fd{what.fileno, static_cast<short>(what.event == wait_event::read ? POLLIN : POLLOUT), 0};
    const int ready = ::poll(&fd, 1, slice_ms);
    if (ready < 0) {
        if (errno == EINTR)
            return;
        throw_errno(errno, "poll");
    }
    if (ready > 0 && (fd.revents & POLLNVAL) != 0)
        throw_errno(EBADF, "poll");
    if (ready == 0 && !whole_interval)
        throw timeout_error();
}

selector_base_transport::selector_base_transport(seconds retry_interval) : retry_interval_(retry_interval)
{
    if (!(retry_interval.count() > 0))
        throw std::invalid_argument("retry_interval must be a strictly positive number of seconds");
}

noblock_result<recv_ancillary_result> selector_stream_transport::recv_with_ancillary_noblock_into(std::span<char>,
                                                                                                  std::size_t)
{
    throw unsupported_operation("This transport does not have ancillary data support.");
}

noblock_result<std::size_t>
selector_stream_transport::send_noblock_from_iterable(std::span<const std::string_view> buffers)
{
    for (auto b : buffers) {
        if (!b.empty())
            return send_noblock(b);
    }
    return std::size_t{0};
}

noblock_result<std::size_t> selector_stream_transport::send_with_ancillary_noblock(std::span<const std::string_view>,
                                                                                   std::span<const raw_ancillary_message>)
{
    throw unsupported_operation("This transport does not have ancillary data support.");
}

std::size_t selector_stream_transport::recv_into(std::span<char> buffer, seconds timeout)
{
    return retry([&] { return recv_noblock_into(buffer); }, timeout);
}

recv_ancillary_result selector_stream_transport::recv_with_ancillary_into(std::span<char> buffer,
                                                                          std::size_t ancillary_bufsize, seconds timeout)
{
    if (ancillary_bufsize == 0)
        throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
    return retry([&] { return recv_with_ancillary_noblock_into(buffer, ancillary_bufsize); }, timeout);
}

std::size_t selector_stream_transport::send(std::string_view data, seconds timeout)
{
    return retry([&] { return send_noblock(data); }, timeout);
}

void selector_stream_transport::send_all(std::string_view data, seconds timeout)
{
    retry_deadline deadline = make_deadline(timeout);
    do {
        const std::size_t sent = retry([&] { return send_noblock(data); }, deadline);
        data.remove_prefix(std::min(sent, data.size()));
    } while (!data.empty());
}

void selector_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout)
{
    retry_deadline deadline = make_deadline(timeout);
    std::vector<std::string_view> rest;
    rest.reserve(buffers.size());
    for (auto b : buffers) {
        if (!b.empty())
            rest.push_back(b);
    }
    std::size_t first = 0;
    while (first < rest.size()) {
        const std::span<const std::string_view> window(rest.data() + first, rest.size() - first);
        std::size_t sent = retry([&] { return send_noblock_from_iterable(window); }, deadline);
        while (first < rest.size() && sent >= rest[first].size()) {
            sent -= rest[first].size();
            ++first;
        }
        if (sent > 0)
            rest[first].remove_prefix(sent);
    }
}

void selector_stream_transport::send_all_with_ancillary(std::span<const std::string_view> buffers,
                                                        std::span<const raw_ancillary_message> ancillary,
                                                        seconds timeout)
{
    std::size_t total = 0;
    for (auto b : buffers)
        total += b.size();
    const std::size_t sent = retry([&] { return send_with_ancillary_noblock(buffers, ancillary); }, timeout);
    if (sent < total)
        throw_errno(EMSGSIZE, "send_all_with_ancillary: the data did not fit in one sendmsg() call");
}

std::string selector_datagram_transport::recv(seconds timeout)
{
    return retry([&] { return recv_noblock(); }, timeout);
}

void selector_datagram_transport::send(std::string_view data, seconds timeout)
{
    retry([&] { return send_noblock(data); }, timeout);
}

noblock_result<recv_datagram_ancillary_result> selector_datagram_transport::recv_with_ancillary_noblock(std::size_t)
{
    throw unsupported_operation("This transport does not have ancillary data support.");
}

noblock_result<std::size_t> selector_datagram_transport::send_with_ancillary_noblock(std::string_view,
                                                                                    std::span<const raw_ancillary_message>)
{
    throw unsupported_operation("This transport does not have ancillary data support.");
}

recv_datagram_ancillary_result selector_datagram_transport::recv_with_ancillary(std::size_t ancillary_bufsize,
                                                                                seconds timeout)
{
    if (ancillary_bufsize == 0)
        throw std::invalid_argument("ancillary_bufsize must be a strictly positive integer");
    return retry([&] { return recv_with_ancillary_noblock(ancillary_bufsize); }, timeout);
}

void selector_datagram_transport::send_with_ancillary(std::string_view data,
                                                      std::span<const raw_ancillary_message> ancillary, seconds timeout)
{
    const std::size_t sent = retry([&] { return send_with_ancillary_noblock(data, ancillary); }, timeout);
    if (sent < data.size())
        throw_errno(EMSGSIZE, "send_with_ancillary: the data did not fit in one sendmsg() call");
}

} // namespace easynet::lowlevel::api_sync::transports
