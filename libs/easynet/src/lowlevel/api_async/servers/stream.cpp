//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/lowlevel/api_async/servers/stream.hpp>

namespace easynet::lowlevel::api_async::servers::detail {

void log_unhandled_client_exception(const logger& log, std::exception_ptr error)
{
    log.error("Unhandled exception: " + describe_exception(error), error);
}

void log_unhandled_client_exception(std::exception_ptr error)
{
    static const logger log("easynet.lowlevel.api_async.servers.stream");
    log_unhandled_client_exception(log, std::move(error));
}

void throw_ancillary_callback_crash()
{
    throw protocol_crash_error("RecvAncillaryDataParams.data_received() crashed");
}

void throw_no_ancillary_support()
{
    throw unsupported_operation("The server is not configured to handle ancillary data.");
}

} // namespace easynet::lowlevel::api_async::servers::detail
