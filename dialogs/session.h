// The state of one person's interview: a plain value that serialises to and from JSON
// (storage persists it as text) and carries a schema version.
// OWNED BY THE DIALOGS WORK: fields below are the contract the shell relies on;
// everything else inside is the engine's business.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine_state.h"
#include "dialogs/reply.h"
#include "dialogs/result.h"

namespace triagebot::dialogs {

enum class SessionStatus { active, completed };

struct Session {
  static constexpr int kSchemaVersion = 1;

  SessionStatus status = SessionStatus::active;
  std::optional<Triage> triage;        // set once an assessment was given
  std::vector<std::string> red_flags;  // red-flag ids recorded (never removed)
  // The engine's private state, typed (dialogs/engine_state.h). Stored as the JSON
  // object state_to_json writes: a new session's is {}.
  EngineState engine_state;
};

// Every field of `session` but the engine state (left empty), for a step that replaces
// it: copying the old state first would be work thrown away. A field added to Session is
// added here too.
Session without_engine_state(const Session& session);

// The stored form. The engine state is the member "engine_state", as state_to_json
// writes it; session_from_json reads it with state_from_json (members it does not know
// are dropped, members of another type read as their defaults).
nlohmann::json session_to_json(const Session& session);
// session_to_json(session).dump(), byte for byte, written straight from the typed session
// without a tree (dialogs/json_text.h): this is the text storage keeps, made once per turn.
std::string session_to_text(const Session& session);
Result<Session> session_from_json(const nlohmann::json& json);
// The same, for a tree the caller gives up (a stored session just parsed is read once).
Result<Session> session_from_json(nlohmann::json&& json);
// A stored session's text read straight into a Session, without building its tree
// (dialogs/session_text.cpp): what read_json (dialogs/json_reader.h) and then
// session_from_json give, error for error; a text read_json refuses is a bad_session
// "session: not JSON".
Result<Session> session_from_text(std::string_view text);

}  // namespace triagebot::dialogs
