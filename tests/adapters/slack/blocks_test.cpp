#include "adapters/slack/blocks.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/slack/mrkdwn.h"

namespace triagebot::adapters::slack {
namespace blocks_test {
namespace {

using nlohmann::json;

std::vector<dialogs::Choice> numbered_choices(std::size_t count) {
  std::vector<dialogs::Choice> choices;
  for (std::size_t i = 0; i < count; ++i) {
    choices.push_back({"c" + std::to_string(i), "Choice " + std::to_string(i)});
  }
  return choices;
}

// The assessment text as dialogs/render.cpp words it: heading, triage and advice,
// causes with reasons, safety net, disclaimer, one paragraph each.
dialogs::Reply assessment_reply() {
  dialogs::Assessment assessment;
  assessment.triage = dialogs::Triage::urgent;
  assessment.causes = {
      {"sciatica", "Sciatica", 0.6, {"the numbness runs down the back of your leg"}},
      {"pad", "Poor circulation", 0.2, {}}};
  std::string text =
      "Thank you. Here is what I make of it.\n\n"
      "How urgent: urgent.\nSee a doctor today.\n\n"
      "Things that could fit what you described (only a clinician who examines you can say "
      "what it is):\n"
      "1. Sciatica (60%): a pinched nerve in the back.\n"
      "   Why it could fit: you said the numbness runs down the back of your leg.\n"
      "2. Poor circulation (20%): narrowed arteries.\n"
      "   Why it could fit: it is a common cause of the pattern you described.\n\n"
      "Call 911 at once if your face droops or the leg turns cold & pale.\n\n"
      "This is information, not a diagnosis.";
  return dialogs::Reply{text, {}, assessment};
}

std::size_t count_blocks(const json& blocks, std::string_view type) {
  std::size_t count = 0;
  for (const auto& block : blocks) count += block["type"] == type ? 1 : 0;
  return count;
}

TEST(SlackBlocks, QuestionIsASectionAndButtons) {
  auto messages = layout_reply(dialogs::Reply{
      "Does it run down the back of your leg?", {{"yes", "Yes"}, {"no", "No"}}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].fallback_text, "Does it run down the back of your leg?");
  EXPECT_EQ(messages[0].blocks, json::parse(R"([
    {"type": "section", "text": {"type": "mrkdwn", "text": "Does it run down the back of your leg?"}},
    {"type": "actions", "elements": [
      {"type": "button", "action_id": "choice_0", "value": "yes",
       "text": {"type": "plain_text", "text": "Yes", "emoji": true}},
      {"type": "button", "action_id": "choice_1", "value": "no",
       "text": {"type": "plain_text", "text": "No", "emoji": true}}]}])"));
}

TEST(SlackBlocks, TextIsEscapedInBlocksAndFallback) {
  auto messages = layout_reply(dialogs::Reply{"Pain > 5 & <numb>?", {}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].fallback_text, "Pain &gt; 5 &amp; &lt;numb&gt;?");
  EXPECT_EQ(messages[0].blocks[0]["text"]["text"], "Pain &gt; 5 &amp; &lt;numb&gt;?");
}

TEST(SlackBlocks, ManyChoicesSplitIntoActionsBlocksOfTwentyFive) {
  auto messages = layout_reply(dialogs::Reply{"Where?", numbered_choices(60), std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  const json& blocks = messages[0].blocks;
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_EQ(blocks[1]["elements"].size(), 25u);
  EXPECT_EQ(blocks[2]["elements"].size(), 25u);
  EXPECT_EQ(blocks[3]["elements"].size(), 10u);
  EXPECT_EQ(blocks[3]["elements"][9]["action_id"], "choice_59");
  EXPECT_EQ(blocks[3]["elements"][9]["value"], "c59");
}

TEST(SlackBlocks, MoreThanFiftyBlocksBecomeSeveralMessages) {
  // 1300 buttons are 52 actions blocks, plus the question: 53 blocks.
  auto messages = layout_reply(dialogs::Reply{"Pick", numbered_choices(1300), std::nullopt});
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].blocks.size(), 50u);
  EXPECT_EQ(messages[1].blocks.size(), 3u);
  EXPECT_EQ(messages[0].fallback_text, "Pick");
  EXPECT_EQ(messages[1].fallback_text, "Please choose:");
  EXPECT_EQ(messages[1].blocks[2]["elements"].back()["action_id"], "choice_1299");
}

TEST(SlackBlocks, LongLabelsAreShortenedOnButtonsAndListedInFull) {
  const std::string long_label(80, 'x');
  auto messages =
      layout_reply(dialogs::Reply{"Which?", {{"a", long_label}, {"b", "Short"}}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  const json& button = messages[0].blocks[1]["elements"][0];
  EXPECT_EQ(button["text"]["text"], std::string(74, 'x') + "\u2026");
  EXPECT_EQ(button["value"], "a");
  EXPECT_EQ(messages[0].blocks[0]["text"]["text"], "Which?\n\n1. " + long_label + "\n2. Short");
}

TEST(SlackBlocks, UnusableChoiceIdsBecomeANumberedList) {
  auto messages = layout_reply(
      dialogs::Reply{"Pick", {{"", "First"}, {std::string(2001, 'x'), "Second"}}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(count_blocks(messages[0].blocks, "actions"), 0u);
  EXPECT_EQ(messages[0].fallback_text, "Pick\n\n1. First\n2. Second");
}

TEST(SlackBlocks, ChoicesWithoutTextStillHaveWords) {
  auto messages = layout_reply(dialogs::Reply{"", {{"yes", "Yes"}}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].fallback_text, "Please choose:");
  EXPECT_EQ(messages[0].blocks[0]["text"]["text"], "Please choose:");
}

TEST(SlackBlocks, EmptyReplyGivesNoMessage) { EXPECT_TRUE(layout_reply(dialogs::Reply{}).empty()); }

TEST(SlackBlocks, LongTextIsSplitIntoSectionsOfAtMost3000) {
  std::string text;
  for (int i = 0; i < 700; ++i) text += "numb leg ";  // 6300 characters
  auto messages = layout_reply(dialogs::Reply{text, {}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  ASSERT_EQ(messages[0].blocks.size(), 3u);
  std::string joined;
  for (const auto& block : messages[0].blocks) {
    const std::string part = block["text"]["text"];
    EXPECT_LE(character_count(part), kMaxSectionChars);
    joined += part + " ";
  }
  // Each cut dropped one space; the text's own trailing space stays in the last part.
  EXPECT_EQ(joined, text + " ");
}

TEST(SlackBlocks, AssessmentIsAReadableLayout) {
  auto messages = layout_reply(assessment_reply());
  ASSERT_EQ(messages.size(), 1u);
  const json expected = json::parse(R"([
    {"type": "header", "text": {"type": "plain_text", "text": ":large_orange_circle: Urgent", "emoji": true}},
    {"type": "section", "text": {"type": "mrkdwn", "text": "Thank you. Here is what I make of it."}},
    {"type": "section", "text": {"type": "mrkdwn", "text": "How urgent: urgent.\nSee a doctor today."}},
    {"type": "divider"},
    {"type": "section", "text": {"type": "mrkdwn", "text": "Things that could fit what you described (only a clinician who examines you can say what it is):\n1. *Sciatica* (60%): a pinched nerve in the back.\n   Why it could fit: you said the numbness runs down the back of your leg.\n2. *Poor circulation* (20%): narrowed arteries.\n   Why it could fit: it is a common cause of the pattern you described."}},
    {"type": "divider"},
    {"type": "section", "text": {"type": "mrkdwn", "text": "Call 911 at once if your face droops or the leg turns cold &amp; pale."}},
    {"type": "divider"},
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "This is information, not a diagnosis."}]}
  ])");
  EXPECT_EQ(messages[0].blocks, expected);
  EXPECT_TRUE(messages[0].fallback_text.starts_with(
      ":large_orange_circle: Urgent\n\nThank you. Here is what I make of it.\n\nHow urgent"))
      << messages[0].fallback_text;
}

TEST(SlackBlocks, EveryTriageLevelHasAnEmojiAndAWord) {
  EXPECT_EQ(triage_heading(dialogs::Triage::emergency), ":rotating_light: Emergency");
  EXPECT_EQ(triage_heading(dialogs::Triage::urgent), ":large_orange_circle: Urgent");
  EXPECT_EQ(triage_heading(dialogs::Triage::routine), ":large_yellow_circle: Routine");
  EXPECT_EQ(triage_heading(dialogs::Triage::self_care), ":large_green_circle: Self-care");
}

TEST(SlackBlocks, LongAssessmentRespectsSectionAndBlockLimits) {
  dialogs::Reply reply = assessment_reply();
  // An 8,100-character paragraph and 60 more short ones: sections split, messages split.
  std::string huge;
  for (int i = 0; i < 900; ++i) huge += "Sciatica ";
  std::string text = "Heading\n\n" + huge;
  for (int i = 0; i < 60; ++i) text += "\n\nParagraph " + std::to_string(i);
  text += "\n\nThis is information, not a diagnosis.";
  reply.text = text;
  auto messages = layout_reply(reply);
  ASSERT_EQ(messages.size(), 2u);
  std::size_t sections = 0;
  for (const auto& message : messages) {
    EXPECT_LE(message.blocks.size(), kMaxBlocksPerMessage);
    EXPECT_FALSE(message.fallback_text.empty());
    for (const auto& block : message.blocks) {
      if (block["type"] != "section") continue;
      ++sections;
      EXPECT_LE(character_count(block["text"]["text"].get<std::string>()), kMaxSectionChars);
    }
  }
  // Heading, three pieces of the huge paragraph, 60 paragraphs.
  EXPECT_EQ(sections, 64u);
  EXPECT_EQ(messages[0].blocks[0]["type"], "header");
  EXPECT_EQ(messages[1].blocks.back()["type"], "context");
}

TEST(SlackBlocks, FallbackIsCappedAtSlacksLimit) {
  std::string text;
  for (int i = 0; i < 20; ++i) text += std::string(2900, 'a') + "&\n\n";
  auto messages = layout_reply(dialogs::Reply{text, {}, std::nullopt});
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].blocks.size(), 20u);
  // Cut at the last paragraph break that fits, so no escape is split.
  const std::string& fallback = messages[0].fallback_text;
  EXPECT_EQ(character_count(fallback), 13 * (2900 + 5) + 12 * 2 + 1);
  EXPECT_TRUE(fallback.ends_with("a&amp;\u2026"));
}

TEST(SlackBlocks, AnsweredQuestionHasNoButtons) {
  MessageLayout message = layout_answered("Is it worse at night?", "Not <sure>");
  EXPECT_EQ(message.blocks, json::parse(R"([
    {"type": "section", "text": {"type": "mrkdwn", "text": "Is it worse at night?"}},
    {"type": "context", "elements": [{"type": "mrkdwn", "text": ":white_check_mark: You answered: *Not &lt;sure&gt;*"}]}
  ])"));
  EXPECT_EQ(message.fallback_text,
            "Is it worse at night?\n\n:white_check_mark: You answered: *Not &lt;sure&gt;*");
}

}  // namespace
}  // namespace blocks_test
}  // namespace triagebot::adapters::slack
