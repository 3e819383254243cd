#include <easynet/lowlevel/socket/socket_ancillary.hpp>

#include <easynet/defaults.hpp>
#include <easynet/exceptions/core.hpp>

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>
#include <utility>

namespace easynet::lowlevel {

static_assert(defaults::unix_ancillary_bufsize == CMSG_SPACE(8192), "defaults::unix_ancillary_bufsize");

socket_ancillary::socket_ancillary(socket_ancillary&& other) noexcept
    : fds_(std::exchange(other.fds_, {})), owned_(std::exchange(other.owned_, {})),
      creds_(std::exchange(other.creds_, {}))
{
}

socket_ancillary& socket_ancillary::operator=(socket_ancillary&& other) noexcept
{
    if (this != &other) {
        clear();
        fds_ = std::exchange(other.fds_, {});
        owned_ = std::exchange(other.owned_, {});
        creds_ = std::exchange(other.creds_, {});
    }
    return *this;
}

socket_ancillary::~socket_ancillary() { clear(); }

void socket_ancillary::add_fds(std::span<const native_socket_handle> fds)
{
    for (auto fd : fds) {
        if (fd < 0)
            throw std::invalid_argument("socket_ancillary::add_fds: invalid file descriptor");
    }
    fds_.insert(fds_.end(), fds.begin(), fds.end());
    owned_.insert(owned_.end(), fds.size(), false);
}

void socket_ancillary::add_creds(std::span<const unix_credentials> credentials)
{
#ifdef SCM_CREDENTIALS
    creds_.insert(creds_.end(), credentials.begin(), credentials.end());
#else
    (void)credentials;
    throw unsupported_operation("SCM_CREDENTIALS is not supported on this platform");
#endif
}

void socket_ancillary::update_from_raw(std::span<const raw_ancillary_message> messages)
{
    for (const auto& m : messages) {
        if (m.level != SOL_SOCKET)
            continue;
        if (m.type == SCM_RIGHTS) {
            for (std::size_t i = 0; i + sizeof(int) <= m.data.size(); i += sizeof(int)) {
                int fd = -1;
                std::memcpy(&fd, m.data.data() + i, sizeof(int));
                fds_.push_back(fd);
                owned_.push_back(true);
            }
        }
#ifdef SCM_CREDENTIALS
        else if (m.type == SCM_CREDENTIALS) {
            for (std::size_t i = 0; i + sizeof(ucred) <= m.data.size(); i += sizeof(ucred)) {
                ucred c{};
                std::memcpy(&c, m.data.data() + i, sizeof(ucred));
                creds_.push_back({c.pid, c.uid, c.gid});
            }
        }
#endif
    }
}

std::vector<socket_ancillary_message> socket_ancillary::messages() const
{
    std::vector<socket_ancillary_message> result;
    if (!fds_.empty())
        result.emplace_back(scm_rights{fds_});
    if (!creds_.empty())
        result.emplace_back(scm_credentials{creds_});
    return result;
}

std::vector<native_socket_handle> socket_ancillary::take_fds() noexcept
{
    owned_.clear();
    return std::exchange(fds_, {});
}

std::vector<raw_ancillary_message> socket_ancillary::as_raw() const
{
    std::vector<raw_ancillary_message> raw;
    if (!fds_.empty())
        raw.push_back({SOL_SOCKET, SCM_RIGHTS,
                       std::string(reinterpret_cast<const char*>(fds_.data()), fds_.size() * sizeof(int))});
#ifdef SCM_CREDENTIALS
    if (!creds_.empty()) {
        std::string data;
        for (const auto& c : creds_) {
            ucred u{};
            u.pid = c.pid.value_or(0) == 0 ? ::getpid() : static_cast<pid_t>(*c.pid);
            u.uid = c.uid;
            u.gid = c.gid;
            data.append(reinterpret_cast<const char*>(&u), sizeof(u));
        }
        raw.push_back({SOL_SOCKET, SCM_CREDENTIALS, std::move(data)});
    }
#endif
    return raw;
}

void socket_ancillary::clear() noexcept
{
    for (std::size_t i = 0; i < fds_.size(); ++i) {
        if (owned_[i] && fds_[i] >= 0)
            ::close(fds_[i]);
    }
    fds_.clear();
    owned_.clear();
    creds_.clear();
}

} // namespace easynet::lowlevel
