//
// Distributed under the Boost Software License, Version 1.0.
//
#include <easynet/resource_warnings.hpp>

#include <easynet/detail/unclosed_resource.hpp>
#include <easynet/log.hpp>
#include <easynet/lowlevel/socket/socket_address.hpp>
#include <easynet/lowlevel/socket/socket_attributes.hpp>
#include <easynet/lowlevel/socket/socket_proxy.hpp>

#include <sys/socket.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace easynet {

namespace {

enum : int { unknown = -1, off = 0, on = 1 };

std::atomic<int> setting{unknown};

thread_local int quiet_depth = 0;

int from_environment() noexcept
{
    const char* value = std::getenv("EASYNET_RESOURCE_WARNINGS");
    return value != nullptr && value[0] != '\0' && std::strcmp(value, "0") != 0 ? on : off;
}

const char* family_name(int family) noexcept
{
    switch (family) {
    case AF_INET:
        return "AF_INET";
    case AF_INET6:
        return "AF_INET6";
    case AF_UNIX:
        return "AF_UNIX";
    default:
        return nullptr;
    }
}

/// ", laddr=<address>" (or "=?" when the address cannot be described).
void append_address(std::string& out, const char* label, const sockaddr_storage& storage, socklen_t length)
{
    out += ", ";
    out += label;
    out += '=';
    try {
        out += lowlevel::socket_address::from_native(&storage, length).to_string();
    } catch (const std::exception&) {
        out += '?';
    }
}

/// "<name fd=5, family=AF_INET, laddr=127.0.0.1:4000, raddr=127.0.0.1:5000>".
std::string describe(std::string_view class_name, int fd)
{
    std::string out = "<";
    out += class_name;
    if (fd >= 0) {
        out += " fd=" + std::to_string(fd);
        sockaddr_storage local{};
        socklen_t local_length = sizeof(local);
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) == 0) {
            if (const char* family = family_name(local.ss_family)) {
                out += ", family=";
                out += family;
            }
            append_address(out, "laddr", local, local_length);
        }
        sockaddr_storage remote{};
        socklen_t remote_length = sizeof(remote);
        if (::getpeername(fd, reinterpret_cast<sockaddr*>(&remote), &remote_length) == 0)
            append_address(out, "raddr", remote, remote_length);
    }
    out += '>';
    return out;
}

} // namespace

bool set_resource_warnings(bool enabled) noexcept
{
    const int previous = setting.exchange(enabled ? on : off, std::memory_order_acq_rel);
    return (previous == unknown ? from_environment() : previous) == on;
}

bool resource_warnings_enabled() noexcept
{
    int current = setting.load(std::memory_order_acquire);
    if (current == unknown) {
        int expected = unknown;
        const int initial = from_environment();
        current = setting.compare_exchange_strong(expected, initial, std::memory_order_acq_rel) ? initial : expected;
    }
    return current == on;
}

namespace detail {

void report_unclosed(std::string_view class_name, int fd) noexcept
{
    if (quiet_depth > 0 || !resource_warnings_enabled())
        return;
    try {
        static const logger log("easynet.resource_warnings");
        log.warning("unclosed " + describe(class_name, fd));
    } catch (...) {
        // A destructor is reporting: nothing may escape.
    }
}

quiet_unclosed_parts::quiet_unclosed_parts() noexcept { ++quiet_depth; }

quiet_unclosed_parts::~quiet_unclosed_parts() { --quiet_depth; }

int socket_fd_of(const lowlevel::typed_attribute_provider& object) noexcept
{
    try {
        if (object.extra_attributes().contains(lowlevel::socket_attribute::socket))
            return object.extra(lowlevel::socket_attribute::socket).fileno();
    } catch (...) {
    }
    return -1;
}

} // namespace detail

} // namespace easynet
