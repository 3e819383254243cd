#include <easynet/lowlevel/api_async/transports/stapled_datagram_transport.hpp>

#include <easynet/detail/unclosed_resource.hpp>

#include "stapled_halves.hpp"

#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

async_stapled_datagram_transport::async_stapled_datagram_transport(
    std::unique_ptr<async_datagram_write_transport> send_transport,
    std::unique_ptr<async_datagram_read_transport> receive_transport)
    : send_(std::move(send_transport)), receive_(std::move(receive_transport))
{
    if (send_ == nullptr || receive_ == nullptr)
        throw std::invalid_argument("async_stapled_datagram_transport: null transport");
    attributes_ = send_->extra_attributes();
    attributes_.merge(receive_->extra_attributes());
}

async_stapled_datagram_transport::~async_stapled_datagram_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!is_closing(), "async_stapled_datagram_transport", easynet::detail::socket_fd_of(*this));
    send_.reset();
    receive_.reset();
}

void async_stapled_datagram_transport::aclose() { detail::aclose_halves(*send_, *receive_); }

bool async_stapled_datagram_transport::is_closing() const noexcept
{
    return send_->is_closing() && receive_->is_closing();
}

std::string async_stapled_datagram_transport::recv() { return receive_->recv(); }

recv_datagram_ancillary_result async_stapled_datagram_transport::recv_with_ancillary(std::size_t ancillary_bufsize)
{
    return receive_->recv_with_ancillary(ancillary_bufsize);
}

void async_stapled_datagram_transport::send(std::string_view data) { send_->send(data); }

void async_stapled_datagram_transport::send_with_ancillary(std::string_view data,
                                                           std::span<const raw_ancillary_message> ancillary)
{
    send_->send_with_ancillary(data, ancillary);
}

} // namespace easynet::lowlevel::api_async::transports
