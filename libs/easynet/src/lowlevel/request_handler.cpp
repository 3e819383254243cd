//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/lowlevel/request_handler.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace easynet::lowlevel {

void validate_recv_params(const recv_params& params)
{
    if (!params.timeout)
        return;
    const double t = params.timeout->count();
    if (std::isnan(t) || t < 0) {
        std::ostringstream out;
        out << "Invalid delay: " << t;
        throw std::invalid_argument(out.str());
    }
}

} // namespace easynet::lowlevel
