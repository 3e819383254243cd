//
// easynet — a tiny pluggable logging facility.
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOG_HPP
#define EASYNET_LOG_HPP

#include <exception>
#include <functional>
#include <string>
#include <string_view>

namespace easynet {

/// Severity of a log record (the Python `logging` levels easynet uses).
enum class log_level : int {
    debug = 10,
    info = 20,
    warning = 30,
    error = 40,
};

/// "DEBUG", "INFO", "WARNING" or "ERROR".
std::string_view to_string(log_level level) noexcept;

/// One log record, as delivered to the sink.
struct log_record {
    log_level level;
    /// Name of the logger that emitted it (a module name such as
    /// "easynet.lowlevel.api_async.transports.socket", or the name given by the user).
    std::string_view logger;
    std::string message;
    /// The exception being reported, if any (Python's `exc_info`).
    std::exception_ptr exception;
};

/** Receives every record of every logger. Called synchronously in the emitting thread:
    it must be thread-safe and must not block for long (it runs inside the event loop).
*/
using log_sink = std::function<void(const log_record&)>;

/** Replaces the process-wide sink; an empty function restores the default sink.
    @return the previous sink (empty if it was the default one).
    @par Thread safety
    Safe to call from any thread; records being emitted concurrently go to either sink.
*/
log_sink set_log_sink(log_sink sink);

/** Minimum level the default sink prints (to stderr); `warning` unless changed.
    Has no effect on a custom sink, which receives every record.
*/
void set_default_sink_level(log_level level) noexcept;

/** A named logger (Python's `logging.getLogger(name)`): cheap to copy, thread-safe.

    @par Example
    @code
    static const easynet::logger log("easynet.servers.async_tcp");
    log.info("Start serving at " + addresses);
    log.error("Error in client task", std::current_exception());
    @endcode
*/
class logger {
public:
    explicit logger(std::string name) : name_(std::move(name)) {}

    const std::string& name() const noexcept { return name_; }

    /// Emits a record. `exception` is attached to the record (not rethrown).
    void log(log_level level, std::string message, std::exception_ptr exception = nullptr) const;

    void debug(std::string message, std::exception_ptr exception = nullptr) const
    {
        log(log_level::debug, std::move(message), std::move(exception));
    }
    void info(std::string message, std::exception_ptr exception = nullptr) const
    {
        log(log_level::info, std::move(message), std::move(exception));
    }
    void warning(std::string message, std::exception_ptr exception = nullptr) const
    {
        log(log_level::warning, std::move(message), std::move(exception));
    }
    void error(std::string message, std::exception_ptr exception = nullptr) const
    {
        log(log_level::error, std::move(message), std::move(exception));
    }

private:
    std::string name_;
};

/// Describes `e` for a log line: its `what()` (with the type for non-std exceptions).
std::string describe_exception(const std::exception_ptr& e);

} // namespace easynet

#endif
