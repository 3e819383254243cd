//
// easynet tests — checks shared by the MessagePack and CBOR serializer tests (both are
// file-based serializers of boost::json::value checked against the golden vectors).
//
#ifndef EASYNET_TEST_UNIT_SERIALIZERS_DOCUMENT_SERIALIZER_CHECKS_HPP
#define EASYNET_TEST_UNIT_SERIALIZERS_DOCUMENT_SERIALIZER_CHECKS_HPP

#include <easynet/exceptions/protocol.hpp>
#include <easynet/protocol/buffered_stream_protocol.hpp>
#include <easynet_test/incremental_feed.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <memory>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace document_checks {

using easynet_test::fixed_chunks;
using easynet_test::random_chunks;

inline std::string from_hex(std::string_view hex)
{
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        throw std::invalid_argument("bad hex digit");
    };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return out;
}

inline std::string to_hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

/// Strict equality: integers and doubles are distinct (`1` != `1.0`), doubles compare
/// bitwise except that every NaN equals every NaN, object keys compare in order.
inline bool same_document(const boost::json::value& a, const boost::json::value& b)
{
    if (a.is_double() || b.is_double()) {
        if (!a.is_double() || !b.is_double())
            return false;
        const double x = a.get_double(), y = b.get_double();
        if (std::isnan(x) || std::isnan(y))
            return std::isnan(x) && std::isnan(y);
        return std::memcmp(&x, &y, sizeof x) == 0;
    }
    if (a.is_number() && b.is_number())
        return a == b; // int64 / uint64 of the same value are equal
    if (a.kind() != b.kind())
        return false;
    if (a.is_array()) {
        const auto &x = a.get_array(), &y = b.get_array();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!same_document(x[i], y[i]))
                return false;
        return true;
    }
    if (a.is_object()) {
        const auto &x = a.get_object(), &y = b.get_object();
        if (x.size() != y.size())
            return false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
            if (i->key() != j->key() || !same_document(i->value(), j->value()))
                return false;
        return true;
    }
    return a == b;
}

/// One golden vector (test/data/wire-vectors/vectors.jsonl).
struct golden_vector {
    std::string format, wrap, kind;
    boost::json::value value; ///< `{"$float": ...}` already turned into a double
    std::string bytes;
};

/// The vector file's value notation -> the document it stands for.
inline boost::json::value vector_value(const boost::json::value& v)
{
    if (v.is_object()) {
        const auto& o = v.get_object();
        if (o.size() == 1 && o.contains("$float")) {
            const auto& s = o.at("$float").as_string();
            if (s == "nan")
                return std::numeric_limits<double>::quiet_NaN();
            return s == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
        }
        boost::json::object r;
        for (const auto& kv : o)
            r[kv.key()] = vector_value(kv.value());
        return r;
    }
    if (v.is_array()) {
        boost::json::array a;
        for (const auto& e : v.get_array())
            a.push_back(vector_value(e));
        return a;
    }
    return v;
}

/// Every vector of `format` / `wrap` / `kind` (an empty filter matches everything).
inline std::vector<golden_vector> load_wire_vectors(std::string_view format, std::string_view wrap = {},
                                                    std::string_view kind = {})
{
    const std::string path = std::string(EASYNET_TEST_DATA_DIR) + "/wire-vectors/vectors.jsonl";
    std::ifstream file(path);
    if (!file)
        throw std::runtime_error("cannot open " + path);
    std::vector<golden_vector> out;
    std::string line;
    while (std::getline(file, line)) {
        if (line.empty())
            continue;
        const auto doc = boost::json::parse(line).as_object();
        golden_vector v;
        v.format = doc.at("format").as_string();
        v.wrap = doc.at("wrap").as_string();
        v.kind = doc.at("kind").as_string();
        if ((!format.empty() && v.format != format) || (!wrap.empty() && v.wrap != wrap)
            || (!kind.empty() && v.kind != kind))
            continue;
        v.value = vector_value(doc.at("value"));
        v.bytes = from_hex(doc.at("hex").as_string());
        out.push_back(std::move(v));
    }
    return out;
}

/// serialize() (datagram) and incremental_serialize() (stream) give the golden bytes.
template <class Serializer>
void check_golden_encoding(const Serializer& serializer, const std::string& format)
{
    const auto vectors = load_wire_vectors(format, "none");
    BOOST_TEST_REQUIRE(vectors.size() > 100u);
    for (const auto& v : vectors) {
        BOOST_TEST_CONTEXT(format << " " << v.kind << " " << boost::json::serialize(v.value).substr(0, 80))
        {
            if (v.kind == "datagram") {
                BOOST_TEST(to_hex(serializer.serialize(v.value)) == to_hex(v.bytes));
            }
            else {
                std::vector<std::string> chunks;
                serializer.incremental_serialize(v.value, chunks);
                std::string joined;
                for (const auto& c : chunks) {
                    BOOST_TEST(!c.empty());
                    joined += c;
                }
                BOOST_TEST(to_hex(joined) == to_hex(v.bytes));
            }
        }
    }
}

/// deserialize() of every golden datagram and stream packet gives the value, type included.
template <class Serializer>
void check_golden_decoding(const Serializer& serializer, const std::string& format)
{
    for (const auto& v : load_wire_vectors(format, "none")) {
        BOOST_TEST_CONTEXT(format << " " << v.kind << " " << to_hex(v.bytes).substr(0, 40))
        {
            const boost::json::value got = serializer.deserialize(v.bytes);
            BOOST_TEST(same_document(got, v.value));
        }
    }
}

/// Every golden stream packet, concatenated, comes out in order whatever the chunking:
/// one chunk, byte by byte, and random chunkings (fixed seeds).
template <class Serializer>
void check_stream_chunkings(const Serializer& serializer, const std::string& format)
{
    const auto vectors = load_wire_vectors(format, "none", "stream");
    std::string stream;
    for (const auto& v : vectors)
        stream += v.bytes;
    std::vector<std::vector<std::size_t>> chunkings = {fixed_chunks(stream.size(), stream.size()),
                                                       fixed_chunks(stream.size(), 1),
                                                       fixed_chunks(stream.size(), 4096)};
    for (std::uint32_t seed = 1; seed <= 5; ++seed)
        chunkings.push_back(random_chunks(stream.size(), seed, seed * 50));
    for (const auto& chunks : chunkings) {
        BOOST_TEST_CONTEXT("chunks: " << chunks.size())
        {
            const auto result = easynet_test::feed(serializer, stream, chunks);
            BOOST_TEST_REQUIRE(result.error_count() == 0u);
            BOOST_TEST_REQUIRE(result.events.size() == vectors.size());
            BOOST_TEST(result.pending.empty());
            for (std::size_t i = 0; i < vectors.size(); ++i)
                BOOST_TEST(same_document(*result.events[i].packet, vectors[i].value));
        }
    }
}

/// The golden stream packets through a buffered_stream_protocol (zero-copy receive path),
/// with small receive buffers that must grow for the large packets.
template <class Serializer>
void check_buffered_stream(const std::shared_ptr<const Serializer>& serializer, const std::string& format)
{
    const auto vectors = load_wire_vectors(format, "none", "stream");
    std::string stream;
    for (const auto& v : vectors)
        stream += v.bytes;
    const easynet::protocol::buffered_stream_protocol<boost::json::value> protocol(serializer);
    for (const std::size_t recv_size : {std::size_t{1}, std::size_t{7}, std::size_t{16 * 1024}}) {
        BOOST_TEST_CONTEXT("recv size " << recv_size)
        {
            auto consumer = protocol.make_consumer(16);
            std::size_t pos = 0, next = 0;
            while (next < vectors.size()) {
                if (auto packet = consumer.next_packet()) {
                    BOOST_TEST(same_document(*packet, vectors[next].value));
                    ++next;
                    continue;
                }
                BOOST_TEST_REQUIRE(pos < stream.size());
                const auto buffer = consumer.get_write_buffer();
                const std::size_t n = std::min({buffer.size(), recv_size, stream.size() - pos});
                std::memcpy(buffer.data(), stream.data() + pos, n);
                consumer.buffer_updated(n);
                pos += n;
            }
            BOOST_TEST(pos == stream.size());
        }
    }
}

/// Builds the message of an incremental_deserialize_error held by a feed event.
inline std::string error_message(const std::exception_ptr& e)
{
    try {
        std::rethrow_exception(e);
    }
    catch (const std::exception& exc) {
        return exc.what();
    }
}

/// The message of the deserialize_error `s.deserialize(bytes)` throws ("<no error>" if none).
template <class Serializer>
std::string deserialize_message(const Serializer& s, std::string_view bytes)
{
    try {
        s.deserialize(bytes);
    }
    catch (const easynet::deserialize_error& exc) {
        return exc.what();
    }
    return "<no error>";
}

/// A user type serialized as the document {"x": x, "y": y} (Boost.JSON customisation points).
struct point {
    int x = 0;
    int y = 0;
};

inline void tag_invoke(const boost::json::value_from_tag&, boost::json::value& v, const point& p)
{
    v = {{"x", p.x}, {"y", p.y}};
}

inline point tag_invoke(const boost::json::value_to_tag<point>&, const boost::json::value& v)
{
    const auto& o = v.as_object();
    return {boost::json::value_to<int>(o.at("x")), boost::json::value_to<int>(o.at("y"))};
}

} // namespace document_checks

#endif
