#include "dialogs/knowledge_reader.h"

#include "dialogs/answer_reader.h"

#include "dialogs/knowledge_data.h"

namespace triagebot::dialogs::knowledge_reader {

using nlohmann::json;

// Throwing inside the loader keeps each check one line; load_knowledge converts the
// single exit into a Result, so nothing escapes the module boundary.
void fail(const std::string& where, const std::string& what) { throw Failure{where + ": " + what}; }

const json& member(const json& obj, const std::string& where, const char* key) {
  if (!obj.is_object()) fail(where, "must be an object");
  auto it = obj.find(key);
  if (it == obj.end()) fail(where, std::string("missing '") + key + "'");
  return *it;
}

std::string str(const json& obj, const std::string& where, const char* key, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(where, std::string("missing '") + key + "'");
    return {};
  }
  if (!it->is_string()) fail(where + "." + key, "must be a string");
  std::string value = it->get<std::string>();
  if (required && value.empty()) fail(where + "." + key, "must not be empty");
  return value;
}

double number(const json& obj, const std::string& where, const char* key) {
  const json& v = member(obj, where, key);
  if (!v.is_number()) fail(where + "." + key, "must be a number");
  return v.get<double>();
}

double probability(const json& v, const std::string& where) {
  if (!v.is_number()) fail(where, "must be a number");
  double p = v.get<double>();
  if (!(p >= 0.0 && p <= 1.0)) fail(where, "probability out of range [0, 1]");
  return p;
}

const json& array(const json& obj, const std::string& where, const char* key, bool required) {
  static const json empty = json::array();
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) fail(where, std::string("missing '") + key + "'");
    return empty;
  }
  if (!it->is_array()) fail(where + "." + key, "must be an array");
  return *it;
}

Triage triage_of(const json& v, const std::string& where) {
  if (!v.is_string()) fail(where, "must be a triage level");
  auto t = triage_from_string(v.get<std::string>());
  if (!t) fail(where, "unknown triage level '" + v.get<std::string>() + "'");
  return *t;
}

std::vector<Phrase> phrases(const json& obj, const std::string& where, const char* key) {
  std::vector<Phrase> out;
  const json& list = array(obj, where, key, false);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = where + "." + key + "[" + std::to_string(i) + "]";
    if (!list[i].is_string()) fail(at, "must be a string");
    auto p = compile_phrase(list[i].get<std::string>());
    if (!p) fail(at, p.error().message);
    out.push_back(std::move(*p));
  }
  return out;
}

WordSet word_set(const json& lex, const char* key) {
  WordSet out;
  for (const auto& w : array(lex, "lexicon", key)) {
    if (!w.is_string()) fail(std::string("lexicon.") + key, "must hold strings");
    for (const auto& t : tokenize(w.get<std::string>())) out.insert(t.word);
  }
  return out;
}

// Every word the knowledge base and the answer reader use: such a word typed by a person
// is taken as itself, never "corrected" by spelling ("nein" is not "neon"), and among a
// misspelling's suggestions one of these is preferred ("bak" -> "back").
void build_vocabulary(KnowledgeData& k_) {
  Vocabulary& v = k_.vocabulary;
  v.insert(k_.lexicon.common_words.begin(), k_.lexicon.common_words.end());
  auto add_all = [&](const std::vector<Phrase>& list) {
    for (const auto& p : list) add_words(v, p.source);
  };
  for (const auto& f : k_.findings) {
    add_all(f.phrases);
    add_all(f.not_phrases);
    add_all(f.other_meanings);
    add_all(f.lasting_phrases);
  }
  for (const auto& q : k_.questions) {
    add_words(v, q.text);
    add_all(q.yes_phrases);
    add_all(q.no_phrases);
    for (const auto& c : q.choices) {
      add_words(v, c.label);
      add_all(c.phrases);
    }
  }
  for (const auto& r : k_.red_flags) {
    add_all(r.phrases);
    add_all(r.other_meanings);
  }
  const Lexicon& l = k_.lexicon;
  for (const auto* set : {&l.negation.negators, &l.negation.post_negators,
                          &l.negation.scope_breakers, &l.negation.clause_openers, &l.every_words}) {
    v.insert(set->begin(), set->end());
  }
  for (const auto* list : {&l.unsure, &l.no_lead, &l.yes_lead, &l.no_anywhere, &l.yes_anywhere,
                           &l.distant_past, &l.no_effect})
    add_all(list->phrases());
  for (const auto& [word, value] : l.number_words) v.insert(word);
  add_answer_words(v);
}

// The reader's index of finding and red-flag phrases (phrase_index.h), numbered in the
// order the reader meets them (IndexedPhrase).
void build_phrase_index(KnowledgeData& k_) {
  auto add = [&](const std::vector<Phrase>& list, IndexedPhrase::Owner owner, size_t index) {
    for (size_t i = 0; i < list.size(); ++i) {
      k_.phrase_index.add(list[i], static_cast<int>(k_.indexed_phrases.size()));
      k_.indexed_phrases.push_back({owner, static_cast<int>(index), static_cast<int>(i)});
    }
  };
  for (size_t f = 0; f < k_.findings.size(); ++f) {
    add(k_.findings[f].other_meanings, IndexedPhrase::Owner::finding_other_meaning, f);
    add(k_.findings[f].phrases, IndexedPhrase::Owner::finding, f);
    add(k_.findings[f].lasting_phrases, IndexedPhrase::Owner::finding_lasting, f);
    add(k_.findings[f].not_phrases, IndexedPhrase::Owner::finding_denial, f);
  }
  for (size_t r = 0; r < k_.red_flags.size(); ++r)
    add(k_.red_flags[r].phrases, IndexedPhrase::Owner::red_flag, r);
}

}  // namespace triagebot::dialogs::knowledge_reader
