#include <easynet/lowlevel/api_async/transports/tls_stream_transport.hpp>

#include "../../ssl/tls_common.hpp"

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/exceptions/core.hpp>
#include <easynet/lowlevel/api_async/backend/cancel_scope.hpp>
#include <easynet/lowlevel/api_async/backend/event.hpp>
#include <easynet/lowlevel/api_async/backend/lock.hpp>
#include <easynet/lowlevel/api_async/transports/utils.hpp>

#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <stdexcept>

namespace easynet::lowlevel::api_async::transports {

namespace detail {

namespace tls = ssl::detail;

namespace {

[[noreturn]] void throw_errno(int error, const char* function)
{
    throw boost::system::system_error(error, boost::system::system_category(), function);
}

} // namespace

/** The TLS state of one connection: an SSL object whose BIO pair OpenSSL reads from and
    writes to; the wrapped transport fills and drains the network side of the pair.

    Tasks interleave only at suspension points (the wrapped transport, the locks): the
    send lock keeps the encrypted output in order when a reader (answering a key update)
    and a writer flush at the same time; the receive lock lets one task at a time wait for
    input, the others retry their OpenSSL call once it arrived.
*/
struct tls_engine {
    tls_engine(std::unique_ptr<async_stream_transport> wrapped, ssl::ssl_context_ptr ctx,
               const tls_transport_options& options);
    ~tls_engine() = default;
    tls_engine(const tls_engine&) = delete;
    tls_engine& operator=(const tls_engine&) = delete;

    void handshake();
    std::size_t read(std::span<char> buffer);
    void write(std::string_view data);
    void write_gathered(std::span<const std::string_view> buffers);
    void close();
    /// Closes the wrapped transport abruptly; never throws (a cancellation stays pending).
    void abort() noexcept;
    void make_attributes();

    /// Runs `call` (an OpenSSL I/O call, > 0 on success) until it succeeds or fails, moving
    /// data between the BIO pair and the wrapped transport as OpenSSL asks.
    /// @return SSL_ERROR_NONE, or the SSL_get_error() of the failure.
    template <typename Call>
    int drive(Call&& call, bool flush_on_success);
    /// Sends what OpenSSL wrote to the BIO pair (waiting for a task already sending).
    void flush();
    /// As `flush`, unless a task is already sending (it then sends our bytes too): a
    /// reader must never wait behind a writer blocked by a peer that waits for us to read.
    void flush_unless_sending();
    void flush_locked();
    /// Reads from the wrapped transport into the BIO pair, unless another task fed it
    /// since `seen` (then the caller retries its OpenSSL call first).
    void feed(std::uint64_t seen);
    [[noreturn]] void throw_aborted(const char* function) const { throw_errno(ECONNABORTED, function); }

    std::unique_ptr<async_stream_transport> transport;
    ssl::ssl_context_ptr context;
    tls::bio_pair_ssl tls;
    SSL* ssl; // tls.get()
    backend::seconds shutdown_timeout;
    bool standard_compatible;
    std::atomic<bool> closing{false};
    backend::event closed;
    backend::task_lock send_lock = backend::create_fair_lock();
    backend::task_lock recv_lock = backend::create_fair_lock();
    std::uint64_t feed_count = 0;
    bool eof_received = false;
    bool truncated = false;
    std::string gather_buffer;
    extra_attribute_map attributes;
};

tls_engine::tls_engine(std::unique_ptr<async_stream_transport> wrapped, ssl::ssl_context_ptr ctx,
                       const tls_transport_options& options)
    : transport(std::move(wrapped)),
      context(std::move(ctx)),
      tls(context, options.server_side, options.server_hostname, "async_tls_stream_transport::wrap"),
      ssl(tls.get()),
      shutdown_timeout(options.shutdown_timeout),
      standard_compatible(options.standard_compatible)
{
}

template <typename Call>
int tls_engine::drive(Call&& call, bool flush_on_success)
{
    for (;;) {
        const std::uint64_t seen = feed_count;
        ERR_clear_error();
        const int result = call();
        if (result > 0) {
            if (flush_on_success && tls.has_output())
                flush_unless_sending();
            return SSL_ERROR_NONE;
        }
        const int error = SSL_get_error(ssl, result);
        if (error == SSL_ERROR_WANT_READ) {
            if (tls.has_output())
                flush_unless_sending();
            feed(seen);
        } else if (error == SSL_ERROR_WANT_WRITE) {
            flush();
        } else {
            return error;
        }
    }
}

void tls_engine::flush()
{
    std::lock_guard lock(send_lock);
    flush_locked();
}

void tls_engine::flush_unless_sending()
{
    if (!send_lock.try_lock())
        return;
    std::lock_guard lock(send_lock, std::adopt_lock);
    flush_locked();
}

void tls_engine::flush_locked()
{
    constexpr const char* function = "async_tls_stream_transport: send";
    for (auto data = tls.output(); !data.empty(); data = tls.output()) {
        try {
            transport->send_all(std::string_view(data.data(), data.size()));
        } catch (const boost::system::system_error&) {
            if (closing.load(std::memory_order_relaxed))
                throw_aborted(function);
            throw;
        }
        tls.consume_output(data.size());
    }
}

void tls_engine::feed(std::uint64_t seen)
{
    constexpr const char* function = "async_tls_stream_transport: recv";
    std::lock_guard lock(recv_lock);
    if (feed_count != seen)
        return; // another task received data meanwhile: retry the OpenSSL call first
    if (eof_received)
        tls::throw_truncated(function);
    std::span<char> space = tls.input_space();
    std::size_t received = 0;
    try {
        received = transport->recv_into(space);
    } catch (const boost::system::system_error&) {
        if (closing.load(std::memory_order_relaxed))
            throw_aborted(function);
        throw;
    }
    if (received == 0) {
        eof_received = true;
        tls.input_eof();
    } else {
        tls.commit_input(received);
    }
    ++feed_count;
}

void tls_engine::handshake()
{
    const int error = drive([&] { return SSL_do_handshake(ssl); }, true);
    if (error != SSL_ERROR_NONE)
        tls::throw_ssl_error(ssl, error, "async_tls_stream_transport::wrap (TLS handshake)");
}

std::size_t tls_engine::read(std::span<char> buffer)
{
    constexpr const char* function = "async_tls_stream_transport::recv_into";
    if (closing.load(std::memory_order_relaxed))
        throw_aborted(function);
    if (buffer.empty()) {
        backend::detail::require_task(function).checkpoint();
        return 0;
    }
    backend::detail::require_task(function).checkpoint();
    if (truncated) {
        if (!standard_compatible)
            return 0;
        tls::throw_truncated(function);
    }
    std::size_t count = 0;
    int error = SSL_ERROR_NONE;
    try {
        error = drive([&] { return SSL_read_ex(ssl, buffer.data(), buffer.size(), &count); }, true);
    } catch (const boost::system::system_error& e) {
        if (e.code() != boost::asio::ssl::error::stream_truncated)
            throw;
        error = SSL_ERROR_SYSCALL; // the EOF was already reported: same outcome
        ERR_clear_error();
    }
    if (error == SSL_ERROR_NONE)
        return count;
    if (error == SSL_ERROR_ZERO_RETURN) {
        ERR_clear_error();
        return 0;
    }
    if (tls::is_truncation(error)) {
        truncated = true; // a bare EOF: not an attack when the peer is not standard compatible
        if (!standard_compatible) {
            ERR_clear_error();
            return 0;
        }
    }
    tls::throw_ssl_error(ssl, error, function);
}

void tls_engine::write(std::string_view data)
{
    constexpr const char* function = "async_tls_stream_transport::send_all";
    while (!data.empty()) {
        std::size_t written = 0;
        const int error = drive([&] { return SSL_write_ex(ssl, data.data(), data.size(), &written); }, false);
        if (error != SSL_ERROR_NONE)
            tls::throw_ssl_error(ssl, error, function);
        data.remove_prefix(written);
    }
}

void tls_engine::write_gathered(std::span<const std::string_view> buffers)
{
    gather_buffer.clear();
    for (std::string_view b : buffers) {
        if (b.size() >= tls::max_record_payload) {
            if (!gather_buffer.empty()) {
                write(gather_buffer);
                gather_buffer.clear();
            }
            write(b);
            continue;
        }
        if (gather_buffer.size() + b.size() > tls::max_record_payload) {
            write(gather_buffer);
            gather_buffer.clear();
        }
        gather_buffer.append(b);
    }
    if (!gather_buffer.empty())
        write(gather_buffer);
}

void tls_engine::abort() noexcept
{
    closing.store(true, std::memory_order_relaxed);
    try {
        aclose_forcefully(*transport);
    } catch (...) {
        // cancelled: stays pending for the next checkpoint; errors: nothing to do
    }
    closed.set();
}

void tls_engine::close()
{
    if (closing.exchange(true, std::memory_order_relaxed)) {
        try {
            closed.wait(); // another task is closing
        } catch (const cancelled&) {
            abort();
            throw;
        }
        return;
    }
    struct set_on_exit {
        backend::event& event;
        ~set_on_exit() { event.set(); }
    } done{closed};
    if (standard_compatible && !transport->is_closing()) {
        auto scope = backend::move_on_after(shutdown_timeout);
        try {
            scope.run([&] {
                // Our close_notify...
                ERR_clear_error();
                if (SSL_shutdown(ssl) == 1) {
                    flush();
                    return;
                }
                // ...then the peer's: application data still in flight is discarded; an
                // error or a bare EOF ends the wait as well (errors are ignored here).
                std::array<char, 4096> discard;
                try {
                    for (;;) {
                        std::size_t count = 0;
                        const int error = drive([&] { return SSL_read_ex(ssl, discard.data(), discard.size(), &count); }, true);
                        if (error != SSL_ERROR_NONE)
                            break;
                    }
                } catch (const boost::system::system_error&) {
                }
                ERR_clear_error();
            });
        } catch (...) {
            abort();
            throw;
        }
        if (scope.cancelled_caught()) {
            abort();
            return;
        }
    }
    transport->aclose();
}

void tls_engine::make_attributes()
{
    attributes = transport->extra_attributes();
    attributes.merge(tls::make_tls_attributes(ssl, context, standard_compatible));
}

} // namespace detail

std::unique_ptr<async_tls_stream_transport> async_tls_stream_transport::wrap(
    std::unique_ptr<async_stream_transport> transport, std::shared_ptr<boost::asio::ssl::context> context,
    const tls_transport_options& options)
{
    if (transport == nullptr)
        throw std::invalid_argument("async_tls_stream_transport::wrap: null transport");
    if (context == nullptr)
        throw std::invalid_argument("async_tls_stream_transport::wrap: null SSL context");
    auto engine = std::make_unique<detail::tls_engine>(std::move(transport), std::move(context), options);
    try {
        backend::timeout(options.handshake_timeout, [&] { engine->handshake(); });
    } catch (...) {
        engine->abort();
        throw;
    }
    engine->make_attributes();
    return std::unique_ptr<async_tls_stream_transport>(new async_tls_stream_transport(std::move(engine)));
}

async_tls_stream_transport::async_tls_stream_transport(std::unique_ptr<detail::tls_engine> engine)
    : engine_(std::move(engine))
{
}

async_tls_stream_transport::~async_tls_stream_transport()
{
    const auto quiet = easynet::detail::report_unclosed_owner(
        !engine_->transport->is_closing(), "async_tls_stream_transport", easynet::detail::socket_fd_of(*engine_->transport));
    engine_.reset();
}

void async_tls_stream_transport::aclose() { engine_->close(); }

bool async_tls_stream_transport::is_closing() const noexcept
{
    return engine_->closing.load(std::memory_order_relaxed);
}

std::size_t async_tls_stream_transport::recv_into(std::span<char> buffer) { return engine_->read(buffer); }

void async_tls_stream_transport::send_all(std::string_view data)
{
    constexpr const char* function = "async_tls_stream_transport::send_all";
    if (engine_->closing.load(std::memory_order_relaxed))
        engine_->throw_aborted(function);
    backend::detail::require_task(function).checkpoint();
    try {
        engine_->write(data);
        engine_->flush();
    } catch (...) {
        engine_->abort();
        throw;
    }
}

void async_tls_stream_transport::send_all_from_iterable(std::span<const std::string_view> buffers)
{
    constexpr const char* function = "async_tls_stream_transport::send_all_from_iterable";
    if (engine_->closing.load(std::memory_order_relaxed))
        engine_->throw_aborted(function);
    backend::detail::require_task(function).checkpoint();
    try {
        engine_->write_gathered(buffers);
        engine_->flush();
    } catch (...) {
        engine_->abort();
        throw;
    }
}

void async_tls_stream_transport::send_eof()
{
    throw unsupported_operation("SSL/TLS API does not support sending EOF.");
}

const extra_attribute_map& async_tls_stream_transport::extra_attributes() const { return engine_->attributes; }

async_stream_transport& async_tls_stream_transport::wrapped_transport() const noexcept { return *engine_->transport; }

} // namespace easynet::lowlevel::api_async::transports
