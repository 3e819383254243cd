#include <easynet/lowlevel/api_sync/transports/stapled_stream_transport.hpp>

#include <easynet/detail/unclosed_resource.hpp>

#include "stapled_halves.hpp"

#include <stdexcept>

namespace easynet::lowlevel::api_sync::transports {

stapled_stream_transport::stapled_stream_transport(std::unique_ptr<stream_write_transport> send_transport,
                                                   std::unique_ptr<stream_read_transport> receive_transport)
    : send_(std::move(send_transport)), receive_(std::move(receive_transport))
{
    if (!send_ || !receive_)
        throw std::invalid_argument("stapled_stream_transport: null transport");
    attributes_.merge(send_->extra_attributes());
    attributes_.merge(receive_->extra_attributes());
}

stapled_stream_transport::~stapled_stream_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!is_closed(), "stapled_stream_transport", easynet::detail::socket_fd_of(*this));
    send_.reset();
    receive_.reset();
}

void stapled_stream_transport::close() { detail::close_halves(*send_, *receive_); }

bool stapled_stream_transport::is_closed() const noexcept { return send_->is_closed() && receive_->is_closed(); }

void stapled_stream_transport::send_eof()
{
    if (auto* stream = dynamic_cast<stream_transport*>(send_.get())) {
        try {
            stream->send_eof();
            return;
        } catch (const unsupported_operation&) {
        }
    }
    send_->close();
}

std::size_t stapled_stream_transport::recv_into(std::span<char> buffer, seconds timeout)
{
    return receive_->recv_into(buffer, timeout);
}

recv_ancillary_result stapled_stream_transport::recv_with_ancillary_into(std::span<char> buffer,
                                                                         std::size_t ancillary_bufsize, seconds timeout)
{
    return receive_->recv_with_ancillary_into(buffer, ancillary_bufsize, timeout);
}

std::size_t stapled_stream_transport::send(std::string_view data, seconds timeout) { return send_->send(data, timeout); }

void stapled_stream_transport::send_all(std::string_view data, seconds timeout) { send_->send_all(data, timeout); }

void stapled_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout)
{
    send_->send_all_from_iterable(buffers, timeout);
}

void stapled_stream_transport::send_all_with_ancillary(std::span<const std::string_view> buffers,
                                                       std::span<const raw_ancillary_message> ancillary,
                                                       seconds timeout)
{
    send_->send_all_with_ancillary(buffers, ancillary, timeout);
}

} // namespace easynet::lowlevel::api_sync::transports
