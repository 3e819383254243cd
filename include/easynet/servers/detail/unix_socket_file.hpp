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
#include <optional>
#include <utility>

namespace easynet::servers::detail {

/// The (device, inode) of the file at `path`, if any.
std::optional<std::pair<std::uint64_t, std::uint64_t>> socket_file_identity(const lowlevel::unix_socket_address& path);
/// Unlinks `path` if its identity is still `identity` (SEMANTICS L8); logs ERROR
/// "Unable to clean up listening Unix socket <path>" on unexpected errors.
void unlink_socket_file(const logger& log, const lowlevel::unix_socket_address& path,
                        std::pair<std::uint64_t, std::uint64_t> identity);

} // namespace easynet::servers::detail

#endif
