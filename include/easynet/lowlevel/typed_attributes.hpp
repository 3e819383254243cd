//
// easynet — typed extra attributes (EasyNetwork's `easynetwork.lowlevel.typed_attr`).
//
// Distributed under the Boost Software License, Version 1.0.
//
#ifndef EASYNET_LOWLEVEL_TYPED_ATTRIBUTES_HPP
#define EASYNET_LOWLEVEL_TYPED_ATTRIBUTES_HPP

#include <easynet/exceptions/core.hpp>

#include <any>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>

namespace easynet::lowlevel {

/** A token naming one extra attribute whose value has type `T`.

    Tokens are compared by identity (their address), so each is declared once, as an
    inline/static `constexpr` object (see `socket_attribute`), and never copied.
    @tparam T the attribute's value type.
*/
template <typename T>
class typed_attribute {
public:
    using value_type = T;

    constexpr explicit typed_attribute(std::string_view name) noexcept : name_(name) {}
    typed_attribute(const typed_attribute&) = delete;
    typed_attribute& operator=(const typed_attribute&) = delete;

    /// A human-readable name (used in lookup error messages).
    constexpr std::string_view name() const noexcept { return name_; }

private:
    std::string_view name_;
};

/** The extra attributes an object provides: token → callable returning the value.

    A callable may throw `typed_attribute_lookup_error` when the value cannot be obtained
    at that moment (for instance the peer address of a disconnected socket).

    @par Thread safety
    Building the map is not thread-safe; once built, lookups are.
*/
class extra_attribute_map {
public:
    /// Sets (or replaces) the getter of `attribute`; `getter()` must return a `T`.
    template <typename T, typename F>
    void set(const typed_attribute<T>& attribute, F&& getter)
    {
        static_assert(std::is_convertible_v<std::invoke_result_t<F&>, T>, "getter must return the attribute type");
        entries_[&attribute] = entry{attribute.name(), [g = std::forward<F>(getter)]() -> std::any { return T(g()); }};
    }

    /// Adds every entry of `other`, replacing the entries both maps have.
    void merge(const extra_attribute_map& other)
    {
        for (const auto& [key, value] : other.entries_)
            entries_[key] = value;
    }

    /// True when a getter is registered for `attribute`.
    template <typename T>
    bool contains(const typed_attribute<T>& attribute) const noexcept
    {
        return entries_.find(&attribute) != entries_.end();
    }

    std::size_t size() const noexcept { return entries_.size(); }

    /** Calls the getter of `attribute`.
        @throws typed_attribute_lookup_error if there is none, or if the getter throws it.
    */
    template <typename T>
    T get(const typed_attribute<T>& attribute) const
    {
        auto it = entries_.find(&attribute);
        if (it == entries_.end())
            throw typed_attribute_lookup_error("Attribute not found: " + std::string(attribute.name()));
        return std::any_cast<T>(it->second.getter());
    }

private:
    struct entry {
        std::string_view name;
        std::function<std::any()> getter;
    };
    std::unordered_map<const void*, entry> entries_;
};

/** Base of every object that provides typed extra attributes (transports, clients...).

    @par Example
    @code
    auto address = transport.extra(socket_attribute::remote_address);
    int family = transport.extra(socket_attribute::family, AF_UNSPEC);
    @endcode
*/
class typed_attribute_provider {
public:
    virtual ~typed_attribute_provider() = default;

    /** Every attribute this object provides. A wrapper includes the attributes of what it
        wraps (and may override them).
    */
    virtual const extra_attribute_map& extra_attributes() const = 0;

    /** The value of `attribute`.
        @throws typed_attribute_lookup_error ("Attribute not found") if it is not provided
        or cannot be obtained now.
    */
    template <typename T>
    T extra(const typed_attribute<T>& attribute) const
    {
        return extra_attributes().get(attribute);
    }

    /// The value of `attribute`, or `default_value` when it is not available.
    template <typename T>
    T extra(const typed_attribute<T>& attribute, T default_value) const
    {
        try {
            return extra_attributes().get(attribute);
        } catch (const typed_attribute_lookup_error&) {
            return default_value;
        }
    }
};

} // namespace easynet::lowlevel

#endif
