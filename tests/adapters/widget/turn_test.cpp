#include "adapters/widget/turn.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace triagebot::adapters::widget {
namespace turn_test {
namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/adapters/widget/fixtures/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void expect_bad_request(std::string_view body) {
  auto result = parse_turn(body);
  ASSERT_FALSE(result.has_value()) << body;
  EXPECT_EQ(result.error().code, ErrorCode::bad_request);
  EXPECT_FALSE(result.error().message.empty());
}

TEST(WidgetTurn, ParsesTypedTextTrimmed) {
  auto input = parse_turn(fixture("turn_text.json"));
  ASSERT_TRUE(input.has_value()) << input.error().message;
  EXPECT_EQ(input->kind, dialogs::Input::Kind::text);
  EXPECT_EQ(input->text, "My left leg has been numb for 3 weeks");
}

TEST(WidgetTurn, ParsesChoice) {
  auto input = parse_turn(fixture("turn_choice.json"));
  ASSERT_TRUE(input.has_value()) << input.error().message;
  EXPECT_EQ(input->kind, dialogs::Input::Kind::choice);
  EXPECT_EQ(input->choice_id, "yes");
}

TEST(WidgetTurn, KeepsMarkupAsPlainText) {
  auto input = parse_turn(fixture("turn_markup.json"));
  ASSERT_TRUE(input.has_value());
  EXPECT_EQ(input->text, "<img src=x onerror=alert(1)>");
}

TEST(WidgetTurn, RejectsMalformedJson) { expect_bad_request(fixture("turn_malformed.json")); }

TEST(WidgetTurn, RejectsBothTextAndChoice) { expect_bad_request(fixture("turn_both.json")); }

TEST(WidgetTurn, RejectsNonObjectBodies) {
  expect_bad_request("");
  expect_bad_request("[]");
  expect_bad_request("\"hello\"");
  expect_bad_request("null");
}

TEST(WidgetTurn, RejectsEmptyObjectAndUnknownFields) {
  expect_bad_request("{}");
  expect_bad_request(R"({"message": "hi"})");
  expect_bad_request(R"({"text": "hi", "extra": 1})");
}

TEST(WidgetTurn, RejectsWrongTypes) {
  expect_bad_request(R"({"text": 42})");
  expect_bad_request(R"({"text": null})");
  expect_bad_request(R"({"choice": ["yes"]})");
}

TEST(WidgetTurn, RejectsBlankText) {
  expect_bad_request(R"({"text": ""})");
  expect_bad_request(R"({"text": "  \n\t "})");
}

TEST(WidgetTurn, AcceptsTwoThousandCodePointsOfMultibyteText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "\xc3\xa9";  // é: 2 bytes, 1 character
  auto input = parse_turn(R"({"text": ")" + text + R"("})");
  ASSERT_TRUE(input.has_value()) << input.error().message;
  EXPECT_EQ(input->text.size(), 4000u);
}

TEST(WidgetTurn, RejectsTextOverTwoThousandCodePoints) {
  expect_bad_request(R"({"text": ")" + std::string(2001, 'a') + R"("})");
}

TEST(WidgetTurn, RejectsInvalidUtf8) {
  expect_bad_request("{\"text\": \"\xff\xfe\"}");
  expect_bad_request("{\"text\": \"\xc3\"}");
  expect_bad_request(R"({"text": "\ud800"})");  // lone surrogate escape
}

TEST(WidgetTurn, RejectsNulInText) { expect_bad_request(R"({"text": "a\u0000b"})"); }

TEST(WidgetTurn, RejectsEmptyLongOrNonAsciiChoice) {
  expect_bad_request(R"({"choice": ""})");
  expect_bad_request(R"({"choice": ")" + std::string(65, 'x') + R"("})");
  expect_bad_request("{\"choice\": \"y\xc3\xa9s\"}");
  expect_bad_request(R"({"choice": "a\nb"})");
}

TEST(WidgetTurn, AcceptsSixtyFourByteChoice) {
  auto input = parse_turn(R"({"choice": ")" + std::string(64, 'x') + R"("})");
  ASSERT_TRUE(input.has_value());
  EXPECT_EQ(input->choice_id.size(), 64u);
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), 3u);  // é € 😀
  EXPECT_EQ(utf8_length(""), 0u);
}

TEST(Utf8Length, RejectsOverlongsSurrogatesAndTruncation) {
  EXPECT_FALSE(utf8_length("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(utf8_length("\xe0\x80\xaf"));      // overlong, 3 bytes
  EXPECT_FALSE(utf8_length("\xed\xa0\x80"));      // U+D800
  EXPECT_FALSE(utf8_length("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(utf8_length("\xe2\x82"));          // truncated
  EXPECT_FALSE(utf8_length("\x80"));              // stray continuation
}

}  // namespace
}  // namespace turn_test
}  // namespace triagebot::adapters::widget
