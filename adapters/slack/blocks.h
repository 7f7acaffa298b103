// Block Kit layouts for the interview's replies (PLATFORMS.md §2.4): the question and
// its buttons, the assessment, and a pressed question with its answer. Pure JSON
// building, kept apart from the API calls in outbound.h so the layout can be read and
// tested on its own. Safe from any thread.
//
// Slack rejects a whole message (invalid_blocks) when any limit below is exceeded,
// which would lose the reply; so every limit is enforced here by splitting, never by
// dropping content: long text becomes several sections, many buttons several actions
// blocks, and more than 50 blocks several messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/reply.h"

namespace triagebot::adapters::slack {

inline constexpr std::size_t kMaxSectionChars = 3000;
inline constexpr std::size_t kMaxBlocksPerMessage = 50;
inline constexpr std::size_t kMaxButtonsPerActions = 25;
inline constexpr std::size_t kMaxButtonTextChars = 75;
inline constexpr std::size_t kMaxButtonValueChars = 2000;
inline constexpr std::size_t kMaxHeaderChars = 150;
// A context element's text; Slack's own limit is higher, this keeps the disclaimer's
// small print short enough to read as small print.
inline constexpr std::size_t kMaxContextChars = 2000;
// Slack truncates a message's `text` beyond this (§2.4).
inline constexpr std::size_t kMaxFallbackChars = 40000;

// One chat.postMessage worth: at most kMaxBlocksPerMessage blocks and the `text`
// fallback that notifications and screen readers show (escaped mrkdwn, never empty).
struct MessageLayout {
  nlohmann::json blocks = nlohmann::json::array();
  std::string fallback_text;
};

// A reply as one or more messages, in order:
//  - text: mrkdwn sections of at most kMaxSectionChars each;
//  - choices: buttons (value = choice id, action_id "choice_<n>", n counting from 0 over
//    the whole reply) in actions blocks of at most kMaxButtonsPerActions. A label over
//    kMaxButtonTextChars is shortened on its button and the full labels are listed in
//    the text. If any choice id is empty or over kMaxButtonValueChars, the choices
//    become a numbered list in the text instead (typed labels are understood too);
//  - assessment: a header with the triage level's emoji and word, then each paragraph
//    of the reply's text as its own section, the causes' names in bold, dividers
//    around the causes, and the last paragraph (the disclaimer) as small print.
// A reply with neither text nor choices gives no messages.
std::vector<MessageLayout> layout_reply(const dialogs::Reply& reply);

// A pressed question: its text, then "✅ You answered: <label>" as small print, and no
// buttons (for chat.update).
MessageLayout layout_answered(std::string_view question_text, std::string_view chosen_label);

// ":rotating_light: Emergency", ":large_orange_circle: Urgent",
// ":large_yellow_circle: Routine", ":large_green_circle: Self-care".
std::string triage_heading(dialogs::Triage triage);

// Escaped mrkdwn sections, each at most kMaxSectionChars characters.
std::vector<nlohmann::json> text_sections(std::string_view raw_text);

}  // namespace triagebot::adapters::slack
