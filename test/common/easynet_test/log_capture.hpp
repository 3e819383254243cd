// A log sink that records every easynet log record, for tests.
#ifndef EASYNET_TEST_LOG_CAPTURE_HPP
#define EASYNET_TEST_LOG_CAPTURE_HPP

#include <easynet/log.hpp>

#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace easynet_test {

/// A copy of one log record.
struct captured_record {
    easynet::log_level level;
    std::string logger;
    std::string message;
    std::exception_ptr exception;
};

/** Installs a capturing sink for its lifetime (then restores the previous sink).
    `on_record`, when set, is called for each record in the emitting thread (inside the
    loop: it may set a backend event, never suspend).
*/
class log_capture {
public:
    explicit log_capture(std::function<void(const captured_record&)> on_record = {})
        : on_record_(std::move(on_record))
    {
        previous_ = easynet::set_log_sink([this](const easynet::log_record& r) {
            captured_record copy{r.level, std::string(r.logger), r.message, r.exception};
            std::function<void(const captured_record&)> callback;
            {
                std::lock_guard lock(mutex_);
                records_.push_back(copy);
                callback = on_record_;
            }
            if (callback)
                callback(copy);
        });
    }
    log_capture(const log_capture&) = delete;
    log_capture& operator=(const log_capture&) = delete;
    ~log_capture() { easynet::set_log_sink(std::move(previous_)); }

    std::vector<captured_record> records() const
    {
        std::lock_guard lock(mutex_);
        return records_;
    }

    /// Number of records at `level` whose message contains `text`.
    std::size_t count(easynet::log_level level, std::string_view text = {}) const
    {
        std::lock_guard lock(mutex_);
        std::size_t n = 0;
        for (const auto& r : records_)
            n += (r.level == level && r.message.find(text) != std::string::npos) ? 1 : 0;
        return n;
    }

private:
    mutable std::mutex mutex_;
    std::vector<captured_record> records_;
    std::function<void(const captured_record&)> on_record_;
    easynet::log_sink previous_;
};

} // namespace easynet_test

#endif
