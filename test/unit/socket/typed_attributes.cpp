#include <easynet/lowlevel/typed_attributes.hpp>

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

struct test_attribute {
    static constexpr easynet::lowlevel::typed_attribute<int> number{"number"};
    static constexpr easynet::lowlevel::typed_attribute<std::string> text{"text"};
    static constexpr easynet::lowlevel::typed_attribute<int> missing{"missing"};
    static constexpr easynet::lowlevel::typed_attribute<int> unavailable{"unavailable"};
};

class provider : public easynet::lowlevel::typed_attribute_provider {
public:
    provider()
    {
        map_.set(test_attribute::number, [this] { return calls_++; });
        map_.set(test_attribute::text, [] { return "hello"; });
        map_.set(test_attribute::unavailable,
                 []() -> int { throw easynet::typed_attribute_lookup_error("not connected"); });
    }
    const easynet::lowlevel::extra_attribute_map& extra_attributes() const override { return map_; }

private:
    mutable int calls_ = 0;
    easynet::lowlevel::extra_attribute_map map_;
};

} // namespace

BOOST_AUTO_TEST_SUITE(typed_attributes)

BOOST_AUTO_TEST_CASE(extra_calls_the_getter_each_time)
{
    provider p;
    BOOST_TEST(p.extra(test_attribute::number) == 0);
    BOOST_TEST(p.extra(test_attribute::number) == 1);
    BOOST_TEST(p.extra(test_attribute::text) == "hello");
}

BOOST_AUTO_TEST_CASE(a_missing_attribute_raises_typed_attribute_lookup_error)
{
    provider p;
    BOOST_CHECK_THROW(p.extra(test_attribute::missing), easynet::typed_attribute_lookup_error);
    BOOST_CHECK_THROW(p.extra(test_attribute::unavailable), easynet::typed_attribute_lookup_error);
}

BOOST_AUTO_TEST_CASE(a_default_is_returned_for_missing_or_unavailable_attributes)
{
    provider p;
    BOOST_TEST(p.extra(test_attribute::missing, 5) == 5);
    BOOST_TEST(p.extra(test_attribute::unavailable, 6) == 6);
}

BOOST_AUTO_TEST_CASE(merge_lets_the_wrapper_override)
{
    easynet::lowlevel::extra_attribute_map inner;
    inner.set(test_attribute::number, [] { return 1; });
    inner.set(test_attribute::text, [] { return std::string("inner"); });
    easynet::lowlevel::extra_attribute_map outer;
    outer.merge(inner);
    outer.set(test_attribute::text, [] { return std::string("outer"); });
    BOOST_TEST(outer.get(test_attribute::number) == 1);
    BOOST_TEST(outer.get(test_attribute::text) == "outer");
    BOOST_TEST(outer.contains(test_attribute::text));
    BOOST_TEST(!outer.contains(test_attribute::missing));
    BOOST_TEST(outer.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
