// What the interview says: replies, choices (buttons) and the assessment. These are
// the shapes of API.md ("Shapes") and the only dialogs types adapters may see.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace triagebot::dialogs {

// Most to least urgent (brief §1). Wire names are the enum names.
enum class Triage { emergency, urgent, routine, self_care };

std::string_view to_string(Triage triage);
std::optional<Triage> triage_from_string(std::string_view name);

// A button. `id` is short ASCII (Telegram callback_data is at most 64 bytes).
struct Choice {
  std::string id;
  std::string label;
};

struct CauseScore {
  std::string id;                // canonical cause id (brief §2)
  std::string name;              // plain-language name
  double score = 0;              // 0..1, for review only; the scores sum to at most 1
  std::vector<std::string> why;  // what the person said that fits it (quoted when known)
  // What the person is shown instead of the score (issue 10 §7): "most_likely",
  // "possible", "less_likely" or "to_rule_out" (a cause of a fired red flag), and its words.
  // (Brace-initialised so designated initialisers that omit them stay warning-free.)
  std::string likelihood{};
  std::string likelihood_text{};
};

struct Assessment {
  Triage triage = Triage::routine;
  // At most 5: the causes of fired red flags first, then by score.
  std::vector<CauseScore> causes;
  std::vector<std::string> red_flags;  // red-flag ids (brief §3)
};

// One message from the bot. When `assessment` is set, `text` is its full plain-text
// rendering (what a platform without cards shows) and the card data rides along.
struct Reply {
  std::string text;
  std::vector<Choice> choices;
  std::optional<Assessment> assessment;
};

// JSON as in API.md: Assessment = {"triage","causes":[{"id","name","score","why",
// "likelihood","likelihood_text"}],"red_flags"}.
void to_json(nlohmann::json& out, const Choice& choice);
void to_json(nlohmann::json& out, const CauseScore& cause);
void to_json(nlohmann::json& out, const Assessment& assessment);
// Reply -> {"text", "choices"?, "assessment"?} (no "from"/"at": the store adds those).
void to_json(nlohmann::json& out, const Reply& reply);

// The same JSON as text, byte for byte what `nlohmann::json(x).dump()` gives, written
// without the tree (dialogs/json_text.h): a turn's replies are written as the outbox
// payload and the transcript rows of every message.
void append_json(std::string& out, const std::vector<Choice>& choices);
void append_json(std::string& out, const Assessment& assessment);
void append_json(std::string& out, const Reply& reply);

// Tolerant readers for JSON written by to_json (used when replaying stored rows).
std::optional<Reply> reply_from_json(const nlohmann::json& in);
std::optional<Assessment> assessment_from_json(const nlohmann::json& in);

}  // namespace triagebot::dialogs
