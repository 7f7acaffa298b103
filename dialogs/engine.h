// The interview engine: the functional core of triagebot (DESIGN.md "The dialog core").
//
// `step` is pure: it reads only its arguments (the knowledge base by const reference,
// the time as a value), performs no I/O, reads no clock, environment or global, and
// writes no logs. It is cheap (microseconds), which is why the storage writer runs it
// inside its batch transaction. Safe to call from any thread; Knowledge is immutable.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge.h"
#include "dialogs/language_tools.h"
#include "dialogs/reply.h"
#include "dialogs/result.h"
#include "dialogs/session.h"

namespace triagebot::dialogs {

// What the person did this turn. Commands (/start, /restart, /help, /forget) arrive
// as text; a button press arrives as a choice id; both forms of an answer are equal.
struct Input {
  enum class Kind { text, choice };
  Kind kind = Kind::text;
  std::string text;       // Kind::text
  std::string choice_id;  // Kind::choice

  static Input typed(std::string text) { return Input{Kind::text, std::move(text), {}}; }
  static Input pressed(std::string id) { return Input{Kind::choice, {}, std::move(id)}; }
};

// Something the shell must do that the core cannot (it has no storage).
enum class Intent { none, forget };

struct Turn {
  Session next;
  std::vector<Reply> replies;
  std::optional<Assessment> assessment;  // set on the turn that concludes (or interrupts)
  Intent intent = Intent::none;
  // Safety categories (dialogs/safety_screen.h wire names) this turn answered: the shell
  // stores them as the conversation's `safety` events and counts them.
  std::vector<std::string> safety;
};

struct EngineOptions {
  std::string emergency_number = "911";  // TRIAGEBOT_EMERGENCY_NUMBER
  // Language services (nlp/), owned by the shell for the process's lifetime. Null means
  // "not available": the engine then reads text without spelling correction and without
  // telling languages apart, which only tests of the engine's own logic should rely on.
  const SpellChecker* spelling = nullptr;
  const LanguageIdentifier* languages = nullptr;
  // TRIAGEBOT_CRISIS_LINE: named when a message speaks of suicide or self-harm. The
  // default is the US 988 Suicide & Crisis Lifeline, matching the 911 default above.
  std::string crisis_line = "988";
};

Turn step(const Knowledge& knowledge, const EngineOptions& options, const Session& session,
          const Input& input, std::chrono::system_clock::time_point now);

}  // namespace triagebot::dialogs
