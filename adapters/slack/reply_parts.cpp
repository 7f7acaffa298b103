#include "adapters/slack/reply_parts.h"

#include <algorithm>
#include <cstddef>
#include <string>

#include "adapters/slack/blocks.h"
#include "adapters/slack/mrkdwn.h"

namespace triagebot::adapters::slack {
namespace {

// The text as pieces that each fill at most one section: its paragraphs, and the
// pieces of any paragraph too long for one.
std::vector<std::string> text_units(const std::string& text) {
  std::vector<std::string> units;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find("\n\n", from);
    if (end == std::string::npos) end = text.size();
    // Room for the bold markers an assessment adds to cause names.
    for (const std::string& piece :
         split_escaped(std::string_view(text).substr(from, end - from), kMaxSectionChars - 16)) {
      units.push_back(unescape_mrkdwn(piece));
    }
    from = end + 2;
  }
  return units;
}

bool fits_one_message(const dialogs::Reply& reply) {
  return plainly_fits_one_message(reply) || layout_reply(reply).size() <= 1;
}

}  // namespace

bool plainly_fits_one_message(const dialogs::Reply& reply) {
  if (reply.assessment) return false;
  // Bytes bound characters from above, in code points and in UTF-16 units alike.
  std::size_t escaped_bytes = reply.text.size();
  for (char c : reply.text) {
    if (c == '&') escaped_bytes += 4;              // &amp;
    if (c == '<' || c == '>') escaped_bytes += 3;  // &lt; &gt;
  }
  if (escaped_bytes > kMaxSectionChars) return false;
  if (reply.choices.size() > kMaxButtonsPerActions * (kMaxBlocksPerMessage - 1)) return false;
  // Buttons that carry their own ids and labels; otherwise the layout writes the
  // choices into the text, which this bound does not count.
  return std::all_of(reply.choices.begin(), reply.choices.end(), [](const dialogs::Choice& c) {
    return !c.id.empty() && c.id.size() <= kMaxButtonValueChars &&
           c.label.size() <= kMaxButtonTextChars;
  });
}

std::vector<dialogs::Reply> split_reply(const dialogs::Reply& reply) {
  if (reply.text.empty() && reply.choices.empty()) return {};
  if (fits_one_message(reply)) return {reply};
  // Greedy: grow the current part one unit at a time and start a new part when the
  // next unit would spill into a second message. A single unit always fits.
  std::vector<dialogs::Reply> parts;
  dialogs::Reply current{{}, {}, reply.assessment};
  auto start_new_part = [&] {
    parts.push_back(std::move(current));
    current = dialogs::Reply{};
  };
  for (const std::string& unit : text_units(reply.text)) {
    dialogs::Reply candidate = current;
    candidate.text += (candidate.text.empty() ? "" : "\n\n") + unit;
    if (!current.text.empty() && !fits_one_message(candidate)) {
      start_new_part();
      candidate = dialogs::Reply{unit, {}, std::nullopt};
    }
    current = std::move(candidate);
  }
  // Choices go in by whole actions blocks, as many as still fit, found by bisection:
  // a few layouts per part rather than one per button.
  const auto& choices = reply.choices;
  const auto with_choices = [&](std::size_t from, std::size_t count) {
    dialogs::Reply candidate = current;
    const std::size_t to = std::min(choices.size(), from + count);
    candidate.choices.insert(candidate.choices.end(),
                             choices.begin() + static_cast<std::ptrdiff_t>(from),
                             choices.begin() + static_cast<std::ptrdiff_t>(to));
    return candidate;
  };
  for (std::size_t next = 0; next < choices.size();) {
    const std::size_t blocks_left =
        (choices.size() - next + kMaxButtonsPerActions - 1) / kMaxButtonsPerActions;
    std::size_t fitting = 0;  // whole actions blocks known to fit
    for (std::size_t too_many = blocks_left + 1; too_many - fitting > 1;) {
      const std::size_t middle = fitting + (too_many - fitting) / 2;
      if (fits_one_message(with_choices(next, middle * kMaxButtonsPerActions))) {
        fitting = middle;
      } else {
        too_many = middle;
      }
    }
    // An empty part always takes one block: a prompt and 25 buttons fit any message.
    const bool empty = current.text.empty() && current.choices.empty();
    if (fitting == 0 && empty) fitting = 1;
    if (fitting > 0) {
      current = with_choices(next, fitting * kMaxButtonsPerActions);
      next = std::min(choices.size(), next + fitting * kMaxButtonsPerActions);
    }
    if (next < choices.size()) start_new_part();
  }
  if (!current.text.empty() || !current.choices.empty()) parts.push_back(std::move(current));
  return parts;
}

}  // namespace triagebot::adapters::slack
