#include <easynet/lowlevel/api_async/transports/tls_listener.hpp>

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>

#include <boost/asio/ssl/error.hpp>
#include <boost/system/errc.hpp>

#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

namespace {

const logger& tls_logger()
{
    static const logger log("easynet.lowlevel.api_async.transports.tls");
    return log;
}

/// K1: the handshake failures a server does not report (the client went away or is slow).
bool is_silent_handshake_error(const std::exception_ptr& error)
{
    try {
        std::rethrow_exception(error);
    } catch (const boost::system::system_error& e) {
        namespace errc = boost::system::errc;
        const auto& ec = e.code();
        return ec == errc::timed_out || ec == errc::connection_reset || ec == errc::connection_aborted ||
               ec == errc::broken_pipe || ec == errc::connection_refused ||
               ec == boost::system::error_code(ESHUTDOWN, boost::system::system_category()) ||
               ec == errc::not_connected || ec == errc::invalid_argument ||
               ec == boost::asio::ssl::error::stream_truncated;
    } catch (...) {
        return false;
    }
}

void default_report(const std::exception_ptr& error)
{
    if (!is_silent_handshake_error(error))
        tls_logger().warning("Error in client task (during TLS handshake)", error);
}

} // namespace

async_tls_listener::async_tls_listener(std::unique_ptr<async_listener<async_stream_transport>> listener,
                                       std::shared_ptr<boost::asio::ssl::context> context,
                                       tls_listener_options options)
    : listener_(std::move(listener)), context_(std::move(context)), options_(std::move(options))
{
    if (listener_ == nullptr)
        throw std::invalid_argument("async_tls_listener: null listener");
    if (context_ == nullptr)
        throw std::invalid_argument("async_tls_listener: null SSL context");
    attributes_ = listener_->extra_attributes();
    attributes_.set(tls_attribute::sslcontext, [ctx = context_] { return ctx; });
    attributes_.set(tls_attribute::standard_compatible, [value = options_.standard_compatible] { return value; });
}

async_tls_listener::~async_tls_listener()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!listener_->is_closing(), "async_tls_listener",
                                                              easynet::detail::socket_fd_of(*listener_));
    listener_.reset();
}

void async_tls_listener::serve(handler_type handler, backend::task_group& task_group)
{
    tls_transport_options transport_options;
    transport_options.handshake_timeout = options_.handshake_timeout;
    transport_options.shutdown_timeout = options_.shutdown_timeout;
    transport_options.server_side = true;
    transport_options.standard_compatible = options_.standard_compatible;
    listener_->serve(
        [this, transport_options, handler = std::move(handler)](std::unique_ptr<async_stream_transport> stream) {
            std::unique_ptr<async_tls_stream_transport> tls;
            try {
                tls = async_tls_stream_transport::wrap(std::move(stream), context_, transport_options);
            } catch (const cancelled&) {
                throw;
            } catch (...) {
                report_handshake_error(std::current_exception()); // `wrap` closed the connection
                return;
            }
            handler(std::move(tls));
        },
        task_group);
}

void async_tls_listener::report_handshake_error(std::exception_ptr error) const
{
    if (!options_.handshake_error_handler) {
        default_report(error);
        return;
    }
    try {
        options_.handshake_error_handler(error);
    } catch (const cancelled&) {
        throw;
    } catch (...) {
        tls_logger().warning("Error in client task (during TLS handshake)", std::current_exception());
    }
}

void async_tls_listener::aclose() { listener_->aclose(); }

bool async_tls_listener::is_closing() const noexcept { return listener_->is_closing(); }

} // namespace easynet::lowlevel::api_async::transports
