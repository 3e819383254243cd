// Loader for test/data/wire-vectors/vectors.jsonl (golden bytes produced by EasyNetwork
// 1.2.0) shared by the serializer tests.
//
// Distributed under the Boost Software License, Version 1.0.
#ifndef EASYNET_TEST_WIRE_VECTORS_HPP
#define EASYNET_TEST_WIRE_VECTORS_HPP

#include <easynet/serializers/json/json_codec.hpp>

#include <boost/json.hpp>

#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace easynet_test {

inline std::string test_data_dir()
{
#ifdef EASYNET_TEST_DATA_DIR
    return EASYNET_TEST_DATA_DIR;
#else
    return "test/data";
#endif
}

struct wire_vector {
    std::string format; ///< line, json, msgpack, cbor
    std::string wrap;   ///< none, base64, zlib, bz2
    std::string kind;   ///< stream, datagram
    boost::json::value value; ///< the packet ({"$float": ...} already turned into doubles)
    std::string bytes;  ///< the exact bytes EasyNetwork sends
    std::size_t line = 0;
};

inline std::string unhex(std::string_view hex)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::invalid_argument("bad hex");
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    }
    return out;
}

/// Replaces {"$float": "nan"|"inf"|"-inf"} by the double, recursively.
inline boost::json::value decode_vector_value(const boost::json::value& v)
{
    if (const auto* o = v.if_object()) {
        if (o->size() == 1 && o->contains("$float")) {
            const auto& s = o->at("$float").as_string();
            if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
            if (s == "inf") return std::numeric_limits<double>::infinity();
            return -std::numeric_limits<double>::infinity();
        }
        boost::json::object r;
        for (const auto& kv : *o) r[kv.key()] = decode_vector_value(kv.value());
        return r;
    }
    if (const auto* a = v.if_array()) {
        boost::json::array r;
        for (const auto& e : *a) r.push_back(decode_vector_value(e));
        return r;
    }
    return v;
}

/// Every vector of the file matching the filters (empty filter = any).
inline std::vector<wire_vector> load_wire_vectors(std::string_view format = {}, std::string_view wrap = {},
                                                  std::string_view kind = {})
{
    std::ifstream in(test_data_dir() + "/wire-vectors/vectors.jsonl");
    if (!in) throw std::runtime_error("cannot open " + test_data_dir() + "/wire-vectors/vectors.jsonl");
    std::vector<wire_vector> out;
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.empty()) continue;
        // The file's numbers need exact floats and big integers: use easynet's decoder.
        const boost::json::value doc = easynet::serializers::json::decode(line);
        const auto& o = doc.as_object();
        wire_vector v;
        v.format = o.at("format").as_string();
        v.wrap = o.at("wrap").as_string();
        v.kind = o.at("kind").as_string();
        if ((!format.empty() && v.format != format) || (!wrap.empty() && v.wrap != wrap) || (!kind.empty() && v.kind != kind))
            continue;
        v.value = decode_vector_value(o.at("value"));
        v.bytes = unhex(o.at("hex").as_string());
        v.line = n;
        out.push_back(std::move(v));
    }
    return out;
}

/// Strict equality: integers and floats are distinct, NaN equals NaN, -0.0 differs from 0.0,
/// object keys compared in order.
inline bool strictly_equal(const boost::json::value& a, const boost::json::value& b)
{
    const bool ai = a.is_int64() || a.is_uint64();
    const bool bi = b.is_int64() || b.is_uint64();
    if (ai || bi) {
        if (!(ai && bi)) return false;
        if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
        if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
        const auto& s = a.is_int64() ? a : b;
        const auto& u = a.is_int64() ? b : a;
        return s.get_int64() >= 0 && static_cast<std::uint64_t>(s.get_int64()) == u.get_uint64();
    }
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
    case boost::json::kind::double_: {
        const double x = a.get_double(), y = b.get_double();
        if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
        return x == y && std::signbit(x) == std::signbit(y);
    }
    case boost::json::kind::array: {
        const auto &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!strictly_equal(x[i], y[i])) return false;
        return true;
    }
    case boost::json::kind::object: {
        const auto &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size()) return false;
        auto i = x.begin();
        auto j = y.begin();
        for (; i != x.end(); ++i, ++j)
            if (i->key() != j->key() || !strictly_equal(i->value(), j->value())) return false;
        return true;
    }
    default:
        return a == b;
    }
}

} // namespace easynet_test

#endif
