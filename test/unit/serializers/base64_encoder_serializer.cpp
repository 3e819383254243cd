//
// easynet — tests of easynet/serializers/wrapper/base64_encoder_serializer.hpp
//
#include <easynet/serializers/wrapper/base64_encoder_serializer.hpp>

#include "wrapper_checks.hpp"

#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace wrapper = easynet::serializers::wrapper;
using document_checks::from_hex;
using document_checks::same_document;

namespace {

using json_b64 = wrapper::base64_encoder_serializer<json::value>;

std::shared_ptr<json_b64> make_json_b64(const wrapper::base64_encoder_options& options = {})
{
    return std::make_shared<json_b64>(wrapper_checks::document_inner("json"), options);
}

std::string deserialize_message(const json_b64& s, std::string_view bytes)
{
    try {
        s.deserialize(bytes);
    }
    catch (const easynet::deserialize_error& exc) {
        return exc.what();
    }
    return "<no error>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(base64_encoder_serializer)

BOOST_AUTO_TEST_CASE(golden_vectors_of_every_format_match_byte_for_byte)
{
    wrapper_checks::check_golden_all_formats("base64", true, [](auto inner) {
        using packet = typename decltype(inner)::element_type::sent_packet_type;
        return std::make_shared<wrapper::base64_encoder_serializer<packet>>(
            inner, wrapper::base64_encoder_options{.limit = wrapper_checks::echo_limit});
    });
}

BOOST_AUTO_TEST_CASE(wire_formats_example)
{
    const auto s = make_json_b64();
    const json::value v = json::parse(R"({"k":[1,2.5,null,"é"]})");
    std::vector<std::string> chunks;
    s->incremental_serialize(v, chunks);
    BOOST_TEST_REQUIRE(chunks.size() == 1u);
    BOOST_TEST(chunks[0] == "eyJrIjpbMSwyLjUsbnVsbCwiXHUwMGU5Il19\r\n");
    BOOST_TEST(s->serialize(v) == "eyJrIjpbMSwyLjUsbnVsbCwiXHUwMGU5Il19");
}

BOOST_AUTO_TEST_CASE(alphabets)
{
    // A line serializer's payload is the raw text.
    auto line = wrapper_checks::line_inner();
    const wrapper::base64_encoder_serializer<std::string> urlsafe(line);
    const wrapper::base64_encoder_serializer<std::string> standard(line, {.alphabet = wrapper::base64_alphabet::standard});
    const std::string text = "\xef\xbf\xbf?"; // U+FFFF then '?': base64 "77+/Pw=="
    BOOST_TEST(standard.serialize(text) == "77+/Pw==");
    BOOST_TEST(urlsafe.serialize(text) == "77-_Pw==");
    // urlsafe decoding accepts both alphabets; standard drops '-' and '_' as non-alphabet.
    BOOST_TEST(urlsafe.deserialize("77+/Pw==") == text);
    BOOST_TEST(urlsafe.deserialize("77-_Pw==") == text);
    BOOST_TEST(standard.deserialize("77+/Pw==") == text);
    BOOST_CHECK_THROW(standard.deserialize("77-_Pw=="), easynet::deserialize_error);
}

BOOST_AUTO_TEST_CASE(decoder_is_lenient_like_python)
{
    const auto s = make_json_b64();
    // Characters outside the alphabet are skipped, data after the padding is ignored.
    BOOST_TEST(s->deserialize("M\n\tT !I=").as_int64() == 12);
    BOOST_TEST(s->deserialize("MTI=garbage").as_int64() == 12);
}

BOOST_AUTO_TEST_CASE(bad_base64_is_invalid_token)
{
    const auto s = make_json_b64();
    BOOST_TEST(deserialize_message(*s, "A") == "Invalid token");
    BOOST_TEST(deserialize_message(*s, "MTI") == "Invalid token");
    BOOST_TEST(deserialize_message(*s, "AB=") == "Invalid token");
    // A valid token whose payload is bad JSON: the inner error passes through.
    BOOST_TEST(deserialize_message(*s, "e30x") != "Invalid token");
}

BOOST_AUTO_TEST_CASE(checksum_appends_and_checks_a_sha256_digest)
{
    const auto s = make_json_b64({.checksum = true});
    const std::string token = s->serialize(json::value(12));
    std::string raw;
    BOOST_TEST_REQUIRE(easynet::serializers::detail::base64_decode(token, raw, true));
    BOOST_TEST(raw.size() == 2u + 32u);
    BOOST_TEST(raw.substr(2) == easynet::serializers::detail::sha256_digest("12"));
    BOOST_TEST(s->deserialize(token).as_int64() == 12);
    // Any altered byte, a missing digest or a plain token is refused.
    std::string altered = raw;
    altered[0] = '3';
    std::string altered_token;
    easynet::serializers::detail::base64_encode(altered, altered_token, true);
    BOOST_TEST(deserialize_message(*s, altered_token) == "Invalid token");
    BOOST_TEST(deserialize_message(*s, "MTI=") == "Invalid token");
    BOOST_TEST(deserialize_message(*make_json_b64(), token) != "<no error>");
}

BOOST_AUTO_TEST_CASE(signing_key_uses_hmac_sha256)
{
    const std::string key = json_b64::generate_key();
    BOOST_TEST(key.size() == 44u);
    BOOST_TEST(key != json_b64::generate_key());
    const auto s = make_json_b64({.signing_key = key});
    const std::string token = s->serialize(json::value("x"));
    BOOST_TEST(s->deserialize(token).as_string() == "x");
    std::string raw_key;
    easynet::serializers::detail::base64_decode(key, raw_key, true);
    std::string raw;
    easynet::serializers::detail::base64_decode(token, raw, true);
    BOOST_TEST(raw.substr(3) == easynet::serializers::detail::hmac_sha256_digest(raw_key, "\"x\""));
    // Another key, or a plain checksum, does not verify it.
    BOOST_TEST(deserialize_message(*make_json_b64({.signing_key = json_b64::generate_key()}), token)
               == "Invalid token");
    BOOST_TEST(deserialize_message(*make_json_b64({.checksum = true}), token) == "Invalid token");
}

BOOST_AUTO_TEST_CASE(bad_signing_keys_are_rejected)
{
    const char* message = "signing key must be 32 url-safe base64-encoded bytes.";
    for (const std::string& key : {std::string("short"), std::string(43, 'A'), std::string("A")}) {
        try {
            make_json_b64({.signing_key = key});
            BOOST_FAIL("no error for " << key);
        }
        catch (const std::invalid_argument& exc) {
            BOOST_TEST(exc.what() == message);
        }
    }
    BOOST_CHECK_THROW(make_json_b64({.checksum = true, .signing_key = json_b64::generate_key()}),
                      std::invalid_argument);
    BOOST_CHECK_THROW(json_b64(nullptr), std::invalid_argument);
    BOOST_CHECK_THROW(make_json_b64({.separator = ""}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(stream_limit_and_recovery)
{
    const auto s = make_json_b64({.limit = 8});
    // "MTI=" (12), an overlong line, a bad token, a valid token with bad JSON, then "Mw==" (3).
    const std::string input = "MTI=\r\n" + std::string(20, 'A') + "\r\n" + "A\r\n" + "e30x\r\n" + "Mw==\r\n";
    for (std::size_t step : {std::size_t{1}, std::size_t{5}, input.size()}) {
        BOOST_TEST_CONTEXT("step " << step)
        {
            const auto r = easynet_test::feed(*s, input, easynet_test::fixed_chunks(input.size(), step));
            BOOST_TEST_REQUIRE(r.events.size() >= 5u);
            BOOST_TEST(r.events.front().packet->as_int64() == 12);
            BOOST_TEST(r.events.back().packet->as_int64() == 3);
            BOOST_TEST(r.packet_count() == 2u);
            bool saw_limit = false, saw_token = false;
            for (const auto& e : r.events) {
                if (e.packet)
                    continue;
                const std::string m = document_checks::error_message(e.error);
                saw_limit |= m.find("limit") != std::string::npos;
                saw_token |= m == "Error when deserializing data: Invalid token";
            }
            BOOST_TEST(saw_limit);
            BOOST_TEST(saw_token);
        }
    }
}

BOOST_AUTO_TEST_CASE(debug_attaches_the_token)
{
    const auto s = make_json_b64({.debug = true});
    try {
        s->deserialize("A");
        BOOST_FAIL("no error");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST_REQUIRE(exc.error_info() != nullptr);
        BOOST_TEST(*exc.error_info()->get<std::string>("data") == "A");
    }
    try {
        make_json_b64()->deserialize("A");
    }
    catch (const easynet::deserialize_error& exc) {
        BOOST_TEST(exc.error_info() == nullptr);
    }
}

BOOST_AUTO_TEST_CASE(custom_separator)
{
    const auto s = make_json_b64({.separator = "\n"});
    std::vector<std::string> chunks;
    s->incremental_serialize(json::value(12), chunks);
    BOOST_TEST(chunks.at(0) == "MTI=\n");
    const auto r = easynet_test::feed(*s, "MTI=\nMw==\n", {11});
    BOOST_TEST_REQUIRE(r.events.size() == 2u);
    BOOST_TEST(r.events[1].packet->as_int64() == 3);
}

BOOST_AUTO_TEST_SUITE_END()
