//
// easynet tests — the "unclosed" reports (easynet/resource_warnings.hpp): a guard that
// sets them for one test and restores the process-wide setting, and the reports captured.
//
#ifndef EASYNET_TEST_RESOURCE_WARNINGS_HPP
#define EASYNET_TEST_RESOURCE_WARNINGS_HPP

#include <easynet/resource_warnings.hpp>

#include <easynet_test/log_capture.hpp>

#include <string>
#include <vector>

namespace easynet_test {

/// Sets the "unclosed" reports on or off for its lifetime, then restores the previous setting.
class resource_warnings_setting {
public:
    explicit resource_warnings_setting(bool enabled) : previous_(easynet::set_resource_warnings(enabled)) {}
    resource_warnings_setting(const resource_warnings_setting&) = delete;
    resource_warnings_setting& operator=(const resource_warnings_setting&) = delete;
    ~resource_warnings_setting() { easynet::set_resource_warnings(previous_); }

private:
    bool previous_;
};

/// The messages of the "unclosed" WARNING records of "easynet.resource_warnings" in `log`.
inline std::vector<std::string> unclosed_reports(const log_capture& log)
{
    std::vector<std::string> reports;
    for (const auto& r : log.records())
        if (r.logger == "easynet.resource_warnings" && r.level == easynet::log_level::warning &&
            r.message.starts_with("unclosed "))
            reports.push_back(r.message);
    return reports;
}

} // namespace easynet_test

#endif
