#include "adapters/common/text_measure.h"

#include <gtest/gtest.h>

namespace triagebot::adapters::common {
namespace text_measure_test {
namespace {

TEST(Utf16Length, CountsAstralCodePointsTwice) {
  EXPECT_EQ(utf16_length(""), 0u);
  EXPECT_EQ(utf16_length("abc"), 3u);
  EXPECT_EQ(utf16_length("\xc3\xa9\xe2\x82\xac"), 2u);  // é €
  EXPECT_EQ(utf16_length("\xf0\x9f\x98\x80"), 2u);      // 😀, a surrogate pair
}

TEST(Utf16Length, BrokenInputStillAdvancesAndStaysInBounds) {
  EXPECT_EQ(utf16_length("\x80\x80"), 2u);  // stray continuation bytes count one each
  EXPECT_EQ(utf16_length("a\xf0"), 3u);     // truncated 4-byte lead at the end
}

TEST(Utf8Length, CountsCodePointsOfValidText) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), 3u);
  EXPECT_FALSE(utf8_length("\xc0\xaf"));      // overlong
  EXPECT_FALSE(utf8_length("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(utf8_length("\xe2\x82"));      // truncated
}

}  // namespace
}  // namespace text_measure_test
}  // namespace triagebot::adapters::common
