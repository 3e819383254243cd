#include <easynet/serializers/aggregate_serializer.hpp>

#include <easynet/protocol/stream_protocol.hpp>
#include <easynet/serializers/struct_serializer.hpp>

#include <boost/test/unit_test.hpp>

using namespace easynet;

namespace {

enum class color : std::uint8_t { red = 1, blue = 2 };

struct record {
    std::int32_t x;
    std::int32_t y;
    double weight;
    color c;
    bool flag;
    std::array<char, 4> tag;
    std::uint64_t big;
};

} // namespace

BOOST_AUTO_TEST_SUITE(aggregate_serializer)

BOOST_AUTO_TEST_CASE(format_is_derived_from_the_member_types)
{
    using s = serializers::aggregate_serializer<record>;
    BOOST_TEST(s::format() == ">iidB?4sQ");
    BOOST_TEST(s::record_size == serializers::struct_format(s::format()).size());
    using little = serializers::aggregate_serializer<record, boost::endian::order::little>;
    BOOST_TEST(little::format() == "<iidB?4sQ");
}

BOOST_AUTO_TEST_CASE(bytes_equal_those_of_the_struct_serializer_with_the_same_format)
{
    const serializers::aggregate_serializer<record> a;
    const serializers::struct_serializer st("!iidB?4sQ");
    const record r{-3, 7, 2.5, color::blue, true, {'a', 'b', 'c', 'd'}, 1ULL << 40};
    const std::string bytes = a.serialize(r);
    BOOST_TEST(bytes == st.serialize({std::int64_t(-3), std::int64_t(7), 2.5, std::int64_t(2), true, std::string("abcd"),
                                      std::uint64_t(1ULL << 40)}));
    const record back = a.deserialize(bytes);
    BOOST_TEST(back.x == -3);
    BOOST_TEST(back.y == 7);
    BOOST_TEST(back.weight == 2.5);
    BOOST_TEST((back.c == color::blue));
    BOOST_TEST(back.flag);
    BOOST_TEST(std::string(back.tag.data(), 4) == "abcd");
    BOOST_TEST(back.big == (1ULL << 40));
}

BOOST_AUTO_TEST_CASE(records_are_framed_by_size_on_a_stream)
{
    struct point {
        std::int16_t x;
        std::int16_t y;
    };
    protocol::stream_protocol<point> p(std::make_shared<serializers::aggregate_serializer<point>>());
    auto c = p.make_consumer();
    c.feed(std::string("\x00\x01\x00\x02\xff\xff", 6));
    const point a = *c.next_packet();
    BOOST_TEST(a.x == 1);
    BOOST_TEST(a.y == 2);
    BOOST_TEST(!c.next_packet());
    c.feed(std::string("\x00\x05", 2));
    BOOST_TEST(c.next_packet()->x == -1);
}

BOOST_AUTO_TEST_CASE(wrong_size_is_a_deserialize_error)
{
    BOOST_CHECK_EXCEPTION(serializers::aggregate_serializer<record>().deserialize("abc"), deserialize_error,
                          [](const auto& e) { return std::string(e.what()).starts_with("Invalid value: unpack requires"); });
}

BOOST_AUTO_TEST_CASE(text_fields_are_nul_padded_utf8_with_trailing_nuls_stripped)
{
    struct person {
        serializers::fixed_string<10> name;
        std::uint32_t age;
    };
    const serializers::aggregate_serializer<person> s;
    BOOST_TEST(s.format() == ">10sI");
    // Python: NamedTupleStructSerializer(Person, {"name": "10s", "age": "I"}).serialize(Person("John", 20))
    const std::string bytes = s.serialize({"John", 20});
    BOOST_TEST(bytes == std::string("John\0\0\0\0\0\0\0\0\0\x14", 14));
    const person p = s.deserialize(bytes);
    BOOST_TEST(p.name.value == "John");
    BOOST_TEST(p.age == 20u);
    BOOST_TEST(s.serialize({"\xc3\xa9tienne-de-la-rue", 1}).substr(0, 10) == "\xc3\xa9tienne-d");
    BOOST_CHECK_EXCEPTION(s.deserialize(std::string("\xff\0\0\0\0\0\0\0\0\0\0\0\0\x01", 14)), deserialize_error,
                          [](const auto& e) {
                              return std::string(e.what())
                                  == "UnicodeError when building packet from unpacked struct value: 'utf-8' codec can't "
                                     "decode byte 0xff in position 0: invalid start byte";
                          });
    BOOST_CHECK_THROW(s.serialize({"\xff", 1}), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
