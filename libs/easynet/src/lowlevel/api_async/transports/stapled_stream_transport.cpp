#include <easynet/lowlevel/api_async/transports/stapled_stream_transport.hpp>

#include "stapled_halves.hpp"

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>

#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

async_stapled_stream_transport::async_stapled_stream_transport(
    std::unique_ptr<async_stream_write_transport> send_transport,
    std::unique_ptr<async_stream_read_transport> receive_transport)
    : send_(std::move(send_transport)), receive_(std::move(receive_transport))
{
    if (send_ == nullptr || receive_ == nullptr)
        throw std::invalid_argument("async_stapled_stream_transport: null transport");
    attributes_ = send_->extra_attributes();
    attributes_.merge(receive_->extra_attributes());
}

async_stapled_stream_transport::~async_stapled_stream_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!is_closing(), "async_stapled_stream_transport", easynet::detail::socket_fd_of(*this));
    send_.reset();
    receive_.reset();
}

void async_stapled_stream_transport::aclose() { detail::aclose_halves(*send_, *receive_); }

bool async_stapled_stream_transport::is_closing() const noexcept
{
    return send_->is_closing() && receive_->is_closing();
}

std::size_t async_stapled_stream_transport::recv_into(std::span<char> buffer) { return receive_->recv_into(buffer); }

void async_stapled_stream_transport::send_all(std::string_view data) { send_->send_all(data); }

void async_stapled_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers)
{
    send_->send_all_from_iterable(buffers);
}

void async_stapled_stream_transport::send_eof()
{
    if (auto* stream = dynamic_cast<async_stream_transport*>(send_.get())) {
        try {
            stream->send_eof();
            return;
        } catch (const unsupported_operation&) {
        }
    }
    send_->aclose();
}

} // namespace easynet::lowlevel::api_async::transports
