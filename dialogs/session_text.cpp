// session_from_text: a stored session's text read straight from simdjson's document into
// a Session, without the nlohmann tree that read_json then session_from_json build first.
// It must give what they give, error for error: each rule below says which of theirs it
// repeats (fuzz/stored_session_fuzzer.cpp holds the two paths to each other).
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialogs/json_parser.h"
#include "dialogs/session.h"

namespace triagebot::dialogs {
namespace session_text {
namespace {

using Element = simdjson::dom::element;
using Type = simdjson::dom::element_type;
using Object = simdjson::dom::object;

bool is_integer(Element e) { return e.type() == Type::INT64 || e.type() == Type::UINT64; }

// nlohmann's get<Int>() of an integer: a conversion of the value it holds (unsigned when
// not negative); the same value either way, as conversions to an integer type are modular.
template <class Int>
Int integer(Element e) {
  return e.type() == Type::INT64 ? static_cast<Int>(std::int64_t(e))
                                 : static_cast<Int>(std::uint64_t(e));
}

std::string string_of(Element e) { return std::string(std::string_view(e)); }

// state_from_json's readers: another type reads as the default.
bool flag(Element e) { return e.type() == Type::BOOL && bool(e); }
std::string text(Element e) { return e.type() == Type::STRING ? string_of(e) : std::string(); }
std::vector<std::string> strings(Element e) {
  std::vector<std::string> out;
  if (e.type() != Type::ARRAY) return out;
  for (Element item : simdjson::dom::array(e))
    if (item.type() == Type::STRING) out.push_back(string_of(item));
  return out;
}

// An object's members as the tree holds them: in key order, the last of a repeated key.
std::vector<std::pair<std::string_view, Element>> members_by_key(Object object) {
  std::vector<std::pair<std::string_view, Element>> out;
  for (auto [key, value] : object) out.emplace_back(key, value);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Of each run of one key, the last (in document order) stays.
  std::vector<std::pair<std::string_view, Element>> unique;
  unique.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    if (i + 1 == out.size() || out[i + 1].first != out[i].first) unique.push_back(out[i]);
  return unique;
}

// The engine state's members, by name; state_from_json's rules (a repeated member is the
// last one, as in the tree).
enum Member {
  started,
  previous_ended,
  findings,
  said,
  asked,
  pending,
  plainer,
  pending_for,
  unsure_screens,
  notes,
  questions,
  started_at,
  language,
  previous_words,
  earlier_words,
  previous_at,
  hedges_mean_no,
  kMembers
};
constexpr std::array<std::string_view, kMembers> kNames = {
    "started",  "previous_ended", "findings",       "said",        "asked",         "pending",
    "plainer",  "pending_for",    "unsure_screens", "notes",       "questions",     "started_at",
    "language", "previous_words", "earlier_words",  "previous_at", "hedges_mean_no"};

EngineState state_of(Object in) {
  EngineState s;
  std::array<std::optional<Element>, kMembers> at;
  for (auto [key, value] : in) {
    auto name = std::find(kNames.begin(), kNames.end(), key);
    if (name == kNames.end()) continue;  // dropped
    at[name - kNames.begin()] = value;
    s.written = true;
  }
  auto with = [&](Member m, auto read) {
    if (at[m]) read(*at[m]);
  };
  with(started, [&](Element e) { s.started = flag(e); });
  with(previous_ended, [&](Element e) { s.previous_ended = flag(e); });
  with(findings, [&](Element e) {
    if (e.type() != Type::OBJECT) return;
    for (const auto& [id, value] : members_by_key(Object(e)))
      if (value.type() == Type::BOOL) s.findings.emplace_back(std::string(id), bool(value));
  });
  with(said, [&](Element e) {
    if (e.type() != Type::OBJECT) return;
    for (const auto& [id, quote] : members_by_key(Object(e)))
      if (quote.type() == Type::STRING) s.said.emplace_back(std::string(id), string_of(quote));
  });
  with(asked, [&](Element e) { s.asked = strings(e); });
  with(pending, [&](Element e) { s.pending = text(e); });
  with(plainer, [&](Element e) { s.plainer = flag(e); });
  with(pending_for, [&](Element e) { s.pending_for = text(e); });
  with(unsure_screens, [&](Element e) { s.unsure_screens = strings(e); });
  with(notes, [&](Element e) { s.notes = strings(e); });
  with(questions, [&](Element e) {
    if (is_integer(e)) s.questions = integer<int>(e);
  });
  with(started_at, [&](Element e) {
    if (is_integer(e)) s.started_at = integer<std::int64_t>(e);
  });
  with(language, [&](Element e) { s.language = text(e); });
  with(previous_words, [&](Element e) { s.previous_words = text(e); });
  with(earlier_words, [&](Element e) { s.earlier_words = text(e); });
  with(previous_at, [&](Element e) {
    if (is_integer(e)) s.previous_at = integer<std::int64_t>(e);
  });
  with(hedges_mean_no, [&](Element e) { s.hedges_mean_no = flag(e); });
  return s;
}

// session_from_json's checks, in its order, with its messages.
Result<Session> session_of(Element root) {
  if (root.type() != Type::OBJECT)
    return make_error(ErrorCode::bad_session, "session: must be an object");
  std::optional<Element> version, status, triage, red_flags, engine_state;
  for (auto [key, value] : Object(root)) {
    if (key == "schema_version")
      version = value;
    else if (key == "status")
      status = value;
    else if (key == "triage")
      triage = value;
    else if (key == "red_flags")
      red_flags = value;
    else if (key == "engine_state")
      engine_state = value;
  }
  if (!version || !is_integer(*version))
    return make_error(ErrorCode::bad_session, "session: missing schema_version");
  if (const long long v = integer<long long>(*version); v != Session::kSchemaVersion) {
    return make_error(ErrorCode::unsupported_session_version,
                      "session: schema_version " + std::to_string(v) +
                          " is not supported (this build reads " +
                          std::to_string(Session::kSchemaVersion) + ")");
  }
  Session out;
  if (!status || status->type() != Type::STRING)
    return make_error(ErrorCode::bad_session, "session: missing status");
  const std::string_view word(*status);
  if (word == "active")
    out.status = SessionStatus::active;
  else if (word == "completed")
    out.status = SessionStatus::completed;
  else
    return make_error(ErrorCode::bad_session, "session: unknown status");
  if (triage && triage->type() != Type::NULL_VALUE) {
    if (triage->type() != Type::STRING || !triage_from_string(std::string_view(*triage)))
      return make_error(ErrorCode::bad_session, "session: bad triage");
    out.triage = triage_from_string(std::string_view(*triage));
  }
  if (red_flags) {
    if (red_flags->type() != Type::ARRAY)
      return make_error(ErrorCode::bad_session, "session: red_flags must be an array");
    for (Element f : simdjson::dom::array(*red_flags)) {
      if (f.type() != Type::STRING)
        return make_error(ErrorCode::bad_session, "session: red_flags must hold strings");
      out.red_flags.push_back(string_of(f));
    }
  }
  if (engine_state) {
    if (engine_state->type() != Type::OBJECT)
      return make_error(ErrorCode::bad_session, "session: engine_state must be an object");
    out.engine_state = state_of(Object(*engine_state));
  }
  return out;
}

}  // namespace
}  // namespace session_text

Result<Session> session_from_text(std::string_view text) {
  auto read = json_parser::parse_with(text, session_text::session_of);
  if (!read) return make_error(ErrorCode::bad_session, "session: not JSON");
  return std::move(*read);
}

}  // namespace triagebot::dialogs
