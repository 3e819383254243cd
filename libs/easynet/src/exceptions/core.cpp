#include <easynet/exceptions/core.hpp>

#include <boost/system/errc.hpp>

namespace easynet {

timeout_error::timeout_error(const std::string& what)
    : boost::system::system_error(boost::system::errc::make_error_code(boost::system::errc::timed_out), what)
{
}

namespace {
std::string group_what(const std::string& message, std::size_t count)
{
    return message + " (" + std::to_string(count) + (count == 1 ? " sub-exception)" : " sub-exceptions)");
}
} // namespace

exception_group::exception_group(std::string message, std::vector<std::exception_ptr> exceptions)
    : message_(std::move(message)), what_(group_what(message_, exceptions.size())), exceptions_(std::move(exceptions))
{
}

not_in_task_error::not_in_task_error(const std::string& function)
    : std::logic_error(function + "() must be called from a task (inside bootstrap(), a task group, a server "
                                  "handler or a threads portal coroutine)")
{
}

bool is_cancellation(const std::exception_ptr& e) noexcept
{
    if (!e)
        return false;
    try {
        std::rethrow_exception(e);
    } catch (const cancelled&) {
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace easynet
