#include "adapters/common/json_fields.h"

#include <gtest/gtest.h>

namespace triagebot::adapters::common::fields {
namespace json_fields_test {
namespace {

using nlohmann::json;

TEST(JsonFields, AbsentNullRightTypeAndWrongTypeAreThreeCases) {
  const json object = json::parse(R"({"s":"x","n":null,"i":5,"o":{},"b":true})");
  EXPECT_EQ(*string_at(object, "s", "t"), "x");
  EXPECT_FALSE(*string_at(object, "missing", "t"));
  EXPECT_FALSE(*string_at(object, "n", "t"));
  EXPECT_FALSE(string_at(object, "i", "t").has_value());
  EXPECT_EQ(string_at(object, "i", "t").error().code, ErrorCode::bad_request);
  EXPECT_EQ(string_at(object, "i", "t").error().message, "t.i is not a string");
  EXPECT_NE(*object_at(object, "o", "t"), nullptr);
  EXPECT_FALSE(object_at(object, "s", "t").has_value());
  EXPECT_EQ(*boolean_at(object, "b", "t"), true);
  EXPECT_FALSE(boolean_at(object, "i", "t").has_value());
}

TEST(JsonFields, IntegersAreRangeCheckedWhereRead) {
  const json object = json::parse(
      R"({"small":7,"big":9007199254740992,"huge":18446744073709551615,"neg":-3,"frac":1.5})");
  EXPECT_EQ(*integer_in(object, "small", "t", 0, 10), 7);
  EXPECT_FALSE(integer_in(object, "small", "t", 8, 10).has_value());
  EXPECT_FALSE(integer_in(object, "big", "t", 0, kMaxJsonSafeInteger).has_value());
  EXPECT_EQ(integer_in(object, "big", "t", 0, kMaxJsonSafeInteger).error().message,
            "t.big is out of range");
  EXPECT_FALSE(integer_at(object, "huge", "t").has_value());
  EXPECT_FALSE(integer_in(object, "neg", "t", 0, 10).has_value());
  EXPECT_FALSE(integer_at(object, "frac", "t").has_value());
  EXPECT_FALSE(*integer_at(object, "missing", "t"));
}

}  // namespace
}  // namespace json_fields_test
}  // namespace triagebot::adapters::common::fields
