//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/lowlevel/api_async/servers/datagram.hpp>

#include "../../socket/ancillary_io.hpp"

namespace easynet::lowlevel::api_async::servers::detail {

const logger& datagram_server_logger()
{
    static const logger log("easynet.lowlevel.api_async.servers.datagram");
    return log;
}

void close_unclaimed_fds(const std::vector<raw_ancillary_message>& ancillary) noexcept
{
    lowlevel::detail::close_received_fds(ancillary);
}

} // namespace easynet::lowlevel::api_async::servers::detail
