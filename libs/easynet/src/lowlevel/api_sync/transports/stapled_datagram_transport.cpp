#include <easynet/lowlevel/api_sync/transports/stapled_datagram_transport.hpp>

#include <easynet/detail/unclosed_resource.hpp>

#include "stapled_halves.hpp"

#include <stdexcept>

namespace easynet::lowlevel::api_sync::transports {

stapled_datagram_transport::stapled_datagram_transport(std::unique_ptr<datagram_write_transport> send_transport,
                                                       std::unique_ptr<datagram_read_transport> receive_transport)
    : send_(std::move(send_transport)), receive_(std::move(receive_transport))
{
    if (!send_ || !receive_)
        throw std::invalid_argument("stapled_datagram_transport: null transport");
    attributes_.merge(send_->extra_attributes());
    attributes_.merge(receive_->extra_attributes());
}

stapled_datagram_transport::~stapled_datagram_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!is_closed(), "stapled_datagram_transport", easynet::detail::socket_fd_of(*this));
    send_.reset();
    receive_.reset();
}

void stapled_datagram_transport::close() { detail::close_halves(*send_, *receive_); }

bool stapled_datagram_transport::is_closed() const noexcept { return send_->is_closed() && receive_->is_closed(); }

std::string stapled_datagram_transport::recv(seconds timeout) { return receive_->recv(timeout); }

recv_datagram_ancillary_result stapled_datagram_transport::recv_with_ancillary(std::size_t ancillary_bufsize,
                                                                               seconds timeout)
{
    return receive_->recv_with_ancillary(ancillary_bufsize, timeout);
}

void stapled_datagram_transport::send(std::string_view data, seconds timeout) { send_->send(data, timeout); }

void stapled_datagram_transport::send_with_ancillary(std::string_view data,
                                                     std::span<const raw_ancillary_message> ancillary, seconds timeout)
{
    send_->send_with_ancillary(data, ancillary, timeout);
}

} // namespace easynet::lowlevel::api_sync::transports
