#include "dialogs/session.h"

#include <string>
#include <string_view>
#include <utility>

#include "dialogs/json_text.h"

namespace triagebot::dialogs {

using nlohmann::json;

Session without_engine_state(const Session& session) {
  Session out;
  out.status = session.status;
  out.triage = session.triage;
  out.red_flags = session.red_flags;
  return out;
}

json session_to_json(const Session& session) {
  json out = {{"schema_version", Session::kSchemaVersion},
              {"status", session.status == SessionStatus::active ? "active" : "completed"},
              {"red_flags", session.red_flags},
              {"engine_state", state_to_json(session.engine_state)}};
  out["triage"] = session.triage ? json(std::string(to_string(*session.triage))) : json(nullptr);
  return out;
}

std::string session_to_text(const Session& session) {
  // The members in key order, as session_to_json's object (a std::map) holds them.
  std::string out = "{\"engine_state\":";
  append_state_text(out, session.engine_state);
  out += ",\"red_flags\":";
  append_json_strings(out, session.red_flags);
  out += ",\"schema_version\":" + std::to_string(Session::kSchemaVersion);
  out += session.status == SessionStatus::active ? ",\"status\":\"active\""
                                                 : ",\"status\":\"completed\"";
  out += ",\"triage\":";
  if (session.triage) {
    append_json_string(out, to_string(*session.triage));
  } else {
    out += "null";
  }
  out += '}';
  return out;
}

namespace {

// session_from_json's checks.
Result<Session> read_session(const json& in) {
  if (!in.is_object()) return make_error(ErrorCode::bad_session, "session: must be an object");
  auto version = in.find("schema_version");
  if (version == in.end() || !version->is_number_integer()) {
    return make_error(ErrorCode::bad_session, "session: missing schema_version");
  }
  if (version->get<long long>() != Session::kSchemaVersion) {
    return make_error(ErrorCode::unsupported_session_version,
                      "session: schema_version " + std::to_string(version->get<long long>()) +
                          " is not supported (this build reads " +
                          std::to_string(Session::kSchemaVersion) + ")");
  }
  Session out;
  auto status = in.find("status");
  if (status == in.end() || !status->is_string())
    return make_error(ErrorCode::bad_session, "session: missing status");
  if (*status == "active")
    out.status = SessionStatus::active;
  else if (*status == "completed")
    out.status = SessionStatus::completed;
  else
    return make_error(ErrorCode::bad_session, "session: unknown status");
  if (auto t = in.find("triage"); t != in.end() && !t->is_null()) {
    if (!t->is_string() || !triage_from_string(t->get<std::string>()))
      return make_error(ErrorCode::bad_session, "session: bad triage");
    out.triage = triage_from_string(t->get<std::string>());
  }
  if (auto flags = in.find("red_flags"); flags != in.end()) {
    if (!flags->is_array())
      return make_error(ErrorCode::bad_session, "session: red_flags must be an array");
    for (const auto& f : *flags) {
      if (!f.is_string())
        return make_error(ErrorCode::bad_session, "session: red_flags must hold strings");
      out.red_flags.push_back(f.get<std::string>());
    }
  }
  if (auto state = in.find("engine_state"); state != in.end()) {
    if (!state->is_object())
      return make_error(ErrorCode::bad_session, "session: engine_state must be an object");
    out.engine_state = state_from_json(*state);
  }
  return out;
}

}  // namespace

Result<Session> session_from_json(const json& in) { return read_session(in); }

// The typed state copies what it keeps of the tree (short strings, mostly held in place
// by their own small-string room), so taking the tree over would save little.
Result<Session> session_from_json(json&& in) { return read_session(in); }

}  // namespace triagebot::dialogs
