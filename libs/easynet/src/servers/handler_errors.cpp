//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/handler_errors.hpp>

#include <easynet/exceptions/core.hpp>

#include "../lowlevel/connection_error.hpp"

#include <boost/system/system_error.hpp>

namespace easynet::servers::detail {

bool is_connection_error(const std::exception& e) noexcept
{
    const auto* s = dynamic_cast<const boost::system::system_error*>(&e);
    if (s == nullptr)
        return false;
    return lowlevel::detail::is_connection_error_code(s->code());
}

void report_handler_error(const logger& log, const std::exception_ptr& error, const std::string& address,
                          bool silence_connection_errors)
{
    try {
        std::rethrow_exception(error);
    } catch (const exception_group& group) {
        for (const auto& e : group.exceptions())
            report_handler_error(log, e, address, silence_connection_errors);
        return;
    } catch (const client_closed_error&) {
        log.warning("There have been attempts to do operation on closed client " + address, error);
        return;
    } catch (const std::exception& e) {
        if (silence_connection_errors && is_connection_error(e))
            return;
    } catch (...) {
    }
    const std::string dashes(40, '-');
    log.error(dashes);
    log.error("Exception occurred during processing of request from " + address, error);
    log.error(dashes);
}

} // namespace easynet::servers::detail
