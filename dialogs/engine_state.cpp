#include "dialogs/engine_state.h"

#include <algorithm>
#include <string_view>

namespace triagebot::dialogs {

using nlohmann::json;

bool EngineState::was_asked(const std::string& id) const {
  return std::find(asked.begin(), asked.end(), id) != asked.end();
}
void EngineState::note_said(const KnowledgeData& k, int f, const std::string& quote) {
  const std::string& id = k.findings[f].id;
  auto it = std::find_if(said.begin(), said.end(), [&](const auto& s) { return s.first == id; });
  if (it == said.end())
    said.push_back({id, quote});
  else
    it->second = quote;
}

std::map<int, std::string> EngineState::said_by_index(const KnowledgeData& k) const {
  std::map<int, std::string> out;
  for (const auto& [id, quote] : said) {
    int f = k.finding(id);
    if (f >= 0) out[f] = quote;
  }
  return out;
}

bool EngineState::has_note(const std::string& id) const {
  return std::find(notes.begin(), notes.end(), id) != notes.end();
}

namespace {

// The strings of a stored array; anything else reads as none.
std::vector<std::string> strings(const json& value) {
  std::vector<std::string> out;
  if (!value.is_array()) return out;
  out.reserve(value.size());
  for (const auto& s : value)
    if (s.is_string()) out.push_back(s.get_ref<const std::string&>());
  return out;
}

// A stored flag; of another type reads as false (as does an absent one). Never
// json::value, which throws on a wrong type: a damaged stored row must not stop the
// process (found by fuzz/stored_session_fuzzer).
bool flag(const json& value) { return value.is_boolean() && value.get<bool>(); }

// A stored string or integer: of another type it leaves `out` as it was.
void read_string(const json& value, std::string& out) {
  if (value.is_string()) out = value.get_ref<const std::string&>();
}
template <class Int>
void read_integer(const json& value, Int& out) {
  if (value.is_number_integer()) out = value.get<Int>();
}

}  // namespace

// One pass over the stored members (an object's keys are unique), each read by its name:
// a find per field compared its key with a C string over the map's depth each time.
// Members this build does not know are skipped: they are dropped.
EngineState state_from_json(const json& in) {
  EngineState s;
  if (!in.is_object()) return s;
  for (auto it = in.begin(); it != in.end(); ++it) {
    const std::string_view key = it.key();
    const json& value = it.value();
    bool known = true;
    if (key == "started") {
      s.started = flag(value);
    } else if (key == "previous_ended") {
      s.previous_ended = flag(value);
    } else if (key == "findings") {
      if (!value.is_object()) continue;
      s.findings.reserve(value.size());
      for (auto f = value.begin(); f != value.end(); ++f) {
        if (f->is_boolean()) s.findings.emplace_back(f.key(), f->get<bool>());
      }
    } else if (key == "said") {
      if (!value.is_object()) continue;
      s.said.reserve(value.size());
      for (auto q = value.begin(); q != value.end(); ++q) {
        if (q->is_string()) s.said.emplace_back(q.key(), q->get_ref<const std::string&>());
      }
    } else if (key == "asked") {
      s.asked = strings(value);
    } else if (key == "pending") {
      read_string(value, s.pending);
    } else if (key == "plainer") {
      s.plainer = flag(value);
    } else if (key == "pending_for") {
      read_string(value, s.pending_for);
    } else if (key == "unsure_screens") {
      s.unsure_screens = strings(value);
    } else if (key == "notes") {
      s.notes = strings(value);
    } else if (key == "questions") {
      read_integer(value, s.questions);
    } else if (key == "started_at") {
      read_integer(value, s.started_at);
    } else if (key == "language") {
      read_string(value, s.language);
    } else if (key == "previous_words") {
      read_string(value, s.previous_words);
    } else if (key == "earlier_words") {
      read_string(value, s.earlier_words);
    } else if (key == "previous_at") {
      if (value.is_number_integer()) s.previous_at = value.get<std::int64_t>();
    } else if (key == "hedges_mean_no") {
      s.hedges_mean_no = flag(value);
    } else {
      known = false;
    }
    s.written = s.written || known;
  }
  return s;
}

Facts facts_of(const KnowledgeData& k, const EngineState& s) {
  Facts out(k);
  // Stored ids this knowledge base lacks are dropped. Falses are set before trues, so a
  // true's group siblings read false whatever was stored for them.
  for (bool pass : {false, true}) {
    for (const auto& [id, value] : s.findings) {
      if (value != pass) continue;
      if (int index = k.finding(id); index >= 0) out.set(index, pass);
    }
  }
  return out;
}

void set_findings(EngineState& s, const KnowledgeData& k, const Facts& facts) {
  // Assigned in place: the ids' strings (and the vector) keep the room they had.
  std::size_t n = 0;
  for (int f : k.findings_by_id) {
    if (!facts.known(f)) continue;
    if (n < s.findings.size()) {
      s.findings[n].first = k.findings[f].id;
      s.findings[n].second = facts.is_true(f);
    } else {
      s.findings.emplace_back(k.findings[f].id, facts.is_true(f));
    }
    ++n;
  }
  s.findings.resize(n);
}

// Built member by member straight into the object's std::map, in key order, each member
// placed at the end (emplace_hint): a braced json{{...}} list copies every nested object
// and array once more, and operator[] searches the map and copies its key. Keys out of
// order (a findings list not in id order) would still land in place, only slower.
json state_to_json(const EngineState& s) {
  if (s == EngineState{}) return json::object();
  json out = json::object();
  auto& members = out.get_ref<json::object_t&>();
  auto put = [&](const char* key, json value) {
    members.emplace_hint(members.end(), key, std::move(value));
  };
  auto strings_json = [](const std::vector<std::string>& list) {
    json array = json::array();
    auto& items = array.get_ref<json::array_t&>();
    items.reserve(list.size());
    for (const auto& item : list) items.emplace_back(item);
    return array;
  };
  put("asked", strings_json(s.asked));
  // The kept words and their time are written together or not at all.
  const bool words = !s.previous_words.empty();
  if (words && !s.earlier_words.empty()) put("earlier_words", s.earlier_words);
  json findings = json::object();
  auto& found = findings.get_ref<json::object_t&>();
  for (const auto& [id, value] : s.findings) found.emplace_hint(found.end(), id, value);
  put("findings", std::move(findings));
  if (s.hedges_mean_no) put("hedges_mean_no", true);
  put("language", s.language);
  put("notes", strings_json(s.notes));
  put("pending", s.pending);
  put("pending_for", s.pending_for);
  put("plainer", s.plainer);
  if (words && s.previous_at) put("previous_at", *s.previous_at);
  put("previous_ended", s.previous_ended);
  if (words) put("previous_words", s.previous_words);
  put("questions", s.questions);
  json said = json::object();
  auto& quotes = said.get_ref<json::object_t&>();
  for (const auto& [id, quote] : s.said) quotes.emplace(id, quote);
  put("said", std::move(said));
  put("started", s.started);
  put("started_at", s.started_at);
  put("unsure_screens", strings_json(s.unsure_screens));
  return out;
}

}  // namespace triagebot::dialogs
