//
// easynet — private: how the destructors of resource owners report "unclosed" objects
// (see easynet/resource_warnings.hpp).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_DETAIL_UNCLOSED_RESOURCE_HPP
#define EASYNET_DETAIL_UNCLOSED_RESOURCE_HPP

#include <string_view>

namespace easynet::lowlevel {
class typed_attribute_provider;
}

namespace easynet::detail {

/** Reports an object destroyed while open: one WARNING "unclosed <class_name ...>" on
    the "easynet.resource_warnings" logger, describing the socket `fd` when >= 0 (family,
    local and remote address). Does nothing when the reports are off, or while a
    `quiet_unclosed_parts` lives in this thread. Never throws. */
void report_unclosed(std::string_view class_name, int fd = -1) noexcept;

/** While alive, the reports of this thread are dropped: an owner destroys the parts it
    owns inside one, so that only the owner is reported. */
class quiet_unclosed_parts {
public:
    quiet_unclosed_parts() noexcept;
    ~quiet_unclosed_parts();
    quiet_unclosed_parts(const quiet_unclosed_parts&) = delete;
    quiet_unclosed_parts& operator=(const quiet_unclosed_parts&) = delete;
};

/** For an owner's destructor: reports it when `unclosed`, then returns the scope in which
    its parts are destroyed (or closed) without reporting again.
    @code
    owner::~owner()
    {
        const auto quiet = easynet::detail::report_unclosed_owner(!is_closing(), "owner", fd);
        part_.reset();
    }
    @endcode */
[[nodiscard]] inline quiet_unclosed_parts report_unclosed_owner(bool unclosed, std::string_view class_name,
                                                                int fd = -1) noexcept
{
    if (unclosed)
        report_unclosed(class_name, fd);
    return {};
}

/// The descriptor of `object`'s socket attribute, or -1 (none, or closed). Never throws.
int socket_fd_of(const lowlevel::typed_attribute_provider& object) noexcept;

} // namespace easynet::detail

#endif
