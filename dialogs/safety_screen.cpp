#include "dialogs/safety_screen.h"

#include <algorithm>
#include <array>
#include <span>

#include "dialogs/safety_model.h"
#include "dialogs/safety_rules.h"
#include "dialogs/safety_text.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {
namespace {

using safety::Clause;
using safety::IndexedClause;
using safety::Negation;
using safety::Pattern;
using safety::PatternMatch;
using safety::Rule;

constexpr std::array<std::pair<SafetyCategory, std::string_view>, 7> kNames = {{
    {SafetyCategory::chest_pain, "chest_pain"},
    {SafetyCategory::breathing, "breathing"},
    {SafetyCategory::collapse_unresponsive, "collapse_unresponsive"},
    {SafetyCategory::severe_bleeding, "severe_bleeding"},
    {SafetyCategory::overdose_poisoning, "overdose_poisoning"},
    {SafetyCategory::self_harm, "self_harm"},
    {SafetyCategory::abuse, "abuse"},
}};

bool is_one_of(const std::string& word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Words that deny what follows within three words (NegEx's window, Chapman et al. 2001),
// in English and the five other languages the screen reads.
bool denies(const std::string& word, Negation negation) {
  if (negation == Negation::none) return false;
  if (is_one_of(word, {"no",   "not",  "never", "nor",   "without", "denies", "deny",   "nothing",
                       "none", "isnt", "arent", "wasnt", "werent",  "nearly", "almost", "sin",
                       "sans", "pas",  "kein",  "keine", "nicht",   "sem",    "senza"}))
    return true;
  return negation == Negation::full &&
         is_one_of(word, {"dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "wont"});
}

// A negator followed by a word of how one is ("not ok", "not fine", "not good") is spent
// on that word: "im not ok i want to die" denies being ok, not the wish. So is one on a
// verb of ending: "it won't stop pouring" denies the stopping, not the flow.
bool spent_on_a_state(const Clause& clause, int negator, int match_first) {
  return negator + 1 < match_first &&
         is_one_of(clause[negator + 1],
                   {"ok", "okay", "k", "fine", "good", "well", "great", "alright", "right", "stop",
                    "stopping", "ease", "easing", "settle", "settling", "quit"});
}

bool negated(const Clause& clause, const PatternMatch& match, Negation negation) {
  for (int i = std::max(0, match.first - 3); i < match.first; ++i)
    if (denies(clause[i], negation) && !spent_on_a_state(clause, i, match.first)) return true;
  return std::any_of(match.gap_words.begin(), match.gap_words.end(),
                     [&](int i) { return denies(clause[i], negation); });
}

// Looking back from the match to the start of the clause: a body part means it is the
// subject ("my foot has gone to sleep and won't wake up"), unless a person is named
// nearer ("my leg hurt and then he collapsed", "my legs are numb and I can hardly get any
// air in").
bool body_part_before(const Clause& clause, const PatternMatch& match) {
  for (int i = match.first - 1; i >= 0; --i) {
    const std::string& word = clause[i];
    if (is_one_of(word, {"i", "im", "bf", "gf", "boyfriend", "girlfriend", "hubby"}) ||
        is_one_of(word, {"he",       "she",     "they",    "him",     "her",      "hes",
                         "shes",     "theyre",  "dad",     "mum",     "mom",      "mother",
                         "father",   "husband", "wife",    "son",     "daughter", "someone",
                         "somebody", "baby",    "child",   "kid",     "friend",   "partner",
                         "brother",  "sister",  "grandad", "grandma", "nan"}))
      return false;
    if (is_one_of(word, {"foot", "feet",  "leg",   "legs",   "toe",    "toes",  "arm",
                         "arms", "hand",  "hands", "calf",   "calves", "thigh", "thighs",
                         "knee", "knees", "ankle", "ankles", "limb",   "limbs", "skin"}))
      return true;
    // A limb named in the clause before, as "it" gone to sleep: "keeps rubbing his left foot,
    // says it went to sleep and wont wake up" (not "its hard to take a deep breath").
    if (is_one_of(word, {"it", "its"})) {
      for (int k = i + 1; k < match.first; ++k)
        if (is_one_of(clause[k], {"sleep", "asleep", "numb", "dead"})) return true;
    }
  }
  return false;
}

// Whether any of `patterns` may start in the clause. Their ids are consecutive and
// ascending (each rule's and list's patterns are indexed in turn; fast_reader_test holds
// it), so one look at the clause's bits between the first and the last tells.
bool may_start(const IndexedClause& clause, const std::vector<Pattern>& patterns) {
  return !patterns.empty() && clause.starts.any_between(patterns.front().id, patterns.back().id);
}

// Calls `fn(pattern)` for each of `patterns` that starts somewhere in the clause, in
// their order, until it returns true; returns whether it did. As may_start, it relies on
// their ids being consecutive and ascending.
// Calls `fn(rule)` for each rule with a pattern that starts in the clause, in the rules'
// order: only those can fire, and walking the clause's starts finds them without asking
// each of the hundreds of rules in turn (that was 8% of an opening's instructions,
// 2026-12-07). The rules' patterns have consecutive ids in the rules' order
// (safety::rule_of_pattern), so the rule of each ascending start never decreases.
template <class Fn>
void for_each_rule_started(const IndexedClause& clause, Fn&& fn) {
  const auto& rules = safety::rules();
  int previous = -1;
  for (const int id : clause.starts.ids()) {
    const int r = safety::rule_of_pattern(id);
    if (r <= previous) continue;
    previous = r;
    fn(rules[static_cast<size_t>(r)]);
  }
}

template <class Fn>
bool for_each_started(const IndexedClause& clause, const std::vector<Pattern>& patterns, Fn&& fn) {
  if (patterns.empty()) return false;
  const int first = patterns.front().id, last = patterns.back().id;
  for (int id = clause.starts.next_id(first); id >= 0 && id <= last;
       id = clause.starts.next_id(id + 1)) {
    if (fn(patterns[static_cast<size_t>(id - first)])) return true;
  }
  return false;
}

std::optional<PatternMatch> find(const IndexedClause& clause, const Pattern& pattern,
                                 const SpellChecker* spelling) {
  if (!clause.starts.any(pattern.id)) return std::nullopt;  // the usual answer, cheaply
  return safety::find_from(clause.words, pattern, spelling, clause.starts.of(pattern.id));
}

bool any_found(const IndexedClause& clause, const std::vector<Pattern>& patterns,
               const SpellChecker* spelling) {
  return for_each_started(clause, patterns,
                          [&](const Pattern& p) { return find(clause, p, spelling).has_value(); });
}

// "when I was 15", "when they were kids": a time of life gone by; not "when I was walking
// the dog" (tells_what_was_being_done).
bool names_a_time_of_life(const Clause& words) {
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    if (words[i] != "when" || !is_one_of(words[i + 1], {"i", "he", "she", "we", "they"}) ||
        !is_one_of(words[i + 2], {"was", "were"}))
      continue;
    if (i + 3 >= words.size() || !tells_what_was_being_done(words[i + 3])) return true;
  }
  return false;
}

// "in 1994", "years ago", "decades": a time of years, not of weeks.
bool names_years(const Clause& words) {
  return std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return is_calendar_year(w) || w == "years" || w == "yrs" || w == "decades";
  });
}

// A clause about the distant past, with no word bringing it to now. Its words need no
// spell checker (none is typo-tolerant), so none is passed, as before the index.
bool long_past(const IndexedClause& clause) {
  return (any_found(clause, safety::past_words(), nullptr) || names_a_time_of_life(clause.words)) &&
         !any_found(clause, safety::present_words(), nullptr);
}

// A clause that tells, in words not denied, one of `kind` ("it's stopped now", "the
// poison centre said she'd be fine").
bool tells(const IndexedClause& clause, const std::vector<Pattern>& kind) {
  return for_each_started(clause, kind, [&](const Pattern& pattern) {
    auto match = find(clause, pattern, nullptr);
    return match && !negated(clause.words, *match, Negation::full);
  });
}

// The match comes after the "if" of a condition asked about ("would it be bad if I had
// chest pain too?", "what if he passes out?"): a question, not an emergency. Only after
// the "if": "my chest is crushing, would it be ok to wait" still fires. And only a
// supposition about a person ("if I had", "if he passes out"), never brought to now: "what
// if this chest pain is a heart attack?" asks about a pain that is there, and "what if I
// have chest pain right now" tells of one. Missing an emergency is the error not to make.
bool asked_as_a_condition(const Clause& clause, const PatternMatch& match) {
  bool would = false;
  for (int i = 0; i < match.first; ++i) {
    const std::string& word = clause[i];
    // "what should I do if I can't breathe?" asks about a supposition as "what if" does;
    // "you asked if I have chest pain", "my doctor told me if I get chest pain I must
    // call" report one.
    if (is_one_of(word, {"would", "wouldnt", "what", "asked", "ask", "asking", "told", "tell",
                         "said", "says"}))
      would = true;
    // "if the chest pain my doctor warned me about ever comes on": a clause that opens
    // with "if" and says "ever" supposes, whoever the subject.
    const bool opens_with_if = i == 0 && is_one_of(word, {"if"});
    if (!is_one_of(word, {"if"}) || (!would && !opens_with_if)) continue;
    // A person anywhere between the "if" and the match: "if my leg swells or I get short
    // of breath".
    const bool about_a_person =
        std::any_of(clause.begin() + i + 1, clause.begin() + match.first, [](const std::string& w) {
          return is_one_of(w, {"i", "he", "she", "they", "you", "we", "someone", "somebody",
                               "anyone", "anybody"});
        });
    // "if the numbness ever spreads up to my chest": "ever" makes any subject a supposition.
    const bool ever = std::find(clause.begin() + i, clause.end(), "ever") != clause.end();
    const bool now = std::any_of(clause.begin(), clause.end(), [](const std::string& w) {
      return is_one_of(w, {"now", "currently", "atm", "rn", "already"});
    });
    // "if it climbs up to my arms would I have trouble breathing": the clause goes on to
    // ask what would follow, so it supposes too.
    const bool asks_what_follows =
        std::any_of(clause.begin() + i + 1, clause.begin() + match.first, [](const std::string& w) {
          return is_one_of(w, {"would", "could", "might", "will"});
        });
    if (opens_with_if && !would) return (ever || asks_what_follows) && !now;
    return (about_a_person || ever) && !now;
  }
  return false;
}

// A pattern's match speaks for the rule: it is not denied, its subject is not a body
// part where the rule asks for the person (rule.body_part_subject), and a physical
// emergency (rule.past_scoped) is not only a condition asked about. Self-harm "if ..."
// still counts (safety_rules.cpp).
bool match_in_scope(const Rule& rule, const Clause& words, const PatternMatch& match) {
  return !negated(words, match, rule.negation) &&
         !(rule.body_part_subject && body_part_before(words, match)) &&
         !(rule.past_scoped && asked_as_a_condition(words, match));
}

// `past`: the clause is about the distant past (long_past), worked out once per clause.
// The cheap pattern search runs first; scope checks only on a match.
bool rule_fires(const Rule& rule, const IndexedClause& clause, bool past,
                const SpellChecker* spelling) {
  if (rule.past_scoped && past) return false;
  // The rule's patterns that start in the clause, in their order: the first in scope
  // decides.
  std::optional<bool> fires;
  for_each_started(clause, rule.patterns, [&](const Pattern& pattern) {
    auto match = find(clause, pattern, spelling);
    if (!match || !match_in_scope(rule, clause.words, *match)) return false;
    fires = !any_found(clause, rule.unless, spelling);
    return true;
  });
  return fires.value_or(false);
}

// Words that may sit between the two halves of a pattern split over two messages
// without finishing the first one: articles, pronouns, auxiliaries, prepositions,
// intensifiers and light verbs ("my chest" ... "its crushing", "i dont want to" ... "be
// here"). A word of content there ("fine", "leg") means the first message said something
// of its own ("my chest is fine" ... "crushing pain in my leg").
bool joins_halves(const std::string& word) {
  return is_one_of(
      word,
      {"a",     "an",     "the",  "my",   "his",   "her",    "their", "our",     "your",
       "its",   "it",     "itll", "this", "that",  "thats",  "is",    "am",      "are",
       "was",   "were",   "be",   "been", "being", "im",     "ive",   "i",       "me",
       "he",    "hes",    "she",  "shes", "they",  "theyre", "we",    "you",     "to",
       "of",    "in",     "on",   "at",   "for",   "with",   "and",   "so",      "like",
       "just",  "really", "very", "too",  "also",  "still",  "now",   "all",     "feel",
       "feels", "felt",   "has",  "have", "had",   "got",    "gets",  "getting", "keeps",
       "do",    "does",   "did",  "kind", "kinda", "proper", "rly",   "super",   "literally"});
}

// Whether `match` runs across the boundary before word `boundary` of the joined clause,
// with only words that join_halves between its last element before the boundary and its
// first element after it.
bool spans_boundary(const Clause& joined, const PatternMatch& match, int boundary) {
  if (match.first >= boundary || match.last < boundary) return false;
  auto is_gap = [&](int i) {
    return std::find(match.gap_words.begin(), match.gap_words.end(), i) != match.gap_words.end();
  };
  int before = boundary - 1;
  while (before > match.first && is_gap(before)) --before;
  int after = boundary;
  while (after < match.last && is_gap(after)) ++after;
  for (int i = before + 1; i < after; ++i)
    if (!joins_halves(joined[i])) return false;
  return true;
}

// rule_fires for a pattern split over two messages: tried at each start before the
// boundary, it counts only where the match spans it (spans_boundary).
bool rule_fires_across(const Rule& rule, const IndexedClause& clause, int boundary, bool past,
                       const SpellChecker* spelling) {
  if (rule.past_scoped && past) return false;
  if (!may_start(clause, rule.patterns)) return false;
  for (const auto& pattern : rule.patterns) {
    if (!clause.starts.any(pattern.id)) continue;
    for (int start : clause.starts.of(pattern.id)) {
      if (start >= boundary) break;  // ascending: a later start cannot span the boundary
      auto match =
          safety::find_from(clause.words, pattern, spelling, std::span<const int>(&start, 1));
      if (!match || !spans_boundary(clause.words, *match, boundary)) continue;
      if (!match_in_scope(rule, clause.words, *match)) continue;
      return !any_found(clause, rule.unless, spelling);
    }
  }
  return false;
}

// A short clause answered by a lone "no" in the next one ("chest pain? no. breathing
// fine."): a list of symptoms ticked off, not one told.
bool answered_no(const std::vector<IndexedClause>& clauses, size_t i) {
  return i + 1 < clauses.size() && clauses[i].words.size() <= 4 &&
         clauses[i + 1].words.size() == 1 &&
         is_one_of(clauses[i + 1].words[0], {"no", "nope", "nah", "none", "negative", "never"});
}

// A sign of one kind in scope somewhere in the message: not denied, not a condition
// asked about, and not in a clause `set_aside` (long past, or answered no).
bool sign_seen(const std::vector<Pattern>& kind, const std::vector<IndexedClause>& clauses,
               const std::vector<bool>& set_aside, const SpellChecker* spelling) {
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (set_aside[i]) continue;
    const auto& clause = clauses[i];
    const bool seen = for_each_started(clause, kind, [&](const Pattern& pattern) {
      auto match = find(clause, pattern, spelling);
      return match && !negated(clause.words, *match, Negation::full) &&
             !asked_as_a_condition(clause.words, *match);
    });
    if (seen) return true;
  }
  return false;
}

// The second stage (safety_signs.h): a sign of every kind, and nothing that cancels it.
bool signs_add_up(const safety::SignRule& rule, const std::vector<IndexedClause>& clauses,
                  const std::vector<bool>& set_aside, const SpellChecker* spelling) {
  for (const auto& kind : rule.kinds)
    if (!sign_seen(kind, clauses, set_aside, spelling)) return false;
  return std::none_of(clauses.begin(), clauses.end(), [&](const IndexedClause& clause) {
    return any_found(clause, rule.unless, spelling);
  });
}

}  // namespace

std::vector<IndexedClause> index_clauses(const std::vector<Clause>& clauses,
                                         const SpellChecker* spelling) {
  std::vector<IndexedClause> out;
  out.reserve(clauses.size());
  for (const auto& clause : clauses)
    out.push_back({clause, safety::pattern_index().starts(clause, spelling)});
  return out;
}

std::string_view to_string(SafetyCategory category) {
  for (const auto& [value, name] : kNames)
    if (value == category) return name;
  return "unknown";
}

std::optional<SafetyCategory> safety_category_from_string(std::string_view name) {
  for (const auto& [value, known] : kNames)
    if (known == name) return value;
  return std::nullopt;
}

std::vector<SafetyCategory> screen_for_safety(std::string_view text, const SpellChecker* spelling) {
  return screen_for_safety(safety::clauses_of(text), spelling);
}

std::vector<SafetyCategory> screen_for_safety(const std::vector<safety::Clause>& words,
                                              const SpellChecker* spelling) {
  return screen_for_safety(index_clauses(words, spelling), spelling);
}

std::vector<SafetyCategory> screen_for_safety(const std::vector<IndexedClause>& clauses,
                                              const SpellChecker* spelling) {
  auto found = screen_by_rules(clauses, spelling);
  if (found.empty()) {
    if (auto category = backstop_on_what_counts(safety::builtin_safety_model(), clauses))
      found.push_back(*category);
  }
  return found;
}

namespace {

// How each clause stands in time, as the rules read it (screen_by_rules).
struct ClauseTime {
  bool past = false;           // long ago, or dated so by a short clause beside it
  bool cleared_since = false;  // someone who knows said it is all right, after it
  bool over_since = false;     // said to be over, after it
  bool ticked_off = false;     // a no to a listed emergency (answered_no)
  bool set_aside() const { return past || ticked_off || cleared_since; }
  // Long ago and over since, in so many words: what even the backstop leaves alone.
  bool long_over() const { return past && over_since; }
};

std::vector<ClauseTime> clause_times(const std::vector<IndexedClause>& clauses) {
  // Each clause's long_past once: a clause is read for itself and for the one before it.
  // Likewise whether it says an emergency is over, for the two clauses before it.
  const size_t n = clauses.size();
  std::vector<bool> long_ago(n), over(n), cleared(n);
  for (size_t i = 0; i < n; ++i) {
    long_ago[i] = long_past(clauses[i]);
    over[i] = tells(clauses[i], safety::over_words());
    cleared[i] = tells(clauses[i], safety::cleared_words());
  }
  auto said_after = [&](const std::vector<bool>& told, size_t i) {
    return (i + 1 < n && told[i + 1]) || (i + 2 < n && told[i + 2]);
  };
  std::vector<ClauseTime> out(n);
  for (size_t i = 0; i < n; ++i) {
    // A time told in a clause of its own after the event ("I also fainted once giving
    // blood, years ago") dates the clause before it.
    // So does one just before it that names years, when this clause is a short aside with
    // no time of its own ("I had a heart attack in 1994, chest pains an' all, but I've been
    // champion since"); not "last week" ("gave birth last week, a gush came out").
    const bool now = any_found(clauses[i], safety::present_words(), nullptr);
    out[i].past = long_ago[i] ||
                  (i + 1 < n && clauses[i + 1].words.size() <= 4 && long_ago[i + 1]) ||
                  (i > 0 && !now && clauses[i].words.size() <= 4 && long_ago[i - 1] &&
                   names_years(clauses[i - 1].words));
    // Over since, told after it ("bled loads last night but A&E glued it and it's stopped
    // now"), unless the clause itself is now ("he's collapsed now, but ..."). A poisoning
    // only when someone who knows cleared it: feeling fine after too many tablets is how
    // a paracetamol overdose starts.
    out[i].cleared_since = !now && said_after(cleared, i);
    out[i].over_since = out[i].cleared_since || (!now && said_after(over, i));
    out[i].ticked_off = answered_no(clauses, i);
  }
  return out;
}

}  // namespace

std::optional<SafetyCategory> backstop_on_what_counts(const safety::SafetyModel& model,
                                                      const std::vector<IndexedClause>& clauses) {
  const auto verdict = safety::backstop_verdict(model, clauses);
  if (!verdict || *verdict == SafetyCategory::self_harm) return verdict;
  const auto times = clause_times(clauses);
  // Most messages set nothing aside: then the verdict stands as it is.
  if (std::none_of(times.begin(), times.end(), [](const ClauseTime& c) { return c.long_over(); }))
    return verdict;
  std::vector<IndexedClause> counted;
  for (size_t i = 0; i < clauses.size(); ++i)
    if (!times[i].long_over()) counted.push_back(clauses[i]);
  if (counted.empty() || safety::backstop_verdict(model, counted) != verdict) return std::nullopt;
  return verdict;
}

std::vector<SafetyCategory> screen_by_rules(const std::vector<IndexedClause>& clauses,
                                            const SpellChecker* spelling) {
  std::vector<SafetyCategory> found;
  auto note = [&](SafetyCategory c) {
    if (std::find(found.begin(), found.end(), c) == found.end()) found.push_back(c);
  };
  const auto times = clause_times(clauses);
  const size_t n = clauses.size();
  std::vector<bool> set_aside(n);
  for (size_t i = 0; i < n; ++i) {
    const bool past = times[i].past, cleared_since = times[i].cleared_since;
    const bool over_since = times[i].over_since;
    set_aside[i] = times[i].set_aside();
    if (times[i].ticked_off) continue;
    for_each_rule_started(clauses[i], [&](const safety::Rule& rule) {
      if (std::find(found.begin(), found.end(), rule.category) != found.end()) return;
      // Self-harm and abuse count in the past too (a kind answer costs little), except told as
      // long ago and recovered from in so many words ("self-harmed as a teenager, that was
      // 20 years ago and I'm in a really good place now", the seventieth round).
      // So does abuse long over and left behind ("used to beat me but that was 8 years
      // ago, I left", the seventy-sixth round).
      if ((rule.category == SafetyCategory::self_harm || rule.category == SafetyCategory::abuse) &&
          past && cleared_since)
        return;
      const bool gone_by =
          past ||
          (rule.category == SafetyCategory::overdose_poisoning ? cleared_since : over_since);
      if (rule_fires(rule, clauses[i], gone_by, spelling)) note(rule.category);
    });
  }
  for (const auto& rule : safety::sign_rules()) {
    if (std::find(found.begin(), found.end(), rule.category) != found.end()) continue;
    if (signs_add_up(rule, clauses, set_aside, spelling)) note(rule.category);
  }
  int preparations = 0;
  const auto& signs = safety::preparation_signs();
  // Most messages start no sign at all: then none is tried.
  const bool any_sign =
      std::any_of(clauses.begin(), clauses.end(),
                  [&](const IndexedClause& clause) { return may_start(clause, signs); });
  for (size_t i = 0; any_sign && i < signs.size(); ++i) {
    bool seen = std::any_of(clauses.begin(), clauses.end(), [&](const IndexedClause& clause) {
      return find(clause, signs[i], spelling).has_value();
    });
    if (seen) ++preparations;
  }
  if (preparations >= 2) note(SafetyCategory::self_harm);
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<SafetyCategory> screen_across_messages(const Clause& previous,
                                                   const std::vector<Clause>& current,
                                                   const SpellChecker* spelling) {
  return screen_across_messages(previous, index_clauses(current, spelling), spelling);
}

std::vector<SafetyCategory> screen_across_messages(const Clause& previous,
                                                   const std::vector<IndexedClause>& current,
                                                   const SpellChecker* spelling) {
  if (previous.empty() || current.empty()) return {};
  Clause joined = previous;
  joined.insert(joined.end(), current.front().words.begin(), current.front().words.end());
  const int boundary = static_cast<int>(previous.size());
  const IndexedClause clause{
      joined, safety::ClauseStarts::joined(safety::pattern_index().starts(previous, spelling),
                                           boundary, current.front().starts)};
  const bool past = long_past(clause);
  std::vector<SafetyCategory> found;
  for_each_rule_started(clause, [&](const safety::Rule& rule) {
    if (std::find(found.begin(), found.end(), rule.category) != found.end()) return;
    if (rule_fires_across(rule, clause, boundary, past, spelling)) found.push_back(rule.category);
  });
  // One preparation sign in each message: neither alone had two (the engine keeps no
  // words of a message the screen answered, and this runs only when the current message
  // found nothing), so two in the joined clause and the rest are split over both.
  if (std::find(found.begin(), found.end(), SafetyCategory::self_harm) == found.end()) {
    // The joined clause, then the current message's others as the screen indexed them.
    int preparations = 0;
    for (const auto& sign : safety::preparation_signs()) {
      bool seen = find(clause, sign, spelling).has_value();
      for (size_t i = 1; i < current.size() && !seen; ++i)
        seen = find(current[i], sign, spelling).has_value();
      if (seen) ++preparations;
    }
    if (preparations >= 2) found.push_back(SafetyCategory::self_harm);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::optional<std::string> safety_language(std::string_view text, const SpellChecker* spelling) {
  const auto words = safety::clauses_of(text);
  for (const auto& clause : index_clauses(words, spelling)) {
    const bool past = long_past(clause);
    for (const auto& rule : safety::rules()) {
      if (!rule.language.empty() && rule_fires(rule, clause, past, spelling)) return rule.language;
    }
  }
  return std::nullopt;
}

}  // namespace triagebot::dialogs
