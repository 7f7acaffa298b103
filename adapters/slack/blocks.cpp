#include "adapters/slack/blocks.h"

#include <algorithm>

#include "adapters/slack/mrkdwn.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

// A block and what it contributes to its message's fallback text (escaped mrkdwn;
// empty for dividers and buttons).
struct Piece {
  json block;
  std::string fallback;
};

json section_block(std::string escaped) {
  return json{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::move(escaped)}}}};
}

json context_block(std::string escaped) {
  return json{{"type", "context"},
              {"elements", json::array({{{"type", "mrkdwn"}, {"text", std::move(escaped)}}})}};
}

json plain_text(std::string text) {
  return json{{"type", "plain_text"}, {"text", std::move(text)}, {"emoji", true}};
}

void add_divider(std::vector<Piece>& pieces) {
  if (pieces.empty() || pieces.back().block["type"] == "divider") return;
  pieces.push_back({json{{"type", "divider"}}, {}});
}

void add_sections(std::vector<Piece>& pieces, std::string_view raw) {
  for (json& section : text_sections(raw)) {
    std::string fallback = section["text"]["text"].get<std::string>();
    pieces.push_back({std::move(section), std::move(fallback)});
  }
}

bool ids_fit_buttons(const std::vector<dialogs::Choice>& choices) {
  return std::all_of(choices.begin(), choices.end(), [](const dialogs::Choice& choice) {
    return !choice.id.empty() && character_count(choice.id) <= kMaxButtonValueChars;
  });
}

bool labels_fit_buttons(const std::vector<dialogs::Choice>& choices) {
  return std::all_of(choices.begin(), choices.end(), [](const dialogs::Choice& choice) {
    return character_count(choice.label) <= kMaxButtonTextChars;
  });
}

const std::string& label_of(const dialogs::Choice& choice) {
  return choice.label.empty() ? choice.id : choice.label;
}

std::string with_numbered_choices(std::string text, const std::vector<dialogs::Choice>& choices) {
  if (!text.empty()) text += "\n\n";
  for (std::size_t i = 0; i < choices.size(); ++i) {
    text += std::to_string(i + 1) + ". " + label_of(choices[i]);
    if (i + 1 < choices.size()) text += "\n";
  }
  return text;
}

void add_buttons(std::vector<Piece>& pieces, const std::vector<dialogs::Choice>& choices) {
  for (std::size_t first = 0; first < choices.size(); first += kMaxButtonsPerActions) {
    json elements = json::array();
    const std::size_t end = std::min(choices.size(), first + kMaxButtonsPerActions);
    for (std::size_t i = first; i < end; ++i) {
      elements.push_back(
          {{"type", "button"},
           {"action_id", "choice_" + std::to_string(i)},
           {"text", plain_text(truncate_chars(label_of(choices[i]), kMaxButtonTextChars))},
           {"value", choices[i].id}});
    }
    pieces.push_back({json{{"type", "actions"}, {"elements", std::move(elements)}}, {}});
  }
}

std::vector<std::string> paragraphs_of(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t end = text.find("\n\n");
    std::string_view paragraph = text.substr(0, end);
    while (!paragraph.empty() && paragraph.front() == '\n') paragraph.remove_prefix(1);
    if (!paragraph.empty()) out.emplace_back(paragraph);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
  }
  return out;
}

bool names_a_cause(std::string_view paragraph, const dialogs::Assessment& assessment) {
  return std::any_of(
      assessment.causes.begin(), assessment.causes.end(), [&](const dialogs::CauseScore& cause) {
        return !cause.name.empty() && paragraph.find(cause.name) != std::string::npos;
      });
}

// Each cause's name in bold where it first appears. The reasons and wording stay the
// engine's own: the knowledge base words them (and their caveats) for the person.
std::string bold_cause_names(std::string escaped, const dialogs::Assessment& assessment) {
  for (const auto& cause : assessment.causes) {
    if (cause.name.empty() || cause.name.find('*') != std::string::npos) continue;
    const std::string name = escape_mrkdwn(cause.name);
    const std::size_t at = escaped.find(name);
    if (at == std::string::npos) continue;
    // Built afresh rather than with insert(): GCC 12 warns falsely (-Wrestrict) there.
    std::string bolded;
    bolded.reserve(escaped.size() + 2);
    bolded.append(escaped, 0, at);
    bolded += '*';
    bolded += name;
    bolded += '*';
    bolded.append(escaped, at + name.size());
    escaped = std::move(bolded);
  }
  return escaped;
}

void add_assessment(std::vector<Piece>& pieces, std::string_view text,
                    const dialogs::Assessment& assessment) {
  const std::string heading = triage_heading(assessment.triage);
  pieces.push_back(
      {json{{"type", "header"}, {"text", plain_text(heading)}}, escape_mrkdwn(heading)});
  const auto paragraphs = paragraphs_of(text);
  // Bold markers take two characters per cause; the sections leave room for them.
  const std::size_t section_budget = kMaxSectionChars - 2 * assessment.causes.size();
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& paragraph = paragraphs[i];
    const bool small_print = i + 1 == paragraphs.size() && paragraphs.size() > 1 &&
                             character_count(escape_mrkdwn(paragraph)) <= kMaxContextChars;
    const bool causes = names_a_cause(paragraph, assessment);
    if (causes || small_print) add_divider(pieces);
    if (small_print) {
      std::string escaped = escape_mrkdwn(paragraph);
      pieces.push_back({context_block(escaped), escaped});
      continue;
    }
    for (std::string& piece : split_escaped(paragraph, section_budget)) {
      if (causes) piece = bold_cause_names(std::move(piece), assessment);
      pieces.push_back({section_block(piece), piece});
    }
    if (causes) add_divider(pieces);
  }
}

std::string capped_fallback(const std::string& escaped) {
  if (character_count(escaped) <= kMaxFallbackChars) return escaped;
  // Cut on the raw text so no escape is split.
  return split_escaped(unescape_mrkdwn(escaped), kMaxFallbackChars - 1).front() + "\u2026";
}

std::vector<MessageLayout> into_messages(std::vector<Piece> pieces) {
  std::vector<MessageLayout> messages;
  for (std::size_t first = 0; first < pieces.size(); first += kMaxBlocksPerMessage) {
    MessageLayout message;
    std::string fallback;
    const std::size_t end = std::min(pieces.size(), first + kMaxBlocksPerMessage);
    for (std::size_t i = first; i < end; ++i) {
      message.blocks.push_back(std::move(pieces[i].block));
      if (pieces[i].fallback.empty()) continue;
      if (!fallback.empty()) fallback += "\n\n";
      fallback += pieces[i].fallback;
    }
    // A message of buttons alone still needs words for notifications.
    message.fallback_text =
        fallback.empty() ? std::string("Please choose:") : capped_fallback(fallback);
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace

std::string triage_heading(dialogs::Triage triage) {
  switch (triage) {
    case dialogs::Triage::emergency:
      return ":rotating_light: Emergency";
    case dialogs::Triage::urgent:
      return ":large_orange_circle: Urgent";
    case dialogs::Triage::routine:
      return ":large_yellow_circle: Routine";
    case dialogs::Triage::self_care:
      return ":large_green_circle: Self-care";
  }
  return ":large_yellow_circle: Routine";
}

std::vector<json> text_sections(std::string_view raw_text) {
  std::vector<json> sections;
  for (std::string& piece : split_escaped(raw_text, kMaxSectionChars)) {
    sections.push_back(section_block(std::move(piece)));
  }
  return sections;
}

std::vector<MessageLayout> layout_reply(const dialogs::Reply& reply) {
  if (reply.text.empty() && reply.choices.empty()) return {};
  std::string text = reply.text;
  const bool buttons = !reply.choices.empty() && ids_fit_buttons(reply.choices);
  // Without buttons the choices must be readable in the text; with shortened labels the
  // full wording must be there too.
  if (!reply.choices.empty() && (!buttons || !labels_fit_buttons(reply.choices))) {
    text = with_numbered_choices(std::move(text), reply.choices);
  }
  if (text.empty() && buttons) text = "Please choose:";
  std::vector<Piece> pieces;
  if (reply.assessment) {
    add_assessment(pieces, text, *reply.assessment);
  } else {
    add_sections(pieces, text);
  }
  if (buttons) add_buttons(pieces, reply.choices);
  return into_messages(std::move(pieces));
}

MessageLayout layout_answered(std::string_view question_text, std::string_view chosen_label) {
  std::vector<Piece> pieces;
  add_sections(pieces, question_text);
  const std::string answer =
      ":white_check_mark: You answered: *" + escape_mrkdwn(chosen_label) + "*";
  pieces.push_back({context_block(answer), answer});
  return into_messages(std::move(pieces)).front();
}

}  // namespace triagebot::adapters::slack
