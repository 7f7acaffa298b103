#include "dialogs/engine_state.h"

#include <algorithm>
#include <string_view>

#include "dialogs/json_text.h"

namespace triagebot::dialogs {

using nlohmann::json;

bool EngineState::was_asked(const std::string& id) const {
  return std::find(asked.begin(), asked.end(), id) != asked.end();
}
void EngineState::note_said(const KnowledgeData& k, int f, const std::string& quote) {
  // Kept in id order, the order the stored JSON object has: a state reads back as it was
  // written, and its text is written straight (append_state_text).
  const std::string& id = k.findings[f].id;
  auto it = std::lower_bound(said.begin(), said.end(), id,
                             [](const auto& s, const std::string& key) { return s.first < key; });
  if (it == said.end() || it->first != id)
    said.insert(it, {id, quote});
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
      if (value.is_object()) {
        s.findings.reserve(value.size());
        for (auto f = value.begin(); f != value.end(); ++f) {
          if (f->is_boolean()) s.findings.emplace_back(f.key(), f->get<bool>());
        }
      }
    } else if (key == "said") {
      if (value.is_object()) {
        s.said.reserve(value.size());
        for (auto q = value.begin(); q != value.end(); ++q) {
          if (q->is_string()) s.said.emplace_back(q.key(), q->get_ref<const std::string&>());
        }
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

namespace {

// An object of (id, value) pairs, already in key order: {"id":value,...}.
template <class Value, class AppendValue>
void append_object(std::string& out, const std::vector<std::pair<std::string, Value>>& pairs,
                   AppendValue append_value) {
  out += '{';
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, pairs[i].first);
    out += ':';
    append_value(out, pairs[i].second);
  }
  out += '}';
}

}  // namespace

// The members in state_to_json's order, which is the object's key order (nlohmann's
// object is a std::map). `findings` and `said` are objects too: their ids are written in
// key order (a list out of order, or with an id twice, goes through the tree).
void append_state_text(std::string& out, const EngineState& s) {
  if (s == EngineState{}) {
    out += "{}";
    return;
  }
  // Ids are in key order, and unique, whenever a step or a stored text made them; any
  // other list goes through the map as state_to_json builds it.
  auto in_key_order = [](const auto& pairs) {
    for (std::size_t i = 1; i < pairs.size(); ++i)
      if (!(pairs[i - 1].first < pairs[i].first)) return false;
    return true;
  };
  if (!in_key_order(s.findings) || !in_key_order(s.said)) {
    out += state_to_json(s).dump();
    return;
  }
  const bool words = !s.previous_words.empty();
  out += "{\"asked\":";
  append_json_strings(out, s.asked);
  if (words && !s.earlier_words.empty()) {
    out += ",\"earlier_words\":";
    append_json_string(out, s.earlier_words);
  }
  out += ",\"findings\":";
  append_object(out, s.findings, append_json_bool);
  if (s.hedges_mean_no) out += ",\"hedges_mean_no\":true";
  out += ",\"language\":";
  append_json_string(out, s.language);
  out += ",\"notes\":";
  append_json_strings(out, s.notes);
  out += ",\"pending\":";
  append_json_string(out, s.pending);
  out += ",\"pending_for\":";
  append_json_string(out, s.pending_for);
  out += ",\"plainer\":";
  append_json_bool(out, s.plainer);
  if (words && s.previous_at) {
    out += ",\"previous_at\":";
    out += std::to_string(*s.previous_at);
  }
  out += ",\"previous_ended\":";
  append_json_bool(out, s.previous_ended);
  if (words) {
    out += ",\"previous_words\":";
    append_json_string(out, s.previous_words);
  }
  out += ",\"questions\":";
  out += std::to_string(s.questions);
  out += ",\"said\":";
  append_object(out, s.said, append_json_string);
  out += ",\"started\":";
  append_json_bool(out, s.started);
  out += ",\"started_at\":";
  out += std::to_string(s.started_at);
  out += ",\"unsure_screens\":";
  append_json_strings(out, s.unsure_screens);
  out += '}';
}

}  // namespace triagebot::dialogs
