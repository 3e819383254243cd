//
// easynet — tests of easynet/serializers/wrapper/zlib_compressor_serializer.hpp
//
#include <easynet/serializers/wrapper/zlib_compressor_serializer.hpp>

#include "wrapper_checks.hpp"

#include <boost/test/unit_test.hpp>

namespace wrapper = easynet::serializers::wrapper;

BOOST_AUTO_TEST_SUITE(zlib_compressor_serializer)

BOOST_AUTO_TEST_CASE(golden_vectors_of_every_format_decode_and_round_trip)
{
    // Compressed bytes depend on the library version: the payload must match (WIRE_FORMATS §6).
    wrapper_checks::check_golden_all_formats("zlib", false, [](auto inner) {
        using packet = typename decltype(inner)::element_type::sent_packet_type;
        return std::make_shared<wrapper::zlib_compressor_serializer<packet>>(inner);
    });
}

BOOST_AUTO_TEST_CASE(output_is_a_single_zlib_stream_at_level_9)
{
    const wrapper::zlib_compressor_serializer<std::string> s(wrapper_checks::line_inner());
    const std::string bytes = s.serialize("hello");
    BOOST_TEST(s.compress_level() == 9);
    BOOST_TEST(bytes.starts_with("\x78\xda"));
    BOOST_TEST(s.deserialize(bytes) == "hello");
}

BOOST_AUTO_TEST_SUITE_END()
