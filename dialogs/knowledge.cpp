// Loading and validating the knowledge base. Every check names the place in the file
// ("causes[3].likelihoods.foo: unknown finding"), because a broken file must be a clear
// start-up error, not a wrong answer at 3 a.m.
#include "dialogs/knowledge.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge_data.h"
#include "dialogs/knowledge_reader.h"

namespace triagebot::embedded {
std::string_view knowledge_leg_numbness();
}

namespace triagebot::dialogs {

using nlohmann::json;

std::string_view builtin_knowledge_json() { return triagebot::embedded::knowledge_leg_numbness(); }

const std::string& KnowledgeData::text(const std::string& key) const {
  static const std::string empty;
  auto it = texts.find(key);
  return it == texts.end() ? empty : it->second;
}

namespace {

using namespace knowledge_reader;

// Canonical ids of the brief (API.md): the file may add more, never fewer.
const char* const kCanonicalCauses[] = {"peripheral_neuropathy",
                                        "sciatica",
                                        "lumbar_spinal_stenosis",
                                        "peripheral_artery_disease",
                                        "multiple_sclerosis",
                                        "guillain_barre_syndrome",
                                        "infection",
                                        "nutritional_deficiency",
                                        "medication_side_effect",
                                        "nerve_injury",
                                        "toxin_exposure",
                                        "tumor",
                                        "stroke",
                                        "cauda_equina_syndrome",
                                        "acute_limb_ischemia",
                                        "spinal_cord_compression",
                                        "spinal_infection",
                                        "meralgia_paresthetica",
                                        "positional_compression"};
const char* const kCanonicalRedFlags[] = {
    "stroke_signs",           "cauda_equina_signs",           "acute_limb_ischemia_signs",
    "ascending_weakness",     "rapidly_progressive_weakness", "spinal_trauma",
    "spinal_infection_signs", "cancer_back_pain_neuro"};
const char* const kRequiredTexts[] = {"greeting",
                                      "opening_prompt",
                                      "help",
                                      "forget",
                                      "restart",
                                      "not_understood",
                                      "plainer_intro",
                                      "adult_only",
                                      "pregnancy_note",
                                      "completed_again",
                                      "emergency_again",
                                      "emergency_heading",
                                      "assessment_heading",
                                      "triage_line",
                                      "causes_heading",
                                      "cause_line",
                                      "why_line",
                                      "why_general",
                                      "you_said",
                                      "clarify_intro",
                                      "unsure_flag_note",
                                      "undecided_flag_note",
                                      "likelihood_most_likely",
                                      "likelihood_possible",
                                      "likelihood_less_likely",
                                      "likelihood_to_rule_out",
                                      "medicine_note",
                                      "chemo_note",
                                      "unsure_floor_note",
                                      "safety_net",
                                      "disclaimer",
                                      "yes",
                                      "no",
                                      "not_sure"};

// A question's `time_asked` (QuestionDef::TimeAsked): absent, "recent" or "last_weeks".
QuestionDef::TimeAsked time_asked(const json& question, const std::string& at) {
  const std::string value = str(question, at, "time_asked", false);
  if (value.empty()) return QuestionDef::TimeAsked::unnamed;
  if (value == "recent") return QuestionDef::TimeAsked::recent;
  if (value == "last_weeks") return QuestionDef::TimeAsked::last_weeks;
  fail(at + ".time_asked", "must be \"recent\" or \"last_weeks\", not '" + value + "'");
}

class Loader {
 public:
  explicit Loader(const json& root) : root_(root) {}

  KnowledgeData load() {
    if (!root_.is_object()) fail("(root)", "must be an object");
    load_settings();
    load_texts();
    load_lexicon();
    load_findings();
    load_sources();
    load_questions();
    load_causes();
    load_red_flags();
    load_floors();
    load_safety_net();
    check_reachable();
    check_red_flags_closable();
    build_vocabulary(k_);
    build_phrase_index(k_);
    return std::move(k_);
  }

 private:
  int finding_ref(const json& v, const std::string& where) {
    if (!v.is_string()) fail(where, "must be a finding id");
    int index = k_.finding(v.get<std::string>());
    if (index < 0) fail(where, "unknown finding '" + v.get<std::string>() + "'");
    return index;
  }

  std::vector<int> finding_list(const json& obj, const std::string& where, const char* key) {
    std::vector<int> out;
    const json& list = array(obj, where, key, false);
    for (size_t i = 0; i < list.size(); ++i) {
      out.push_back(finding_ref(list[i], where + "." + key + "[" + std::to_string(i) + "]"));
    }
    return out;
  }

  Condition condition(const json& obj, const std::string& where) {
    if (!obj.is_object()) fail(where, "must be an object");
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      if (it.key() != "all" && it.key() != "any" && it.key() != "none" && it.key() != "not_false") {
        fail(where + "." + it.key(), "unknown condition key");
      }
    }
    Condition c{finding_list(obj, where, "all"), finding_list(obj, where, "any"),
                finding_list(obj, where, "none"), finding_list(obj, where, "not_false")};
    if (c.empty()) fail(where, "empty condition");
    return c;
  }

  void load_settings() {
    const json& s = member(root_, "(root)", "settings");
    Settings& out = k_.settings;
    out.likelihood_floor = number(s, "settings", "likelihood_floor");
    if (out.likelihood_floor <= 0 || out.likelihood_floor >= 0.5)
      fail("settings.likelihood_floor", "must be in (0, 0.5)");
    out.stop_posterior =
        probability(member(s, "settings", "stop_posterior"), "settings.stop_posterior");
    out.stop_ratio = number(s, "settings", "stop_ratio");
    out.min_gain = number(s, "settings", "min_gain");
    out.max_questions = static_cast<int>(number(s, "settings", "max_questions"));
    if (out.max_questions < 1 || out.max_questions > 18)
      fail("settings.max_questions", "must be 1..18 (issue 10)");
    out.triage_posterior =
        probability(member(s, "settings", "triage_posterior"), "settings.triage_posterior");
    out.max_causes = static_cast<int>(number(s, "settings", "max_causes"));
    if (out.max_causes < 1 || out.max_causes > 5)
      fail("settings.max_causes", "must be 1..5 (API.md)");
    out.max_reasons = static_cast<int>(number(s, "settings", "max_reasons"));
    out.reason_ratio = number(s, "settings", "reason_ratio");
    out.most_likely_posterior = probability(member(s, "settings", "most_likely_posterior"),
                                            "settings.most_likely_posterior");
    out.possible_posterior =
        probability(member(s, "settings", "possible_posterior"), "settings.possible_posterior");
    if (out.possible_posterior > out.most_likely_posterior)
      fail("settings.possible_posterior", "must not exceed most_likely_posterior");
  }

  void load_texts() {
    const json& texts = member(root_, "(root)", "texts");
    if (!texts.is_object()) fail("texts", "must be an object");
    for (auto it = texts.begin(); it != texts.end(); ++it) {
      if (!it->is_string() || it->get<std::string>().empty())
        fail("texts." + it.key(), "must be a non-empty string");
      k_.texts[it.key()] = it->get<std::string>();
    }
    for (const char* key : kRequiredTexts) {
      if (!k_.texts.count(key)) fail("texts", std::string("missing text '") + key + "'");
    }
    const json& triage = member(root_, "(root)", "triage");
    for (Triage t : {Triage::emergency, Triage::urgent, Triage::routine, Triage::self_care}) {
      std::string key(to_string(t));
      const json& level = member(triage, "triage", key.c_str());
      k_.triage_texts[t] = {str(level, "triage." + key, "label"),
                            str(level, "triage." + key, "advice")};
    }
  }

  void load_lexicon() {
    const json& lex = member(root_, "(root)", "lexicon");
    Lexicon& out = k_.lexicon;
    out.negation.negators = word_set(lex, "negators");
    out.negation.post_negators = word_set(lex, "post_negators");
    out.negation.scope_breakers = word_set(lex, "scope_breakers");
    out.negation.clause_openers = word_set(lex, "clause_openers");
    out.every_words = word_set(lex, "every_words");
    out.common_words = word_set(lex, "common_words");
    out.unsure = phrases(lex, "lexicon", "unsure");
    out.no_lead = phrases(lex, "lexicon", "no_lead");
    out.yes_lead = phrases(lex, "lexicon", "yes_lead");
    out.no_anywhere = phrases(lex, "lexicon", "no_anywhere");
    out.yes_anywhere = phrases(lex, "lexicon", "yes_anywhere");
    out.distant_past = phrases(lex, "lexicon", "distant_past");
    out.symptom_words = phrases(lex, "lexicon", "symptom_words");
    out.story_words = phrases(lex, "lexicon", "story_words");
    out.no_effect = phrases(lex, "lexicon", "no_effect");
    const json& numbers = member(lex, "lexicon", "number_words");
    if (!numbers.is_object()) fail("lexicon.number_words", "must be an object");
    for (auto it = numbers.begin(); it != numbers.end(); ++it) {
      if (!it->is_number_integer()) fail("lexicon.number_words." + it.key(), "must be an integer");
      out.number_words[it.key()] = it->get<int>();
    }
  }

  void load_findings() {
    const json& list = array(root_, "(root)", "findings");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "findings[" + std::to_string(i) + "]";
      const json& f = list[i];
      FindingDef d;
      d.id = str(f, at, "id");
      if (k_.finding_index.count(d.id)) fail(at + ".id", "duplicate finding '" + d.id + "'");
      d.group = str(f, at, "group", false);
      d.base = probability(member(f, at, "base"), at + ".base");
      d.says_yes = str(f, at, "says_yes");
      d.says_no = str(f, at, "says_no");
      d.phrases = phrases(f, at, "phrases");
      d.not_phrases = phrases(f, at, "not_phrases");
      d.other_meanings = phrases(f, at, "other_meanings");
      d.lasting_phrases = phrases(f, at, "lasting_phrases");
      if (f.contains("from_temperature_c")) {
        d.from_temperature_c = number(f, at, "from_temperature_c");
        if (!(d.from_temperature_c >= 35 && d.from_temperature_c <= 42))
          fail(at + ".from_temperature_c", "must be a body temperature in °C, 35 to 42");
      }
      if (f.contains("above_units_per_week")) {
        d.above_units_per_week = number(f, at, "above_units_per_week");
        if (!(d.above_units_per_week >= 1 && d.above_units_per_week <= 100))
          fail(at + ".above_units_per_week", "must be units of alcohol a week, 1 to 100");
      }
      if (f.contains("from_day_by_day")) {
        if (!f["from_day_by_day"].is_boolean())
          fail(at + ".from_day_by_day", "must be true or false");
        d.from_day_by_day = f["from_day_by_day"].get<bool>();
      }
      k_.finding_index[d.id] = static_cast<int>(k_.findings.size());
      k_.findings.push_back(std::move(d));
    }
    for (size_t f = 0; f < k_.findings.size(); ++f)
      k_.findings_by_id.push_back(static_cast<int>(f));
    std::sort(k_.findings_by_id.begin(), k_.findings_by_id.end(),
              [&](int a, int b) { return k_.findings[a].id < k_.findings[b].id; });
    for (size_t i = 0; i < list.size(); ++i) {
      if (list[i].contains("past_finding")) {
        k_.findings[i].past_finding = finding_ref(
            list[i]["past_finding"], "findings[" + std::to_string(i) + "].past_finding");
      }
    }
    for (size_t f = 0; f < k_.findings.size(); ++f) {
      for (size_t g = 0; g < k_.findings.size(); ++g) {
        if (g != f && !k_.findings[f].group.empty() && k_.findings[g].group == k_.findings[f].group)
          k_.findings[f].siblings.push_back(static_cast<int>(g));
      }
    }
    // The lexicon's time classes of findings (read here: they name findings).
    const json& lex = member(root_, "(root)", "lexicon");
    for (int f : finding_list(lex, "lexicon", "new_findings")) k_.lexicon.new_findings.insert(f);
    for (int f : finding_list(lex, "lexicon", "ever_findings")) k_.lexicon.ever_findings.insert(f);
    for (int f : finding_list(lex, "lexicon", "effect_findings"))
      k_.lexicon.effect_findings.insert(f);
    k_.lexicon.prevailing_findings = finding_list(lex, "lexicon", "prevailing_findings");
  }

  void load_sources() {
    const json& list = array(root_, "(root)", "sources");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "sources[" + std::to_string(i) + "]";
      std::string id = str(list[i], at, "id");
      str(list[i], at, "title");
      str(list[i], at, "url");
      if (!sources_.insert(id).second) fail(at + ".id", "duplicate source '" + id + "'");
    }
  }

  std::vector<std::string> source_refs(const json& obj, const std::string& where) {
    std::vector<std::string> out;
    const json& list = array(obj, where, "sources");
    if (list.empty()) fail(where + ".sources", "must cite at least one source");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = where + ".sources[" + std::to_string(i) + "]";
      if (!list[i].is_string() || !sources_.count(list[i].get<std::string>()))
        fail(at, "unknown source");
      out.push_back(list[i].get<std::string>());
    }
    return out;
  }

  ChoiceDef choice(const json& c, const std::string& at, const std::string& question,
                   QuestionKind kind) {
    ChoiceDef d;
    d.key = str(c, at, "key");
    d.label = str(c, at, "label");
    d.id = question + ":" + d.key;
    if (d.id.size() > 64) fail(at + ".key", "choice id longer than 64 bytes");
    for (char ch : d.id) {
      if (static_cast<unsigned char>(ch) >= 0x80 || ch == ' ')
        fail(at + ".key", "choice id must be ASCII without spaces");
    }
    d.sets = finding_list(c, at, "sets");
    if (d.sets.empty()) fail(at + ".sets", "a choice must set at least one finding");
    d.phrases = phrases(c, at, "phrases");
    const char* range_key = kind == QuestionKind::age        ? "range"
                            : kind == QuestionKind::duration ? "days"
                                                             : nullptr;
    if (range_key) {
      const json& r = member(c, at, range_key);
      if (!r.is_array() || r.size() != 2 || !r[0].is_number() || !r[1].is_number() ||
          r[0].get<double>() > r[1].get<double>()) {
        fail(at + "." + range_key, "must be [low, high]");
      }
      d.low = r[0].get<double>();
      d.high = r[1].get<double>();
    }
    return d;
  }

  void load_questions() {
    const json& list = array(root_, "(root)", "questions");
    std::set<int> screen_orders;
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "questions[" + std::to_string(i) + "]";
      const json& q = list[i];
      QuestionDef d;
      d.id = str(q, at, "id");
      if (k_.question_index.count(d.id)) fail(at + ".id", "duplicate question '" + d.id + "'");
      d.text = str(q, at, "text");
      d.text_tokens = tokenize(d.text);
      d.plainer = str(q, at, "plainer", false);
      d.plainer_tokens = tokenize(d.plainer);
      std::string kind = str(q, at, "kind");
      if (kind == "yes_no")
        d.kind = QuestionKind::yes_no;
      else if (kind == "choice")
        d.kind = QuestionKind::choice;
      else if (kind == "age")
        d.kind = QuestionKind::age;
      else if (kind == "duration")
        d.kind = QuestionKind::duration;
      else
        fail(at + ".kind", "unknown kind '" + kind + "'");
      if (d.kind == QuestionKind::yes_no) {
        d.finding = finding_ref(member(q, at, "finding"), at + ".finding");
        ChoiceDef yes{"yes", k_.text("yes"), d.id + ":yes", {d.finding}, {}, 0, 0, false, {}};
        ChoiceDef no{"no", k_.text("no"), d.id + ":no", {d.finding}, {}, 0, 0, false, {}};
        d.choices = {yes, no};
        d.determines = {d.finding};
      } else {
        const json& choices = array(q, at, "choices");
        if (choices.size() < 2) fail(at + ".choices", "needs at least two choices");
        for (size_t c = 0; c < choices.size(); ++c) {
          d.choices.push_back(
              choice(choices[c], at + ".choices[" + std::to_string(c) + "]", d.id, d.kind));
          for (int f : d.choices.back().sets) {
            if (std::find(d.determines.begin(), d.determines.end(), f) == d.determines.end())
              d.determines.push_back(f);
          }
        }
      }
      d.choices.push_back(
          ChoiceDef{"unsure", k_.text("not_sure"), d.id + ":unsure", {}, {}, 0, 0, true, {}});
      for (auto& c : d.choices) c.label_tokens = tokenize(c.label);
      if (q.contains("screen")) {
        d.screen = static_cast<int>(number(q, at, "screen"));
        if (d.screen < 1 || !screen_orders.insert(d.screen).second)
          fail(at + ".screen", "screen order must be unique and >= 1");
        // Brief §5.4: an unsure screen is asked once more, in plainer words.
        if (d.plainer.empty()) fail(at + ".plainer", "a red-flag screen needs plainer words");
      }
      d.core = q.value("core", false);
      d.before_onset = q.value("before_onset", false);
      d.time_asked = time_asked(q, at);
      d.asks_if_pain = q.value("asks_if_pain", false);
      for (const auto& f : array(q, at, "red_flags", false)) {
        if (!f.is_string()) fail(at + ".red_flags", "must hold red-flag ids");
        pending_flag_refs_.push_back(
            {at + ".red_flags", k_.questions.size(), f.get<std::string>()});
      }
      if (q.contains("ask_if")) d.ask_if = condition(q["ask_if"], at + ".ask_if");
      d.yes_phrases = phrases(q, at, "yes_phrases");
      d.no_phrases = phrases(q, at, "no_phrases");
      k_.question_index[d.id] = static_cast<int>(k_.questions.size());
      k_.questions.push_back(std::move(d));
    }
    if (screen_orders.empty()) fail("questions", "no red-flag screens");
  }

  void load_causes() {
    const json& list = array(root_, "(root)", "causes");
    std::set<std::string> ids;
    double floor = k_.settings.likelihood_floor;
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "causes[" + std::to_string(i) + "]";
      const json& c = list[i];
      CauseDef d;
      d.id = str(c, at, "id");
      if (!ids.insert(d.id).second) fail(at + ".id", "duplicate cause '" + d.id + "'");
      d.name = str(c, at, "name");
      d.description = str(c, at, "description");
      d.prior = probability(member(c, at, "prior"), at + ".prior");
      if (d.prior <= 0) fail(at + ".prior", "must be above 0");
      d.triage = triage_of(member(c, at, "triage"), at + ".triage");
      d.likelihood.resize(k_.findings.size());
      for (size_t f = 0; f < k_.findings.size(); ++f) d.likelihood[f] = k_.findings[f].base;
      const json& lk = member(c, at, "likelihoods");
      if (!lk.is_object()) fail(at + ".likelihoods", "must be an object");
      for (auto it = lk.begin(); it != lk.end(); ++it) {
        std::string where = at + ".likelihoods." + it.key();
        int f = k_.finding(it.key());
        if (f < 0) fail(where, "unknown finding '" + it.key() + "'");
        d.likelihood[f] = probability(*it, where);
      }
      for (auto& p : d.likelihood) p = std::clamp(p, floor, 1.0 - floor);
      normalise_groups(d);
      for (double p : d.likelihood) {
        d.log_yes.push_back(std::log(p));
        d.log_no.push_back(std::log(1 - p));
      }
      const json& esc = array(c, at, "escalations", false);
      for (size_t e = 0; e < esc.size(); ++e) {
        std::string where = at + ".escalations[" + std::to_string(e) + "]";
        d.escalations.push_back({condition(member(esc[e], where, "when"), where + ".when"),
                                 triage_of(member(esc[e], where, "triage"), where + ".triage")});
      }
      if (c.contains("self_care_when"))
        d.self_care_when = condition(c["self_care_when"], at + ".self_care_when");
      bool can_self_care =
          d.triage == Triage::self_care ||
          std::any_of(d.escalations.begin(), d.escalations.end(),
                      [](const Escalation& e) { return e.triage == Triage::self_care; });
      if (can_self_care && d.self_care_when.empty())
        fail(at + ".self_care_when", "a cause that can reach self_care must say what confirms it");
      d.sources = source_refs(c, at);
      k_.causes.push_back(std::move(d));
    }
    for (const char* id : kCanonicalCauses) {
      if (!ids.count(id)) fail("causes", std::string("missing canonical cause '") + id + "'");
    }
  }

  // Within a group (one of side, onset, ...) exactly one member is true, so a cause's
  // likelihoods over the group form a distribution; normalising keeps hand-written
  // numbers honest.
  void normalise_groups(CauseDef& d) {
    std::map<std::string, double> sums;
    for (size_t f = 0; f < k_.findings.size(); ++f) {
      if (!k_.findings[f].group.empty()) sums[k_.findings[f].group] += d.likelihood[f];
    }
    for (size_t f = 0; f < k_.findings.size(); ++f) {
      const auto& g = k_.findings[f].group;
      if (!g.empty() && sums[g] > 0) d.likelihood[f] /= sums[g];
    }
  }

  void load_red_flags() {
    const json& list = array(root_, "(root)", "red_flags");
    std::set<std::string> ids;
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "red_flags[" + std::to_string(i) + "]";
      const json& r = list[i];
      RedFlagDef d;
      d.id = str(r, at, "id");
      if (!ids.insert(d.id).second) fail(at + ".id", "duplicate red flag '" + d.id + "'");
      d.name = str(r, at, "name");
      d.guidance = str(r, at, "guidance");
      if (d.guidance.find("{number}") == std::string::npos)
        fail(at + ".guidance", "must name {number}");
      if (r.contains("triage")) d.triage = triage_of(r["triage"], at + ".triage");
      const json& causes = array(r, at, "causes", false);
      for (size_t j = 0; j < causes.size(); ++j) {
        std::string where = at + ".causes[" + std::to_string(j) + "]";
        auto cause = causes[j].is_string()
                         ? std::find_if(k_.causes.begin(), k_.causes.end(),
                                        [&](const CauseDef& c) { return c.id == causes[j]; })
                         : k_.causes.end();
        if (cause == k_.causes.end()) fail(where, "unknown cause");
        d.causes.push_back(static_cast<int>(cause - k_.causes.begin()));
      }
      const json& rules = array(r, at, "rules");
      for (size_t j = 0; j < rules.size(); ++j)
        d.rules.push_back(condition(rules[j], at + ".rules[" + std::to_string(j) + "]"));
      d.phrases = phrases(r, at, "phrases");
      d.other_meanings = phrases(r, at, "other_meanings");
      if (d.rules.empty() && d.phrases.empty()) fail(at, "needs rules or phrases");
      d.sources = source_refs(r, at);
      k_.red_flags.push_back(std::move(d));
    }
    for (const char* id : kCanonicalRedFlags) {
      if (!ids.count(id)) fail("red_flags", std::string("missing canonical red flag '") + id + "'");
    }
    for (const auto& ref : pending_flag_refs_) {
      auto it = std::find_if(k_.red_flags.begin(), k_.red_flags.end(),
                             [&](const RedFlagDef& f) { return f.id == ref.id; });
      if (it == k_.red_flags.end()) fail(ref.where, "unknown red flag '" + ref.id + "'");
      k_.questions[ref.question].red_flags.push_back(static_cast<int>(it - k_.red_flags.begin()));
    }
  }

  void load_floors() {
    const json& list = array(root_, "(root)", "floors");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "floors[" + std::to_string(i) + "]";
      k_.floors.push_back({str(list[i], at, "id"),
                           condition(member(list[i], at, "when"), at + ".when"),
                           triage_of(member(list[i], at, "triage"), at + ".triage")});
    }
  }

  void load_safety_net() {
    if (k_.text("safety_net").find("{signs}") == std::string::npos)
      fail("texts.safety_net", "must hold {signs}");
    const json& list = array(root_, "(root)", "safety_net");
    if (list.empty()) fail("safety_net", "must list the red-flag signs (brief §5.3)");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string at = "safety_net[" + std::to_string(i) + "]";
      k_.safety_net.push_back(
          {str(list[i], at, "text"), condition(member(list[i], at, "when"), at + ".when")});
    }
  }

  // Red-flag closure (docs/interview.md) asks the finding that decides a partly met rule;
  // a rule with a member no question asks could never be closed. A rule of one finding,
  // or of `any` alone, is never partly met without firing, so it needs no question.
  void check_red_flags_closable() {
    for (size_t r = 0; r < k_.red_flags.size(); ++r) {
      for (size_t j = 0; j < k_.red_flags[r].rules.size(); ++j) {
        const Condition& rule = k_.red_flags[r].rules[j];
        if (rule.all.empty() || rule.all.size() + rule.any.size() < 2) continue;
        std::vector<int> members = rule.all;
        members.insert(members.end(), rule.any.begin(), rule.any.end());
        for (int f : members) {
          bool asked =
              std::any_of(k_.questions.begin(), k_.questions.end(), [&](const QuestionDef& q) {
                return std::find(q.determines.begin(), q.determines.end(), f) != q.determines.end();
              });
          if (!asked) {
            fail("red_flags[" + std::to_string(r) + "].rules[" + std::to_string(j) + "]",
                 "no question asks '" + k_.findings[f].id + "', so the rule could never be closed");
          }
          for (size_t i = 0; i < k_.questions.size(); ++i) {
            const QuestionDef& q = k_.questions[i];
            bool decides =
                std::find(q.determines.begin(), q.determines.end(), f) != q.determines.end();
            if (decides && q.plainer.empty())
              fail("questions[" + std::to_string(i) + "].plainer",
                   "a question that closes a red flag needs plainer words for its re-ask");
          }
        }
      }
    }
  }

  // A question is unreachable when its ask_if needs a finding nothing can set (no
  // question determines it and no phrase mentions it), or contradicts itself.
  void check_reachable() {
    std::vector<bool> settable(k_.findings.size(), false);
    for (size_t f = 0; f < k_.findings.size(); ++f) settable[f] = !k_.findings[f].phrases.empty();
    for (const auto& q : k_.questions) {
      for (int f : q.determines) settable[f] = true;
    }
    for (const auto& f : k_.findings) {
      if (f.past_finding >= 0) settable[f.past_finding] = true;
    }
    for (size_t i = 0; i < k_.questions.size(); ++i) {
      const auto& q = k_.questions[i];
      std::string at = "questions[" + std::to_string(i) + "].ask_if";
      for (int f : q.ask_if.all) {
        if (!settable[f])
          fail(at, "unreachable question: needs '" + k_.findings[f].id + "', which nothing sets");
        if (std::find(q.ask_if.none.begin(), q.ask_if.none.end(), f) != q.ask_if.none.end()) {
          fail(at,
               "unreachable question: '" + k_.findings[f].id + "' is both required and excluded");
        }
      }
      for (int f : q.ask_if.all) {
        if (std::find(q.determines.begin(), q.determines.end(), f) != q.determines.end()) {
          fail(at, "unreachable question: needs its own answer '" + k_.findings[f].id + "'");
        }
      }
      if (!q.ask_if.any.empty() && std::none_of(q.ask_if.any.begin(), q.ask_if.any.end(),
                                                [&](int f) { return settable[f]; })) {
        fail(at, "unreachable question: no finding in 'any' can be set");
      }
    }
  }

  const json& root_;
  KnowledgeData k_;
  std::set<std::string> sources_;
  struct FlagRef {
    std::string where;
    size_t question;
    std::string id;
  };
  std::vector<FlagRef> pending_flag_refs_;
};

}  // namespace

Result<Knowledge> load_knowledge(std::string_view json_text) {
  json root = json::parse(json_text, nullptr, false);
  if (root.is_discarded()) return make_error(ErrorCode::bad_knowledge, "knowledge: malformed JSON");
  try {
    auto data = std::make_shared<const KnowledgeData>(Loader(root).load());
    return Knowledge(std::move(data));
  } catch (const Failure& failure) {
    return make_error(ErrorCode::bad_knowledge, "knowledge: " + failure.message);
  } catch (const json::exception& e) {
    return make_error(ErrorCode::bad_knowledge,
                      std::string("knowledge: unexpected value: ") + e.what());
  }
}

}  // namespace triagebot::dialogs
