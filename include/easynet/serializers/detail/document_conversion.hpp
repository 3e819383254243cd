//
// easynet — boost::json::value <-> user type glue of the MessagePack and CBOR serializers
// (private).
//
#ifndef EASYNET_SERIALIZERS_DETAIL_DOCUMENT_CONVERSION_HPP
#define EASYNET_SERIALIZERS_DETAIL_DOCUMENT_CONVERSION_HPP

#include <easynet/exceptions/protocol.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>

#include <exception>
#include <string>
#include <type_traits>
#include <utility>

namespace easynet::serializers::detail {

/// Calls `f(const boost::json::value&)` with `packet`, converted by `value_from` unless it
/// already is a `boost::json::value`.
template <class Packet, class F>
decltype(auto) with_document(const Packet& packet, F&& f)
{
    if constexpr (std::is_same_v<Packet, boost::json::value>)
        return std::forward<F>(f)(packet);
    else
        return std::forward<F>(f)(boost::json::value_from(packet));
}

/// `value_to<Packet>(doc)`; a document of the wrong shape is bad data: `deserialize_error`.
template <class Packet>
Packet document_to(boost::json::value&& doc)
{
    if constexpr (std::is_same_v<Packet, boost::json::value>) {
        return std::move(doc);
    }
    else {
        try {
            return boost::json::value_to<Packet>(doc);
        }
        catch (const std::exception& exc) {
            throw deserialize_error(std::string("Invalid value: ") + exc.what());
        }
    }
}

} // namespace easynet::serializers::detail

#endif
