#include "dialogs/engine_state.h"

#include <algorithm>

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

std::vector<std::string> strings(const json& in, const char* key) {
  std::vector<std::string> out;
  auto it = in.find(key);
  if (it == in.end() || !it->is_array()) return out;
  out.reserve(it->size());
  for (const auto& s : *it)
    if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

// A stored flag; absent or of another type reads as false. Never json::value, which
// throws on a wrong type: a damaged stored row must not stop the process (found by
// fuzz/stored_session_fuzzer).
bool flag(const json& in, const char* key) {
  auto it = in.find(key);
  return it != in.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

EngineState state_from_json(const json& in) {
  EngineState s = state_without_findings_from_json(in);
  if (!in.is_object()) return s;
  if (auto f = in.find("findings"); f != in.end() && f->is_object()) {
    s.findings.reserve(f->size());
    for (auto it = f->begin(); it != f->end(); ++it) {
      if (it->is_boolean()) s.findings.push_back({it.key(), it->get<bool>()});
    }
  }
  return s;
}

Facts facts_from_json(const KnowledgeData& k, const json& in) {
  Facts out(k);
  if (!in.is_object()) return out;
  auto f = in.find("findings");
  if (f == in.end() || !f->is_object()) return out;
  // Stored ids this knowledge base lacks are dropped. Falses are set before trues, so a
  // true's group siblings read false whatever was stored for them.
  for (bool pass : {false, true}) {
    for (auto it = f->begin(); it != f->end(); ++it) {
      if (!it->is_boolean() || it->get<bool>() != pass) continue;
      if (int index = k.finding(it.key()); index >= 0) out.set(index, pass);
    }
  }
  return out;
}

EngineState state_without_findings_from_json(const json& in) {
  EngineState s;
  if (!in.is_object()) return s;
  s.started = flag(in, "started");
  s.previous_ended = flag(in, "previous_ended");
  if (auto f = in.find("said"); f != in.end() && f->is_object()) {
    for (auto it = f->begin(); it != f->end(); ++it) {
      if (it->is_string()) s.said.push_back({it.key(), it->get<std::string>()});
    }
  }
  s.asked = strings(in, "asked");
  if (auto p = in.find("pending"); p != in.end() && p->is_string())
    s.pending = p->get<std::string>();
  s.plainer = flag(in, "plainer");
  if (auto p = in.find("pending_for"); p != in.end() && p->is_string())
    s.pending_for = p->get<std::string>();
  s.unsure_screens = strings(in, "unsure_screens");
  s.notes = strings(in, "notes");
  if (auto q = in.find("questions"); q != in.end() && q->is_number_integer())
    s.questions = q->get<int>();
  if (auto t = in.find("started_at"); t != in.end() && t->is_number_integer())
    s.started_at = t->get<std::int64_t>();
  if (auto l = in.find("language"); l != in.end() && l->is_string())
    s.language = l->get<std::string>();
  return s;
}

// Built member by member straight into the object's std::map, in key order, each
// member placed at the end (emplace_hint): a braced json{{...}} list copies every nested
// object and array once more, and operator[] searches the map and copies its key. Keys
// out of order (a findings list not in id order) would still land in place, only slower.
namespace {

// state_to_json with the findings object made by `put_findings(object_t&)`.
template <class PutFindings>
// `s` by value: the step's state is moved in, its strings (quotes are whole sentences)
// moved into the JSON rather than copied.
json state_json(EngineState s, PutFindings&& put_findings) {
  json out = json::object();
  auto& members = out.get_ref<json::object_t&>();
  auto put = [&](const char* key, json value) {
    members.emplace_hint(members.end(), key, std::move(value));
  };
  auto strings_json = [](std::vector<std::string>& list) {
    json array = json::array();
    auto& items = array.get_ref<json::array_t&>();
    items.reserve(list.size());
    for (auto& item : list) items.emplace_back(std::move(item));
    return array;
  };
  put("asked", strings_json(s.asked));
  json findings = json::object();
  put_findings(findings.get_ref<json::object_t&>());
  put("findings", std::move(findings));
  put("language", std::move(s.language));
  put("notes", strings_json(s.notes));
  put("pending", std::move(s.pending));
  put("pending_for", std::move(s.pending_for));
  put("plainer", s.plainer);
  put("previous_ended", s.previous_ended);
  put("questions", s.questions);
  json said = json::object();
  auto& quotes = said.get_ref<json::object_t&>();
  for (auto& [id, quote] : s.said) quotes.emplace(std::move(id), std::move(quote));
  put("said", std::move(said));
  put("started", s.started);
  put("started_at", s.started_at);
  put("unsure_screens", strings_json(s.unsure_screens));
  return out;
}

}  // namespace

json state_to_json(const EngineState& s) {
  return state_json(s, [&](json::object_t& found) {
    for (const auto& [id, value] : s.findings) found.emplace_hint(found.end(), id, value);
  });
}

json state_to_json(EngineState&& s, const KnowledgeData& k, const Facts& facts) {
  return state_json(std::move(s), [&](json::object_t& found) {
    for (int f : k.findings_by_id) {
      if (facts.known(f)) found.emplace_hint(found.end(), k.findings[f].id, facts.is_true(f));
    }
  });
}

}  // namespace triagebot::dialogs
