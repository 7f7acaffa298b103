#include "dialogs/previous_message.h"

#include <algorithm>
#include <array>

#include "dialogs/engine_state.h"

namespace triagebot::dialogs {
namespace {

// Appends `word` to single-spaced `words` (no temporary string per word).
void append_word(std::string& words, const std::string& word) {
  if (!words.empty()) words += ' ';
  words += word;
}

// Whole messages that answer a question and say nothing more.
bool bare_answer(const std::vector<safety::Clause>& clauses) {
  static constexpr std::array<std::string_view, 24> kAnswers = {
      "yes",         "yeah",        "yep",        "yup",       "y",       "no",
      "nope",        "nah",         "n",          "ok",        "okay",    "not sure",
      "unsure",      "dunno",       "idk",        "maybe",     "no idea", "dont know",
      "i dont know", "im not sure", "not really", "sometimes", "fine",    "thanks"};
  std::string whole;
  for (const auto& clause : clauses)
    for (const auto& word : clause) append_word(whole, word);
  return std::find(kAnswers.begin(), kAnswers.end(), whole) != kAnswers.end();
}

}  // namespace

std::string words_to_keep(const std::vector<safety::Clause>& clauses) {
  if (clauses.empty() || bare_answer(clauses)) return {};
  const safety::Clause& last = clauses.back();
  const size_t keep = std::min(last.size(), static_cast<size_t>(EngineState::kPreviousWords));
  std::string out;
  for (size_t i = last.size() - keep; i < last.size(); ++i) append_word(out, last[i]);
  return out;
}

std::string earlier_to_keep(std::string_view previous, std::string_view kept) {
  const auto count = [](std::string_view words) {
    return words.empty() ? 0 : 1 + std::count(words.begin(), words.end(), ' ');
  };
  const long room = EngineState::kPreviousWords - count(kept);
  if (room <= 0 || previous.empty()) return {};
  // Kept words are single-spaced (words_to_keep): drop whole words from the front.
  long drop = count(previous) - room;
  while (drop-- > 0) {
    const auto space = previous.find(' ');
    if (space == std::string_view::npos) return {};
    previous.remove_prefix(space + 1);
  }
  return std::string(previous);
}

bool sent_close_together(std::optional<std::int64_t> previous_at, std::int64_t now) {
  if (!previous_at) return false;
  // Differences computed without overflow for any stored value.
  const std::int64_t bound = EngineState::kPreviousWithinSeconds;
  return now >= *previous_at ? now - bound <= *previous_at : *previous_at - bound <= now;
}

safety::Clause clause_of_kept(std::string_view kept) {
  // Cut as the screen cuts any text: a damaged stored value is read as plain words.
  safety::Clause out;
  for (const auto& clause : safety::clauses_of(kept))
    out.insert(out.end(), clause.begin(), clause.end());
  if (out.size() > static_cast<size_t>(EngineState::kPreviousWords))
    out.erase(out.begin(), out.end() - EngineState::kPreviousWords);
  return out;
}

KeptWords kept_words(std::string_view kept) {
  KeptWords out{{}, clause_of_kept(kept)};
  for (const auto& word : out.clause) append_word(out.words, word);
  // The clause's words are lower-case letters and digits, none of them "but", at most
  // kPreviousWords: cut again, single-spaced, they come back as they are, one clause,
  // except where "not" follows "can" or "could" (clauses_of merges those, and two
  // clauses of a stored value may have put them side by side).
  for (size_t i = 0; i + 1 < out.clause.size(); ++i) {
    if (out.clause[i + 1] == "not" && (out.clause[i] == "can" || out.clause[i] == "could")) {
      out.clause = clause_of_kept(out.words);
      break;
    }
  }
  return out;
}

}  // namespace triagebot::dialogs
