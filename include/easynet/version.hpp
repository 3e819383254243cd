//
// easynet — version of the library.
//
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE or copy at http://www.boost.org/LICENSE_1_0.txt)
//

#ifndef EASYNET_VERSION_HPP
#define EASYNET_VERSION_HPP

#include <string_view>

/// Major version of easynet (incompatible API changes).
#define EASYNET_VERSION_MAJOR 0
/// Minor version of easynet (backwards-compatible additions).
#define EASYNET_VERSION_MINOR 1
/// Patch version of easynet (backwards-compatible fixes).
#define EASYNET_VERSION_PATCH 0
/// The version as a string, "MAJOR.MINOR.PATCH".
#define EASYNET_VERSION_STRING "0.1.0"
/// The version as one number, Boost style: MAJOR * 100000 + MINOR * 100 + PATCH.
#define EASYNET_VERSION \
    (EASYNET_VERSION_MAJOR * 100000 + EASYNET_VERSION_MINOR * 100 + EASYNET_VERSION_PATCH)

namespace easynet {

/// Major version, same as EASYNET_VERSION_MAJOR.
inline constexpr int version_major = EASYNET_VERSION_MAJOR;
/// Minor version, same as EASYNET_VERSION_MINOR.
inline constexpr int version_minor = EASYNET_VERSION_MINOR;
/// Patch version, same as EASYNET_VERSION_PATCH.
inline constexpr int version_patch = EASYNET_VERSION_PATCH;
/// The version as one number, same as EASYNET_VERSION.
inline constexpr int version = EASYNET_VERSION;
/// The version as "MAJOR.MINOR.PATCH", same as EASYNET_VERSION_STRING.
inline constexpr std::string_view version_string = EASYNET_VERSION_STRING;

} // namespace easynet

#endif // EASYNET_VERSION_HPP
