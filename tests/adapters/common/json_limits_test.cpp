#include "adapters/common/json_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace triagebot::adapters::common {
namespace json_limits_test {
namespace {

TEST(JsonNestingDepth, CountsArraysAndObjects) {
  EXPECT_EQ(json_nesting_depth("1"), 0u);
  EXPECT_EQ(json_nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(json_nesting_depth(std::string(100000, '[') + std::string(100000, ']')), 100000u);
}

TEST(JsonNestingDepth, IgnoresBracketsInStrings) {
  EXPECT_EQ(json_nesting_depth(R"({"a":"[[[[{{{{","b":[1,{"c":2}]})"), 3u);
  EXPECT_EQ(json_nesting_depth(R"({"a":"\"[[["})"), 1u);
}

TEST(JsonNestingDepth, StrayClosersNeverUnderflow) {
  EXPECT_EQ(json_nesting_depth("]]]}}}[{"), 2u);
  EXPECT_EQ(json_nesting_depth("\"unterminated \\"), 0u);
}

}  // namespace
}  // namespace json_limits_test
}  // namespace triagebot::adapters::common
