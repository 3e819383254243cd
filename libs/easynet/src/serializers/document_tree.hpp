//
// easynet — walking and building boost::json documents without recursion: what the CBOR
// and MessagePack codecs share (private, not installed).
//
#ifndef EASYNET_SRC_SERIALIZERS_DOCUMENT_TREE_HPP
#define EASYNET_SRC_SERIALIZERS_DOCUMENT_TREE_HPP

#include <easynet/serializers/detail/binary_document_codec.hpp>

#include <boost/container/small_vector.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <utility>

namespace easynet::serializers::detail {

inline decode_result invalid(std::size_t position, const char* message) noexcept
{
    return {decode_status::invalid, position, message};
}

inline decode_result need_more() noexcept
{
    return {decode_status::need_more, 0, nullptr};
}

/// `u` as int64 when it fits, else as uint64.
inline boost::json::value make_integer(std::uint64_t u, const boost::json::storage_ptr& sp)
{
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return boost::json::value(static_cast<std::int64_t>(u), sp);
    return boost::json::value(u, sp);
}

/// An empty object (`is_map`) or array with room for `count` elements, but never more than
/// `room` input bytes could hold (an element takes at least one byte, a pair two), whatever
/// a hostile header declares.
inline boost::json::value make_container(bool is_map, std::uint64_t count, std::size_t room,
                                         const boost::json::storage_ptr& sp)
{
    if (is_map) {
        boost::json::value v(boost::json::object_kind, sp);
        v.get_object().reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, room / 2)));
        return v;
    }
    boost::json::value v(boost::json::array_kind, sp);
    v.get_array().reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, room)));
    return v;
}

/** Visits `root` and everything in it in document order, with an explicit stack.

    `put_value(v)` writes a scalar, or the header of an array or object and returns true
    when its elements follow (false for a scalar, or an object written as one);
    `put_key(key)` writes a map key before its value is visited.
*/
template <class PutValue, class PutKey>
void write_in_document_order(const boost::json::value& root, PutValue put_value, PutKey put_key)
{
    struct frame {
        const boost::json::value* arr_it = nullptr;
        const boost::json::value* arr_end = nullptr;
        const boost::json::key_value_pair* obj_it = nullptr;
        const boost::json::key_value_pair* obj_end = nullptr;
    };
    boost::container::small_vector<frame, 16> stack;
    const boost::json::value* v = &root;
    for (;;) {
        if (put_value(*v)) {
            if (const boost::json::array* a = v->if_array(); a != nullptr && !a->empty())
                stack.push_back({a->data(), a->data() + a->size(), nullptr, nullptr});
            else if (const boost::json::object* o = v->if_object(); o != nullptr && !o->empty())
                stack.push_back({nullptr, nullptr, o->begin(), o->end()});
        }
        // Next value in document order.
        for (;;) {
            if (stack.empty())
                return;
            frame& f = stack.back();
            if (f.obj_it != nullptr) {
                if (f.obj_it == f.obj_end) {
                    stack.pop_back();
                    continue;
                }
                const boost::json::key_value_pair& kv = *f.obj_it++;
                put_key(kv.key());
                v = &kv.value();
                break;
            }
            if (f.arr_it == f.arr_end) {
                stack.pop_back();
                continue;
            }
            v = f.arr_it++;
            break;
        }
    }
}

/** Hands the finished value `v` to its parent, the top of the decoder's `stack` of frames
    (`container`, `is_map`, `have_key`, `key`), closing every container it completes.

    `filled(frame)` counts one element of the frame down and says whether none is left.
    @return true when `v` completed the root document, moved to `out`.
*/
template <class Stack, class Filled>
bool hand_to_parent(Stack& stack, boost::json::value& v, boost::json::value& out, Filled filled)
{
    for (;;) {
        if (stack.empty()) {
            out = std::move(v);
            return true;
        }
        auto& f = stack.back();
        if (f.is_map) {
            f.container.get_object().insert_or_assign(f.key, std::move(v));
            f.have_key = false;
        }
        else {
            f.container.get_array().push_back(std::move(v));
        }
        if (!filled(f))
            return false;
        v = std::move(f.container);
        stack.pop_back();
    }
}

} // namespace easynet::serializers::detail

#endif
