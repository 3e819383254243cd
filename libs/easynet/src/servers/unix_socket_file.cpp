//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/servers/detail/unix_socket_file.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace easynet::servers::detail {

void unix_socket_file::bound(const lowlevel::unix_socket_address& path)
{
    file_.reset();
    auto name = path.as_pathname();
    if (!name)
        return;
    struct ::stat st {};
    if (::lstat(name->c_str(), &st) != 0)
        return;
    file_ = identity{std::move(*name), static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

void unix_socket_file::release(const logger& log)
{
    if (!file_)
        return;
    const identity file = std::move(*file_);
    file_.reset();
    struct ::stat st {};
    if (::lstat(file.name.c_str(), &st) != 0) {
        if (errno != ENOENT)
            log.error("Unable to clean up listening Unix socket " + file.name.string() + ": " + std::strerror(errno));
        return;
    }
    if (static_cast<std::uint64_t>(st.st_dev) != file.device || static_cast<std::uint64_t>(st.st_ino) != file.inode)
        return; // re-created by someone else: keep it
    if (::unlink(file.name.c_str()) != 0 && errno != ENOENT)
        log.error("Unable to clean up listening Unix socket " + file.name.string() + ": " + std::strerror(errno));
}

} // namespace easynet::servers::detail
