#include <easynet/lowlevel/api_sync/transports/ssl_stream_transport.hpp>

#include "../../ssl/tls_common.hpp"

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>

#include <boost/system/system_error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <stdexcept>

namespace easynet::lowlevel::api_sync::transports {

namespace detail {

namespace tls = ssl::detail;

/** The TLS state of one connection: OpenSSL on a BIO pair, the network side moved by the
    wrapped transport's non-blocking calls. Every OpenSSL call and BIO move happens under
    `mutex`, which is never held while waiting for readiness.
*/
class ssl_engine {
public:
    ssl_engine(std::unique_ptr<selector_stream_transport> wrapped, ssl::ssl_context_ptr ctx,
               const ssl_transport_options& options)
        : transport(std::move(wrapped)),
          context(std::move(ctx)),
          tls(context, options.server_side, options.server_hostname, "ssl_stream_transport"),
          ssl(tls.get()),
          shutdown_timeout(options.shutdown_timeout),
          standard_compatible(options.standard_compatible)
    {
    }

    /** One attempt of `call` (an OpenSSL call, > 0 on success), moving bytes between the
        BIO pair and the wrapped transport as OpenSSL asks, without blocking. Mutex held.
        @return SSL_ERROR_NONE or the SSL_get_error() of a failure; or what to wait for.
    */
    template <class Call>
    noblock_result<int> attempt(Call&& call)
    {
        for (;;) {
            ERR_clear_error();
            const int result = call();
            if (result > 0) {
                if (tls.has_output())
                    flush_noblock(); // what cannot go now goes with the next call
                return SSL_ERROR_NONE;
            }
            const int error = SSL_get_error(ssl, result);
            if (error == SSL_ERROR_WANT_READ) {
                // Never wait for writability while reading: a sender may be blocked by a
                // peer that waits for us to read. Pending bytes go with the next attempt.
                const bool output_blocked = tls.has_output() && flush_noblock().has_value();
                if (auto blocked = pull_noblock()) {
                    if (output_blocked && senders.load(std::memory_order_relaxed) == 0)
                        return would_block_on_write(blocked->fileno);
                    return *blocked;
                }
            } else if (error == SSL_ERROR_WANT_WRITE) {
                if (auto blocked = flush_noblock())
                    return *blocked;
            } else {
                return error;
            }
        }
    }

    /// Sends buffered encrypted bytes until done or the transport would block. Mutex held.
    std::optional<would_block> flush_noblock()
    {
        for (auto data = tls.output(); !data.empty(); data = tls.output()) {
            auto sent = transport->send_noblock(std::string_view(data.data(), data.size()));
            if (auto* blocked = std::get_if<would_block>(&sent))
                return *blocked;
            tls.consume_output(std::get<std::size_t>(sent));
        }
        return std::nullopt;
    }

    /// Receives what the transport has into the BIO pair (or its end). Mutex held.
    std::optional<would_block> pull_noblock()
    {
        if (eof_received)
            tls::throw_truncated("ssl_stream_transport: recv");
        std::span<char> space = tls.input_space();
        auto received = transport->recv_noblock_into(space);
        if (auto* blocked = std::get_if<would_block>(&received))
            return *blocked;
        const std::size_t count = std::get<std::size_t>(received);
        if (count == 0) {
            eof_received = true;
            tls.input_eof();
        } else {
            tls.commit_input(count);
        }
        return std::nullopt;
    }

    /// EBADF once closed (mutex held or not).
    void check_open(const char* function) const
    {
        if (closed.load(std::memory_order_acquire))
            throw boost::system::system_error(EBADF, boost::system::system_category(), function);
    }

    std::unique_ptr<selector_stream_transport> transport;
    ssl::ssl_context_ptr context;
    tls::bio_pair_ssl tls;
    SSL* ssl;
    seconds shutdown_timeout;
    bool standard_compatible;
    std::mutex mutex;
    std::atomic<bool> closed{false};
    std::atomic<int> senders{0};
    bool eof_received = false;
    bool truncated = false;
    extra_attribute_map attributes;
};

namespace {

seconds retry_interval_of(const std::unique_ptr<selector_stream_transport>& transport)
{
    if (transport == nullptr)
        throw std::invalid_argument("ssl_stream_transport: null transport");
    return transport->retry_interval();
}

/// Counts a thread in a send call (see `ssl_engine::attempt`).
struct sender_scope {
    explicit sender_scope(std::atomic<int>& n) : count(n) { count.fetch_add(1, std::memory_order_relaxed); }
    ~sender_scope() { count.fetch_sub(1, std::memory_order_relaxed); }
    std::atomic<int>& count;
};

} // namespace

} // namespace detail

ssl_stream_transport::ssl_stream_transport(std::unique_ptr<selector_stream_transport> transport,
                                           std::shared_ptr<boost::asio::ssl::context> context,
                                           const ssl_transport_options& options)
    : selector_stream_transport(detail::retry_interval_of(transport))
{
    if (context == nullptr)
        throw std::invalid_argument("ssl_stream_transport: null SSL context");
    try {
        engine_ = std::make_unique<detail::ssl_engine>(std::move(transport), std::move(context), options);
        retry_deadline deadline = make_deadline(options.handshake_timeout);
        retry(
            [&]() -> noblock_result<int> {
                std::lock_guard lock(engine_->mutex);
                auto result = engine_->attempt([&] { return SSL_do_handshake(engine_->ssl); });
                if (auto* error = std::get_if<int>(&result); error != nullptr && *error != SSL_ERROR_NONE)
                    detail::tls::throw_ssl_error(engine_->ssl, *error, "ssl_stream_transport (TLS handshake)");
                return result;
            },
            deadline);
        flush(deadline);
    } catch (...) {
        if (engine_ != nullptr) // else the transport is already destroyed, hence closed
            engine_->transport->close();
        throw;
    }
    engine_->attributes = engine_->transport->extra_attributes();
    engine_->attributes.merge(
        detail::tls::make_tls_attributes(engine_->ssl, engine_->context, engine_->standard_compatible));
}

ssl_stream_transport::~ssl_stream_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(!engine_->transport->is_closed(), "ssl_stream_transport",
                                                              easynet::detail::socket_fd_of(*engine_->transport));
    engine_.reset();
}

void ssl_stream_transport::close()
{
    auto& e = *engine_;
    if (e.closed.exchange(true, std::memory_order_acq_rel))
        return;
    if (e.standard_compatible && !e.transport->is_closed()) {
        try {
            retry_deadline deadline = make_deadline(e.shutdown_timeout);
            bool both_sent = false;
            {
                std::lock_guard lock(e.mutex);
                ERR_clear_error();
                both_sent = SSL_shutdown(e.ssl) == 1; // queues our close_notify
                ERR_clear_error();
            }
            retry(
                [&]() -> noblock_result<bool> {
                    std::lock_guard lock(e.mutex);
                    if (auto blocked = e.flush_noblock())
                        return *blocked;
                    return true;
                },
                deadline);
            if (!both_sent) {
                // The peer's close_notify: data still in flight is discarded; an error or
                // a bare EOF ends the wait too.
                std::array<char, 4096> discard;
                for (;;) {
                    std::size_t count = 0;
                    const int error = retry(
                        [&]() -> noblock_result<int> {
                            std::lock_guard lock(e.mutex);
                            return e.attempt([&] { return SSL_read_ex(e.ssl, discard.data(), discard.size(), &count); });
                        },
                        deadline);
                    if (error != SSL_ERROR_NONE)
                        break;
                }
            }
        } catch (...) {
            // Y6: errors and the shutdown timeout are ignored.
        }
        ERR_clear_error();
    }
    e.transport->close();
}

bool ssl_stream_transport::is_closed() const noexcept { return engine_->closed.load(std::memory_order_acquire); }

void ssl_stream_transport::send_eof() { throw unsupported_operation("SSL/TLS API does not support sending EOF."); }

noblock_result<std::size_t> ssl_stream_transport::recv_noblock_into(std::span<char> buffer)
{
    constexpr const char* function = "ssl_stream_transport::recv_into";
    auto& e = *engine_;
    std::lock_guard lock(e.mutex);
    e.check_open(function);
    if (e.truncated) {
        if (!e.standard_compatible)
            return std::size_t{0};
        detail::tls::throw_truncated(function);
    }
    if (buffer.empty())
        return std::size_t{0};
    std::size_t count = 0;
    noblock_result<int> result = SSL_ERROR_NONE;
    try {
        result = e.attempt([&] { return SSL_read_ex(e.ssl, buffer.data(), buffer.size(), &count); });
    } catch (const boost::system::system_error&) {
        e.check_open(function); // closed by another thread meanwhile: EBADF
        throw;
    }
    if (auto* blocked = std::get_if<would_block>(&result))
        return *blocked;
    const int error = std::get<int>(result);
    if (error == SSL_ERROR_NONE)
        return count;
    if (error == SSL_ERROR_ZERO_RETURN) {
        ERR_clear_error();
        return std::size_t{0};
    }
    if (detail::tls::is_truncation(error)) {
        e.truncated = true;
        if (!e.standard_compatible) {
            ERR_clear_error();
            return std::size_t{0};
        }
    }
    detail::tls::throw_ssl_error(e.ssl, error, function);
}

noblock_result<std::size_t> ssl_stream_transport::send_noblock(std::string_view data)
{
    constexpr const char* function = "ssl_stream_transport::send";
    auto& e = *engine_;
    std::lock_guard lock(e.mutex);
    e.check_open(function);
    if (data.empty())
        return std::size_t{0};
    std::size_t written = 0;
    noblock_result<int> result = SSL_ERROR_NONE;
    try {
        result = e.attempt([&] { return SSL_write_ex(e.ssl, data.data(), data.size(), &written); });
    } catch (const boost::system::system_error&) {
        e.check_open(function);
        throw;
    }
    if (auto* blocked = std::get_if<would_block>(&result))
        return *blocked;
    if (const int error = std::get<int>(result); error != SSL_ERROR_NONE)
        detail::tls::throw_ssl_error(e.ssl, error, function); // ZERO_RETURN: ECONNRESET (Y6)
    return written;
}

void ssl_stream_transport::flush(retry_deadline& deadline)
{
    auto& e = *engine_;
    retry(
        [&]() -> noblock_result<bool> {
            std::lock_guard lock(e.mutex);
            e.check_open("ssl_stream_transport::send");
            if (auto blocked = e.flush_noblock())
                return *blocked;
            return true;
        },
        deadline);
}

std::size_t ssl_stream_transport::send(std::string_view data, seconds timeout)
{
    detail::sender_scope sending(engine_->senders);
    retry_deadline deadline = make_deadline(timeout);
    const std::size_t sent = retry([&] { return send_noblock(data); }, deadline);
    flush(deadline);
    return sent;
}

void ssl_stream_transport::send_all(std::string_view data, seconds timeout)
{
    detail::sender_scope sending(engine_->senders);
    retry_deadline deadline = make_deadline(timeout);
    while (!data.empty())
        data.remove_prefix(retry([&] { return send_noblock(data); }, deadline));
    flush(deadline);
}

void ssl_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers, seconds timeout)
{
    detail::sender_scope sending(engine_->senders);
    retry_deadline deadline = make_deadline(timeout);
    auto write = [&](std::string_view data) {
        while (!data.empty())
            data.remove_prefix(retry([&] { return send_noblock(data); }, deadline));
    };
    thread_local std::string gathered; // one per thread: no allocation once grown
    gathered.clear();
    for (std::string_view b : buffers) {
        if (b.size() >= detail::tls::max_record_payload) {
            write(gathered);
            gathered.clear();
            write(b);
            continue;
        }
        if (gathered.size() + b.size() > detail::tls::max_record_payload) {
            write(gathered);
            gathered.clear();
        }
        gathered.append(b);
    }
    write(gathered);
    flush(deadline);
}

const extra_attribute_map& ssl_stream_transport::extra_attributes() const { return engine_->attributes; }

selector_stream_transport& ssl_stream_transport::wrapped_transport() const noexcept { return *engine_->transport; }

} // namespace easynet::lowlevel::api_sync::transports
