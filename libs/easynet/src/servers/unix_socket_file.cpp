//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/unix_socket_file.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace easynet::servers::detail {

std::optional<std::pair<std::uint64_t, std::uint64_t>> socket_file_identity(const lowlevel::unix_socket_address& path)
{
    const auto name = path.as_pathname();
    if (!name)
        return std::nullopt;
    struct ::stat st {};
    if (::lstat(name->c_str(), &st) != 0)
        return std::nullopt;
    return std::make_pair(static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino));
}

void unlink_socket_file(const logger& log, const lowlevel::unix_socket_address& path,
                        std::pair<std::uint64_t, std::uint64_t> identity)
{
    const auto name = path.as_pathname();
    if (!name)
        return;
    struct ::stat st {};
    if (::lstat(name->c_str(), &st) != 0) {
        if (errno != ENOENT)
            log.error("Unable to clean up listening Unix socket " + name->string() + ": " + std::strerror(errno));
        return;
    }
    if (static_cast<std::uint64_t>(st.st_dev) != identity.first ||
        static_cast<std::uint64_t>(st.st_ino) != identity.second)
        return; // re-created by someone else: keep it
    if (::unlink(name->c_str()) != 0 && errno != ENOENT)
        log.error("Unable to clean up listening Unix socket " + name->string() + ": " + std::strerror(errno));
}

} // namespace easynet::servers::detail
