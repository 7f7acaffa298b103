#include <gtest/gtest.h>

#include "adapters/slack/form.h"
#include "adapters/slack/mrkdwn.h"

namespace triagebot::adapters::slack {
namespace text_test {
namespace {

TEST(SlackMrkdwn, EscapesTheThreeControlCharacters) {
  EXPECT_EQ(escape_mrkdwn("a & b < c > d *e*"), "a &amp; b &lt; c &gt; d *e*");
  EXPECT_EQ(unescape_mrkdwn("a &amp; b &lt; c &gt; d &quot;"), "a & b < c > d &quot;");
  EXPECT_EQ(unescape_mrkdwn("&amp;lt;"), "&lt;");
}

TEST(SlackMrkdwn, CountsCharactersInUtf16Units) {
  EXPECT_EQ(character_count("abc"), 3u);
  EXPECT_EQ(character_count("\u00e9t\u00e9"), 3u);  // é is two bytes, one character
  EXPECT_EQ(character_count("\U0001F9B5"), 2u);     // a leg emoji: a surrogate pair
}

TEST(SlackMrkdwn, SplitsAtParagraphsThenLinesThenSpaces) {
  EXPECT_EQ(split_escaped("first part\n\nsecond part", 15),
            (std::vector<std::string>{"first part", "second part"}));
  EXPECT_EQ(split_escaped("one line\nanother line", 15),
            (std::vector<std::string>{"one line", "another line"}));
  EXPECT_EQ(split_escaped("some words here", 10), (std::vector<std::string>{"some words", "here"}));
  EXPECT_EQ(split_escaped("abcdefghij", 5), (std::vector<std::string>{"abcde", "fghij"}));
  EXPECT_TRUE(split_escaped("", 10).empty());
}

TEST(SlackMrkdwn, SplitsOnEscapedLengthWithoutCuttingAnEscape) {
  // Six '&' are 30 escaped characters: 12 fit two per piece.
  auto pieces = split_escaped("&&&&&&", 12);
  ASSERT_EQ(pieces.size(), 3u);
  for (const auto& piece : pieces) EXPECT_EQ(piece, "&amp;&amp;");
}

TEST(SlackMrkdwn, NeverCutsACodePoint) {
  auto pieces = split_escaped("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 5);
  EXPECT_EQ(pieces, (std::vector<std::string>{"\u00e9\u00e9\u00e9\u00e9\u00e9", "\u00e9"}));
}

TEST(SlackMrkdwn, TruncatesWithAnEllipsis) {
  EXPECT_EQ(truncate_chars("short", 5), "short");
  EXPECT_EQ(truncate_chars("longer", 5), "long\u2026");
  EXPECT_EQ(character_count(truncate_chars(std::string(100, 'x'), 75)), 75u);
}

TEST(SlackForm, DecodesPercentEscapesAndPlus) {
  EXPECT_EQ(form_decode("a+b%20c%2Bd%7B%7d"), "a b c+d{}");
  EXPECT_EQ(form_decode("caf%C3%A9"), "caf\u00e9");
  EXPECT_EQ(form_decode(""), "");
}

TEST(SlackForm, RefusesBrokenEscapes) {
  EXPECT_EQ(form_decode("100%"), std::nullopt);
  EXPECT_EQ(form_decode("%4"), std::nullopt);
  EXPECT_EQ(form_decode("%zz"), std::nullopt);
}

TEST(SlackForm, FindsTheNamedField) {
  EXPECT_EQ(form_field("a=1&payload=%7B%7D&b=2", "payload"), "{}");
  EXPECT_EQ(form_field("payload=first&payload=second", "payload"), "first");
  EXPECT_EQ(form_field("payload", "payload"), "");
  EXPECT_EQ(form_field("a=1&b=2", "payload"), std::nullopt);
  EXPECT_EQ(form_field("payload=%G0", "payload"), std::nullopt);
}

}  // namespace
}  // namespace text_test
}  // namespace triagebot::adapters::slack
