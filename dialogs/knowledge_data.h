// The parsed, validated knowledge base (dialogs/knowledge/SCHEMA.md describes the JSON).
// Built once by load_knowledge() and never changed afterwards, so any thread may read it.
// Findings are referred to by index everywhere below; ids stay in the tables for output.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dialogs/phrase_index.h"
#include "dialogs/phrase_list.h"
#include "dialogs/reply.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// A condition over known findings. Unknown findings satisfy neither all/any nor none.
struct Condition {
  std::vector<int> all;        // every one known true
  std::vector<int> any;        // at least one known true (when not empty)
  std::vector<int> none;       // none known true
  std::vector<int> not_false;  // none known false
  bool empty() const { return all.empty() && any.empty() && none.empty() && not_false.empty(); }
};

struct FindingDef {
  std::string id;
  std::string group;  // mutually exclusive set (side, onset, duration, age, sex) or empty
  double base = 0.1;  // P(finding | a cause that does not list it)
  std::string says_yes, says_no;
  std::vector<Phrase> phrases, not_phrases;
  // Longer phrases in which the finding's words mean something else ("weak bladder" is
  // no leg weakness, "hot and cold" no cold leg): a match that begins or ends inside one
  // states nothing.
  std::vector<Phrase> other_meanings;
  // Phrases that state the finding whenever it happened, as an "ever" finding's do: a
  // transplant or HIV keeps someone immunosuppressed ("had a liver transplant in 2015"),
  // where "was on steroids years ago" does not.
  std::vector<Phrase> lasting_phrases;
  int past_finding = -1;  // set instead when mentioned as long past (brief §2 MS history)
  // A body temperature typed as the answer to this finding's question ("38.9") at or above
  // this many °C is a yes (fever: 38, the NHS's "high temperature"); 0 = not read.
  double from_temperature_c = 0;
  // An amount of alcohol typed as the answer ("about 30 units a week", "a few pints every
  // night") above this many UK units a week is a yes, at or below it a no; 0 = not read.
  double above_units_per_week = 0;
  // A story told day by day (dialogs/day_by_day.h) states this finding: an illness that
  // moves on, told a day at a time, is one getting worse.
  bool from_day_by_day = false;
  // The other members of its group, ascending (built at load): a step asks about a
  // finding's group many times, and comparing group names over every finding each time
  // was most of the posterior's cost.
  std::vector<int> siblings;
};

struct ChoiceDef {
  std::string key, label, id;  // id = "<question>:<key>"
  std::vector<int> sets;       // findings this choice makes true (group siblings become false)
  std::vector<Phrase> phrases;
  double low = 0, high = 0;  // age in years or duration in days (kind age/duration)
  bool unsure = false;
  std::vector<Token> label_tokens;  // tokenize(label), at load: read_choice compares them
};

enum class QuestionKind { yes_no, choice, age, duration };

struct QuestionDef {
  std::string id, text, plainer;
  std::vector<Token> text_tokens;     // tokenize(text), at load: the answer reader reads them
  std::vector<Token> plainer_tokens;  // tokenize(plainer), likewise
  QuestionKind kind = QuestionKind::yes_no;
  int finding = -1;                // yes_no: the finding a "yes" makes true
  std::vector<ChoiceDef> choices;  // always ends with the "not sure" choice
  int screen = 0;                  // red-flag screen order (brief §4); 0 = not a screen
  bool core = false;               // asked after the screens whatever the gain
  // Asks about the time before the illness began ("a new medicine in the months before
  // this began"): an answer dated months ago is in what is asked, not an old story.
  bool before_onset = false;
  // The stretch of the recent past the question names, if any (`time_asked`). "recent"
  // ("Have you recently had a fall ...?"): a reply whose last clause denies the recent
  // past ("used to, not lately") is a no. "last_weeks" ("an infection in the last six
  // weeks"): "a month ago" is inside it, though the lexicon counts it distant past.
  enum class TimeAsked { unnamed, recent, last_weeks };
  TimeAsked time_asked = TimeAsked::unnamed;
  // Asks whether there is a pain at all ("Do you have back pain?"), not what kind:
  // "only a dull ache" admits one (`asks_if_pain`).
  bool asks_if_pain = false;
  std::vector<int> red_flags;
  Condition ask_if;
  std::vector<Phrase> yes_phrases, no_phrases;
  std::vector<int> determines;  // findings this question settles
};

struct Escalation {
  Condition when;
  Triage triage = Triage::routine;
};

struct CauseDef {
  std::string id, name, description;
  double prior = 0;
  Triage triage = Triage::routine;
  std::vector<double> likelihood;  // per finding, floored, group-normalised
  // std::log of likelihood and of 1 - likelihood, per finding (built at load, so the
  // posterior adds the very same numbers without computing a logarithm per step).
  std::vector<double> log_yes, log_no;
  std::vector<Escalation> escalations;
  // Self-care is given for this cause only when the benign feature that defines it was
  // confirmed (issue 10 §7, e.g. a position trigger and full recovery); otherwise routine.
  // Required for a cause that can reach self_care.
  Condition self_care_when;
  std::vector<std::string> sources;
};

struct RedFlagDef {
  std::string id, name, guidance;
  Triage triage = Triage::emergency;  // the level this flag forces (brief §3)
  std::vector<int> causes;            // causes it points at: ranked first when it fires
  std::vector<Condition> rules;
  std::vector<Phrase> phrases;
  // Words around a phrase that make it mean something else ("can't walk any more than
  // half a mile" is a walking distance, not "can't walk any more"): a match that begins
  // or ends inside one names nothing, as a finding's other_meanings.
  std::vector<Phrase> other_meanings;
  std::vector<std::string> sources;
};

struct FloorDef {
  std::string id;
  Condition when;
  Triage triage = Triage::routine;
};

// One sign of the assessment's safety net, listed only when `when` holds: a sign the
// person already has is not given as "if this appears" (issue 10 §7).
struct SafetySign {
  std::string text;
  Condition when;
};

struct Settings {
  double likelihood_floor = 0.02;
  double stop_posterior = 0.6;
  double stop_ratio = 2.5;
  double min_gain = 0.04;
  int max_questions = 14;
  double triage_posterior = 0.25;
  int max_causes = 5;
  int max_reasons = 3;
  double reason_ratio = 1.5;
  // Scores become words (docs/interview.md): the leader at or above the first is "most
  // likely"; others at or above the second are "possible"; the rest "less likely".
  double most_likely_posterior = 0.5;
  double possible_posterior = 0.1;
};

struct Lexicon {
  NegationRules negation;
  WordSet every_words, common_words;
  PhraseList unsure, no_lead, yes_lead, no_anywhere, yes_anywhere, distant_past, symptom_words;
  // What a symptom did, told in a day of a day-by-day story ("Tuesday I struggled on the
  // stairs"): such a day names the illness as a symptom word does (day_by_day.h).
  PhraseList story_words;
  // "makes no difference", "does nothing": said right after what brings a symptom on or
  // eases it ("coughing doesn't change it one bit"), the effect is denied.
  PhraseList no_effect;
  WordMap<int> number_words;
  // Findings that are new events or signs: a past or long-standing mention ("incontinent
  // for years", "fell off my bike when I was 12") does not state them now.
  std::set<int> new_findings;
  // Findings a past mention does state ("had cancer 8 years ago", "used to smoke").
  std::set<int> ever_findings;
  // Findings that are an effect on the symptom (coughing makes it worse, standing still
  // eases it): their trigger named and then said to make no difference is a denial.
  std::set<int> effect_findings;
  // Findings that, read in one message with other members of their group, overrule
  // them ("my left leg, and now the other leg too" is both legs).
  std::vector<int> prevailing_findings;
};

// Where a phrase of the reader's index (KnowledgeData::phrase_index) belongs: an id is
// its place in KnowledgeData::indexed_phrases. Findings come first in knowledge order,
// each with its other meanings, its phrases then its not_phrases, then the red flags: the
// order in which the reader used to try them, so matches come out in the same order (an
// other meaning is met before the phrases it hides).
struct IndexedPhrase {
  enum class Owner { finding_other_meaning, finding, finding_lasting, finding_denial, red_flag };
  Owner owner = Owner::finding;
  int index = 0;  // the finding or red flag
  int item = 0;   // the phrase's place in that owner's list
};

struct KnowledgeData {
  Settings settings;
  Lexicon lexicon;
  // Every word the base and the answer reader know: never "corrected" by spelling.
  Vocabulary vocabulary;
  // Every finding and red-flag phrase by its first word, built at load (phrase_index.h).
  PhraseIndex phrase_index;
  std::vector<IndexedPhrase> indexed_phrases;
  std::vector<FindingDef> findings;
  std::vector<QuestionDef> questions;
  std::vector<CauseDef> causes;
  std::vector<RedFlagDef> red_flags;
  std::vector<FloorDef> floors;
  std::vector<SafetySign> safety_net;
  std::map<std::string, std::string> texts;
  std::map<Triage, std::pair<std::string, std::string>> triage_texts;  // label, advice
  WordMap<int> finding_index, question_index;
  // Every finding's index, in the order of their ids: the engine state stores its
  // findings in this order, which is the stored JSON object's own (a std::map), so each
  // is placed at its end without a search.
  std::vector<int> findings_by_id;

  int finding(const std::string& id) const {
    auto it = finding_index.find(id);
    return it == finding_index.end() ? -1 : it->second;
  }
  const QuestionDef* question(const std::string& id) const {
    auto it = question_index.find(id);
    return it == question_index.end() ? nullptr : &questions[it->second];
  }
  const std::string& text(const std::string& key) const;
  const Phrase& phrase(const IndexedPhrase& p) const {
    switch (p.owner) {
      case IndexedPhrase::Owner::finding_other_meaning:
        return findings[p.index].other_meanings[p.item];
      case IndexedPhrase::Owner::finding:
        return findings[p.index].phrases[p.item];
      case IndexedPhrase::Owner::finding_lasting:
        return findings[p.index].lasting_phrases[p.item];
      case IndexedPhrase::Owner::finding_denial:
        return findings[p.index].not_phrases[p.item];
      case IndexedPhrase::Owner::red_flag:
        break;
    }
    return red_flags[p.index].phrases[p.item];
  }
};

}  // namespace triagebot::dialogs
