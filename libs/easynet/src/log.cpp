#include <easynet/log.hpp>

#include <easynet/exceptions/core.hpp>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <utility>

namespace easynet {

namespace {

std::atomic<int> default_level{static_cast<int>(log_level::warning)};

std::mutex& sink_mutex()
{
    static std::mutex m;
    return m;
}

std::shared_ptr<const log_sink>& sink_slot()
{
    static std::shared_ptr<const log_sink> slot;
    return slot;
}

std::shared_ptr<const log_sink> current_sink()
{
    std::lock_guard lock(sink_mutex());
    return sink_slot();
}

void default_sink(const log_record& record)
{
    if (static_cast<int>(record.level) < default_level.load(std::memory_order_relaxed))
        return;
    std::string line;
    line.reserve(record.message.size() + record.logger.size() + 16);
    line.append(to_string(record.level)).append(":").append(record.logger).append(":").append(record.message);
    if (record.exception)
        line.append(" [").append(describe_exception(record.exception)).append("]");
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), stderr);
}

} // namespace

std::string_view to_string(log_level level) noexcept
{
    switch (level) {
    case log_level::debug:
        return "DEBUG";
    case log_level::info:
        return "INFO";
    case log_level::warning:
        return "WARNING";
    case log_level::error:
        return "ERROR";
    }
    return "LOG";
}

log_sink set_log_sink(log_sink sink)
{
    std::shared_ptr<const log_sink> next;
    if (sink)
        next = std::make_shared<const log_sink>(std::move(sink));
    std::shared_ptr<const log_sink> previous;
    {
        std::lock_guard lock(sink_mutex());
        previous = std::exchange(sink_slot(), std::move(next));
    }
    return previous ? *previous : log_sink{};
}

void set_default_sink_level(log_level level) noexcept
{
    default_level.store(static_cast<int>(level), std::memory_order_relaxed);
}

void logger::log(log_level level, std::string message, std::exception_ptr exception) const
{
    log_record record{level, name_, std::move(message), std::move(exception)};
    if (auto sink = current_sink())
        (*sink)(record);
    else
        default_sink(record);
}

std::string describe_exception(const std::exception_ptr& e)
{
    if (!e)
        return {};
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (const cancelled&) {
        return "cancelled";
    } catch (...) {
        return "unknown exception";
    }
}

} // namespace easynet
