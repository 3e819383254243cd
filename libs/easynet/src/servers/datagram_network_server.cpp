//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/datagram_network_server.hpp>

namespace easynet::servers::detail {

void report_unnamed_datagram_dropped(const logger& log)
{
    log.warning("A datagram received from an unbound UNIX datagram socket has been dropped.");
}

} // namespace easynet::servers::detail
