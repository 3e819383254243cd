//
// easynet — what the TCP and Unix stream servers share: a handler, a protocol, one
// low-level stream server per listener, the pipeline of each connection.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_STREAM_NETWORK_SERVER_HPP
#define EASYNET_SERVERS_DETAIL_STREAM_NETWORK_SERVER_HPP

#include <easynet/lowlevel/api_async/servers/stream.hpp>
#include <easynet/servers/detail/network_server_base.hpp>
#include <easynet/servers/detail/stream_pipeline.hpp>
#include <easynet/servers/stream_request_handler.hpp>

#include <concepts>
#include <memory>
#include <stdexcept>
#include <utility>

namespace easynet::servers::detail {

template <class Request, class Response>
class stream_network_server : public network_server_base {
public:
    using handler_type = async_stream_request_handler<Request, Response>;
    using handler_ptr = std::shared_ptr<handler_type>;
    using client_type = async_stream_client<Response, Request>;
    using lowlevel_server_type = lowlevel::api_async::servers::async_stream_server<Response, Request>;

protected:
    template <class Protocol>
    stream_network_server(const Protocol& protocol, handler_ptr handler, std::size_t max_recv_size, logger log)
        : network_server_base(std::move(log)), protocol_(protocol), handler_(std::move(handler)),
          max_recv_size_(max_recv_size)
    {
        if (!handler_)
            throw std::invalid_argument("null request handler");
        if (max_recv_size_ == 0)
            throw std::invalid_argument("'max_recv_size' must be a strictly positive integer");
        pipeline_options_.log = &this->log();
    }

    template <class F>
        requires std::invocable<F&, client_type&>
    static handler_ptr adapt(F fn)
    {
        return make_stream_request_handler<Request, Response>(std::move(fn));
    }


    server_ptr make_lowlevel_server(std::unique_ptr<typename lowlevel_server_type::listener_type> listener)
    {
        return std::visit(
            [&](const auto& p) -> server_ptr {
                return std::make_unique<lowlevel_server_type>(std::move(listener), p, max_recv_size_);
            },
            protocol_);
    }

    void serve_one(lowlevel::api_async::transports::async_base_transport& server,
                   lowlevel::api_async::backend::task_group& clients) override
    {
        auto& lowlevel_server = static_cast<lowlevel_server_type&>(server);
        lowlevel_server.serve(
            [this](typename lowlevel_server_type::client_type& client) {
                run_stream_pipeline<Request, Response>(client, *handler_, pipeline_options_);
            },
            clients, serve_options_);
    }

    void run_service_init(exit_stack& stack) override { handler_->service_init(stack, *this); }

    typename lowlevel_server_type::client_type::protocol_type protocol_;
    handler_ptr handler_;
    std::size_t max_recv_size_;
    stream_pipeline_options pipeline_options_;
    lowlevel::api_async::servers::stream_serve_options serve_options_;
};

} // namespace easynet::servers::detail

#endif
