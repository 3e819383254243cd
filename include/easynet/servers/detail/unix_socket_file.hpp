//
// easynet — private: the socket file of a Unix server (SEMANTICS L8).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_SERVERS_DETAIL_UNIX_SOCKET_FILE_HPP
#define EASYNET_SERVERS_DETAIL_UNIX_SOCKET_FILE_HPP

#include <easynet/log.hpp>
#include <easynet/lowlevel/socket/unix_socket_address.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>

namespace easynet::servers::detail {

/** The socket file a Unix server's listener created at bind, owned until the server closes:
    it is then unlinked if it is still the same file (SEMANTICS L8), not one re-created by
    someone else.
*/
class unix_socket_file {
public:
    /// Records the identity (device, inode) of the file just bound at `path`; nothing for
    /// an abstract or unnamed address, or if the file is already gone.
    void bound(const lowlevel::unix_socket_address& path);

    /// Unlinks the recorded file if it is still the same one, then forgets it. Logs ERROR
    /// "Unable to clean up listening Unix socket <path>: <reason>" on unexpected errors.
    void release(const logger& log);

private:
    struct identity {
        std::filesystem::path name;
        std::uint64_t device;
        std::uint64_t inode;
    };
    std::optional<identity> file_;
};

} // namespace easynet::servers::detail

#endif
