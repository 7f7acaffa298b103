#include "adapters/slack/reply_parts.h"

#include <gtest/gtest.h>

#include "adapters/slack/blocks.h"

namespace triagebot::adapters::slack {
namespace reply_parts_test {
namespace {

std::vector<dialogs::Choice> numbered_choices(std::size_t count) {
  std::vector<dialogs::Choice> choices;
  for (std::size_t i = 0; i < count; ++i) {
    choices.push_back({"c" + std::to_string(i), "Choice " + std::to_string(i)});
  }
  return choices;
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

TEST(SlackReplyParts, AReplyThatFitsStaysWhole) {
  dialogs::Reply reply{"Which leg?", {{"left", "Left"}, {"right", "Right"}}, std::nullopt};
  auto parts = split_reply(reply);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].text, reply.text);
  EXPECT_EQ(parts[0].choices.size(), 2u);
}

// The shortcut may only ever say "one message" where the layout agrees: replies at and
// around each bound it reads (escaped length, button count, id and label sizes).
TEST(SlackReplyParts, PlainlyFitsOnlyWhatLaysOutAsOneMessage) {
  std::vector<dialogs::Reply> replies;
  for (std::size_t length : {0u, 1u, 599u, 600u, 601u, 2999u, 3000u, 3001u, 6000u}) {
    for (const std::string& filler : {std::string("a"), std::string("&"), std::string("<"),
                                      std::string("\u00e9"), std::string("\n\n")}) {
      std::string text;
      while (text.size() < length) text += filler;
      for (std::size_t buttons : {0u, 1u, 25u, 26u, 1225u, 1226u}) {
        replies.push_back({text, numbered_choices(buttons), std::nullopt});
      }
    }
  }
  replies.push_back({"Long label", {{"a", std::string(75, 'x')}}, std::nullopt});
  replies.push_back({"Too long label", {{"a", std::string(76, 'x')}}, std::nullopt});
  replies.push_back({"Long id", {{std::string(2000, 'i'), "A"}}, std::nullopt});
  replies.push_back({"Too long id", {{std::string(2001, 'i'), "A"}}, std::nullopt});
  replies.push_back({"No id", {{"", "A"}}, std::nullopt});
  std::size_t plainly = 0;
  for (const auto& reply : replies) {
    if (!plainly_fits_one_message(reply)) continue;
    ++plainly;
    EXPECT_LE(layout_reply(reply).size(), 1u)
        << reply.text.size() << " bytes, " << reply.choices.size() << " choices";
  }
  EXPECT_GT(plainly, replies.size() / 4);  // the shortcut is taken, not only refused
  dialogs::Assessment assessment;
  EXPECT_FALSE(plainly_fits_one_message({"Short", {}, assessment}));
}

TEST(SlackReplyParts, AnEmptyReplyHasNoParts) {
  EXPECT_TRUE(split_reply(dialogs::Reply{}).empty());
}

TEST(SlackReplyParts, ManyChoicesBecomePartsOfOneMessageEach) {
  const dialogs::Reply reply{"Pick", numbered_choices(1300), std::nullopt};
  auto parts = split_reply(reply);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].text, "Pick");
  std::vector<std::string> ids;
  for (const auto& part : parts) {
    EXPECT_EQ(layout_reply(part).size(), 1u);
    for (const auto& choice : part.choices) ids.push_back(choice.id);
  }
  ASSERT_EQ(ids.size(), 1300u);
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(ids[i], "c" + std::to_string(i));
  // The first part is full: its question and 49 actions blocks of 25.
  EXPECT_EQ(parts[0].choices.size(), 49u * 25u);
}

TEST(SlackReplyParts, LongAssessmentKeepsItsHeaderOnlyOnce) {
  dialogs::Assessment assessment;
  assessment.triage = dialogs::Triage::routine;
  assessment.causes = {{"sciatica", "Sciatica", 0.5, {}}};
  std::string huge;
  for (int i = 0; i < 900; ++i) huge += "Sciatica ";
  std::string text = "Heading\n\n" + huge;
  for (int i = 0; i < 60; ++i) text += "\n\nParagraph " + std::to_string(i);
  text += "\n\nThis is information, not a diagnosis.";
  auto parts = split_reply(dialogs::Reply{text, {}, assessment});
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[0].assessment.has_value());
  EXPECT_FALSE(parts[1].assessment.has_value());
  std::string joined;
  for (const auto& part : parts) {
    EXPECT_EQ(layout_reply(part).size(), 1u);
    joined += part.text + "\n\n";
  }
  EXPECT_EQ(occurrences(joined, "Paragraph "), 60u);
  EXPECT_EQ(occurrences(joined, "Sciatica"), 900u);
  EXPECT_TRUE(parts[1].text.ends_with("This is information, not a diagnosis."));
}

TEST(SlackReplyParts, AVeryLongPlainTextIsCutIntoMessages) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "numb leg ";  // 180,000 characters
  auto parts = split_reply(dialogs::Reply{text, {}, std::nullopt});
  ASSERT_EQ(parts.size(), 2u);
  std::size_t legs = 0;
  for (const auto& part : parts) {
    EXPECT_EQ(layout_reply(part).size(), 1u);
    legs += occurrences(part.text, "leg");
  }
  EXPECT_EQ(legs, 20000u);
}

}  // namespace
}  // namespace reply_parts_test
}  // namespace triagebot::adapters::slack
