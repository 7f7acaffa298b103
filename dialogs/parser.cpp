#include "dialogs/parser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "dialogs/answer_reader.h"
#include "dialogs/answer_words.h"
#include "dialogs/choice_position.h"
#include "dialogs/context_scope.h"
#include "dialogs/day_by_day.h"
#include "dialogs/double_negation.h"
#include "dialogs/drink_reading.h"
#include "dialogs/earlier_question.h"
#include "dialogs/idioms.h"
#include "dialogs/spelling_normaliser.h"
#include "dialogs/temperature_reading.h"

namespace triagebot::dialogs {
namespace {

bool is_word(const std::vector<Token>& t, int i) {
  return i >= 0 && i < static_cast<int>(t.size()) && !t[i].punct;
}
bool word_is(const std::vector<Token>& t, int i, std::string_view w) {
  return is_word(t, i) && t[i].word == w;
}
template <class Set>
bool word_in(const std::vector<Token>& t, int i, const Set& set) {
  return is_word(t, i) && set.count(t[i].word) != 0;
}

bool all_digits(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  }) && std::isdigit(static_cast<unsigned char>(w.front()));
}

// A number written in digits or words ("41", "forty one", "ten"); `end` is the last token used.
std::optional<double> number_at(const KnowledgeData& k, const std::vector<Token>& t, int i,
                                int* end) {
  if (!is_word(t, i)) return std::nullopt;
  if (all_digits(t[i].word)) {
    if (end) *end = i;
    return std::strtod(t[i].word.c_str(), nullptr);
  }
  const auto& words = k.lexicon.number_words;
  auto it = words.find(t[i].word);
  if (it == words.end()) return std::nullopt;
  double value = it->second;
  int last = i;
  if (value >= 20 && value < 100 && static_cast<int>(value) % 10 == 0 && is_word(t, i + 1)) {
    auto next = words.find(t[i + 1].word);
    if (next != words.end() && next->second > 0 && next->second < 10) {
      value += next->second;
      last = i + 1;
    }
  }
  if (end) *end = last;
  return value;
}

// The number that ends at token `i` (so "three or four months" reads 4, "forty one" 41).
std::optional<double> number_ending_at(const KnowledgeData& k, const std::vector<Token>& t, int i) {
  for (int start = std::max(0, i - 1); start <= i; ++start) {
    int end = -1;
    auto v = number_at(k, t, start, &end);
    if (v && end == i) return v;
  }
  return std::nullopt;
}

std::optional<double> decade_word(const std::string& w) {
  static const WordMap<double> decades = {{"teens", 15},     {"twenties", 25}, {"thirties", 35},
                                          {"forties", 45},   {"fifties", 55},  {"sixties", 65},
                                          {"seventies", 75}, {"eighties", 85}, {"nineties", 95}};
  auto it = decades.find(w);
  if (it != decades.end()) return it->second;
  if (w.size() == 3 && std::isdigit(static_cast<unsigned char>(w[0])) && w[1] == '0' &&
      w[2] == 's') {
    return (w[0] - '0') * 10 + 5;
  }
  return std::nullopt;
}

double unit_days(std::string_view w) {
  static const WordMap<double> units = {{"second", 1.0 / 86400},
                                        {"seconds", 1.0 / 86400},
                                        {"minute", 1.0 / 1440},
                                        {"minutes", 1.0 / 1440},
                                        {"min", 1.0 / 1440},
                                        {"mins", 1.0 / 1440},
                                        {"hour", 1.0 / 24},
                                        {"hours", 1.0 / 24},
                                        {"hr", 1.0 / 24},
                                        {"hrs", 1.0 / 24},
                                        {"day", 1},
                                        {"days", 1},
                                        {"night", 1},
                                        {"nights", 1},
                                        {"week", 7},
                                        {"weeks", 7},
                                        {"wk", 7},
                                        {"wks", 7},
                                        {"fortnight", 14},
                                        {"fortnights", 14},
                                        {"month", 30.4},
                                        {"months", 30.4},
                                        {"year", 365},
                                        {"years", 365},
                                        {"yr", 365},
                                        {"yrs", 365}};
  auto it = units.find(w);
  return it == units.end() ? 0 : it->second;
}

// Whether a phrase of `phrases` starts at a token in [from, to).
bool phrase_in_range(const std::vector<Token>& t, const PhraseList& phrases, int from, int to) {
  return phrases.any_in(t, from, to);
}

// The person's own words for a mention: the stretch of the message (ConText segment)
// it sits in, as typed.
std::string quote(std::string_view text, const std::vector<Token>& t, const Segment& seg) {
  size_t begin = t[seg.first].begin, end = t[seg.last].end;
  if (begin >= end || end > text.size()) return {};
  return std::string(text.substr(begin, end - begin));
}

// Whether a mention in `seg` states finding `f` now. ConText's time axis: a finding that
// is a new event ("new_findings": a fall, incontinence, stroke signs) is not stated by a
// past or long-standing mention; a finding that counts whenever it happened
// ("ever_findings": cancer, smoking) always is, unless a relative had it ("my dad had
// bowel cancer" is family history, as is one the patient set apart with a no: "no but my
// sister has leukaemia"); any other finding is stated unless the mention is
// over and done ("was on steroids years ago, not now"), and a relative's untimed event
// ("my dad had a fall") is a carer's report, the safer reading.
enum class Stated { now, past, no };

Stated stated(const Lexicon& lex, int f, const Segment& seg, bool lasting) {
  if (seg.states_nothing()) return Stated::no;
  // "do you think it's cancer?" fears a diagnosis, it tells no history; a symptom asked
  // about the same way ("could it be that my face is drooping?") was still noticed.
  const bool ever = lasting || lex.ever_findings.count(f);
  if (seg.guessed && ever) return Stated::no;
  if (ever) return seg.relative_had || seg.relative_apart ? Stated::no : Stated::now;
  if (seg.time == TimeScope::historical || seg.nothing_new) return Stated::past;
  if (seg.time == TimeScope::long_standing && lex.new_findings.count(f)) return Stated::past;
  return Stated::now;
}

// What one message says of one finding, from its phrases' matches in the order the
// reader meets them.
struct Mentions {
  bool present = false, absent = false, past = false;
  int quoted = -1;  // the segment of the first mention that states it now
};

// `lasting`: the match is one of the finding's lasting_phrases.
void note_mention(const Lexicon& lex, int f, const Scopes& scopes, const Match& m, bool lasting,
                  Mentions& out) {
  Stated when = stated(lex, f, scopes.at(m.first), lasting);
  if (when == Stated::no) return;
  if (when == Stated::past) {
    if (!m.negated) out.past = true;
    return;
  }
  if (m.negated) {
    out.absent = true;
  } else if (!out.present) {
    out.present = true;
    out.quoted = scopes.segment_of[m.first];
  }
}

void settle_finding(const KnowledgeData& k, std::string_view text, const std::vector<Token>& t,
                    const Scopes& scopes, int f, const Mentions& m, Reading& out) {
  // A stated symptom outweighs a denial elsewhere in the same message ("no fever,
  // but I was shivering all night"): safer to believe the symptom.
  if (m.present) {
    out.findings[f] = true;
    std::string words = quote(text, t, scopes.segments[m.quoted]);
    if (!words.empty()) out.evidence[f] = words;
  } else if (m.absent) {
    out.findings[f] = false;
  }
  const int past_finding = k.findings[f].past_finding;
  if (m.past && !m.present && past_finding >= 0) out.findings[past_finding] = true;
}

// "coughing doesn't change it one bit", "standing still does nothing": an effect's
// trigger followed, in the same breath, by no effect at all is the effect denied (the
// match comes back negated). Only for lexicon.effect_findings: "the numbness doesn't
// change" still states the numbness.
Match said_to_do_nothing(const Lexicon& lex, int f, const std::vector<Token>& t, Match m) {
  if (m.negated || !lex.effect_findings.count(f)) return m;
  constexpr int kNear = 4;  // words between the trigger and what it does not do
  const int n = static_cast<int>(t.size());
  // The trigger may be echoed as a question first ("stand still? does nothing").
  const int from = m.last + 1 < n && t[m.last + 1].is("?") ? m.last + 2 : m.last + 1;
  for (int j = from; j < n && j <= from + kNear && !t[j].punct; ++j) {
    if (lex.no_effect.match_at(t, j) >= 0) {
      m.negated = true;
      break;
    }
  }
  return m;
}

// `starts`: where the knowledge base's phrases may begin (phrase_index.h), in the order
// finding by finding, phrases before not_phrases. A finding none of whose phrases can
// start anywhere has no mention, so only the findings named there are visited, still in
// knowledge order (a finding's past_finding may be another finding's own reading).
// Whether a segment of the message dates the complaint to the last hours ("about an hour
// ago", "this morning", "suddenly") beside a long-standing one: something new on top of
// something old. Not "now" alone ("more noticeable now", "for six months now"), which
// goes on with the old.
bool complaint_dated_now(const KnowledgeData& k, const std::vector<Token>& t,
                         const Scopes& scopes) {
  static const PhraseList lately =
      compile_phrases({"hour ago", "hours ago", "minutes ago", "mins ago", "min ago", "today",
                       "tonight", "this morning", "this afternoon", "this evening", "yesterday",
                       "last night", "just now", "suddenly", "out of nowhere"});
  if (!scopes.any(TimeScope::long_standing)) return false;
  for (const Segment& seg : scopes.segments)
    if (seg.time == TimeScope::current && lately.any_in(t, seg.first, seg.last + 1, true) &&
        phrase_in_range(t, k.lexicon.symptom_words, seg.first, seg.last + 1))
      return true;
  return false;
}

// `new_now`: complaint_dated_now. How it began is then the new complaint's ("feet been numb
// for yrs. about an hour ago ... her left leg went numb", the seventy-first set): an onset
// said of the old one is not read.
void read_findings(const KnowledgeData& k, std::string_view text, const std::vector<Token>& t,
                   const Scopes& scopes, const std::vector<PhraseStart>& starts, bool new_now,
                   Reading& out) {
  using Owner = IndexedPhrase::Owner;
  const auto& rules = k.lexicon.negation;
  size_t s = 0;
  while (s < starts.size() && k.indexed_phrases[starts[s].id].owner != Owner::red_flag) {
    const int f = k.indexed_phrases[starts[s].id].index;
    Mentions mentions;
    // "weak bladder", "hot and cold": words that mean something else there. A match
    // that begins or ends in one ("leg numb, hot and cold" for "leg ... cold") is hidden.
    std::vector<Match> other_meanings;
    auto inside_another_meaning = [&](const Match& m) {
      auto in = [](int i, const Match& o) { return o.first <= i && i <= o.last; };
      return std::any_of(other_meanings.begin(), other_meanings.end(),
                         [&](const Match& o) { return in(m.first, o) || in(m.last, o); });
    };
    for (; s < starts.size(); ++s) {
      const IndexedPhrase& p = k.indexed_phrases[starts[s].id];
      if (p.owner == Owner::red_flag || p.index != f) break;
      auto m = match_at(t, k.phrase(p), rules, starts[s].at);
      if (!m) continue;
      if (p.owner == Owner::finding_other_meaning)
        other_meanings.push_back(*m);
      else if (inside_another_meaning(*m))
        continue;
      else if (new_now && k.findings[f].group == "onset" &&
               scopes.at(m->first).time == TimeScope::long_standing)
        continue;
      else if (p.owner == Owner::finding || p.owner == Owner::finding_lasting)
        note_mention(k.lexicon, f, scopes, said_to_do_nothing(k.lexicon, f, t, *m),
                     p.owner == Owner::finding_lasting, mentions);
      else if (!m->negated && !scopes.at(m->first).states_nothing())
        mentions.absent = true;
    }
    settle_finding(k, text, t, scopes, f, mentions, out);
  }
  // "my left leg, and now the other leg too": a prevailing finding overrules the other
  // members of its group read in the same message.
  for (int f : k.lexicon.prevailing_findings) {
    auto it = out.findings.find(f);
    const std::string& group = k.findings[f].group;
    if (it == out.findings.end() || !it->second || group.empty()) continue;
    for (size_t g = 0; g < k.findings.size(); ++g) {
      if (static_cast<int>(g) != f && k.findings[g].group == group) {
        out.findings.erase(static_cast<int>(g));
        out.evidence.erase(static_cast<int>(g));
      }
    }
  }
}

// A story told day by day ("Thursday my toes went tingly, Friday I was struggling up the
// stairs, ... and today my fingers feel weak") states the findings marked
// from_day_by_day (worsening), quoted, unless the message said them either way already
// or the story is about the past.
void read_day_by_day(const KnowledgeData& k, std::string_view text, const std::vector<Token>& t,
                     const Scopes& scopes, Reading& out) {
  std::vector<int> unsaid;
  for (size_t f = 0; f < k.findings.size(); ++f)
    if (k.findings[f].from_day_by_day && !out.findings.count(static_cast<int>(f)))
      unsaid.push_back(static_cast<int>(f));
  if (unsaid.empty()) return;
  const auto story = day_by_day_story(t, k.lexicon.symptom_words, k.lexicon.story_words);
  if (!story || scopes.at(story->first).time == TimeScope::historical) return;
  const size_t begin = t[story->first].begin, end = t[story->last].end;
  for (int f : unsaid) {
    out.findings[f] = true;
    if (begin < end && end <= text.size())
      out.evidence[f] = std::string(text.substr(begin, end - begin));
  }
}

// Whether a match begins or ends inside one of `meanings` matched anywhere in `t`
// ("cannot walk any more than half a mile" for "cannot walk any more"). Tried only when
// a red flag's phrase has matched, which is rare.
bool inside_other_meaning(const std::vector<Token>& t, const std::vector<Phrase>& meanings,
                          const Match& m) {
  for (const Phrase& meaning : meanings) {
    for (int at = 0; at < static_cast<int>(t.size()); ++at) {
      int last = 0;
      if (!matches_at(t, meaning, at, &last)) continue;
      if ((at <= m.first && m.first <= last) || (at <= m.last && m.last <= last)) return true;
    }
  }
  return false;
}

// A red flag is named when one of its phrases matches, not negated, about the person,
// now, and not inside one of its other meanings. `starts` as for read_findings; the red
// flags' phrases come after the findings'.
void read_red_flags(const KnowledgeData& k, const std::vector<Token>& t, const Scopes& scopes,
                    const std::vector<PhraseStart>& starts, Reading& out) {
  // A leg gone dead from sitting on it that "gave way" when stood on and was fine in
  // minutes ("sat cross-legged for the whole final ... legs gave way ... dead numb for
  // like 5 mins then totally fine"): no weakness getting worse. Only the weakness flags;
  // a face or speech that came and went is still a stroke's sign.
  auto stated = [&](const char* id) {
    auto it = out.findings.find(k.finding(id));
    return it != out.findings.end() && it->second;
  };
  const bool dead_leg_from_sitting = stated("position_trigger") && stated("resolved_quickly");
  for (const PhraseStart& start : starts) {
    const IndexedPhrase& p = k.indexed_phrases[start.id];
    if (p.owner != IndexedPhrase::Owner::red_flag) continue;
    const std::string& flag = k.red_flags[p.index].id;
    if (dead_leg_from_sitting &&
        (flag == "rapidly_progressive_weakness" || flag == "ascending_weakness"))
      continue;
    if (!out.red_flags.empty() && out.red_flags.back() == p.index) continue;  // named already
    auto m = match_at(t, k.phrase(p), k.lexicon.negation, start.at);
    if (!m) continue;
    const Segment& seg = scopes.at(m->first);
    if (!m->negated && !seg.states_nothing() && seg.time == TimeScope::current &&
        !seg.nothing_new && !inside_other_meaning(t, k.red_flags[p.index].other_meanings, *m))
      out.red_flags.push_back(p.index);
  }
}

int lead_index(const std::vector<Token>& t) {
  static const WordSet fillers = {"well", "um", "umm", "erm", "hmm",
                                  "oh",   "ah", "uh",  "so",  "honestly"};
  int i = 0;
  while (i < static_cast<int>(t.size()) && (t[i].punct || fillers.count(t[i].word))) ++i;
  return i;
}

bool any_at(const std::vector<Token>& t, const PhraseList& list, int at) {
  return list.match_at(t, at) >= 0;
}

bool any_anywhere(const std::vector<Token>& t, const PhraseList& list) {
  return phrase_in_range(t, list, 0, static_cast<int>(t.size()));
}

// Whether the time at token `i` sits in a clause about one episode ("for 5 minutes after
// walking", "lasts an hour then goes", "stop for a min and it's fine") rather than about
// the illness: what brings it on or eases it, or how it ends, is near the time.
bool in_episode_clause(const std::vector<Token>& t, int i) {
  static const WordSet after = {"after",    "when", "whenever", "then",  "lasts",   "goes",
                                "wears",    "each", "every",    "until", "if",      "walking",
                                "standing", "fine", "better",   "gone",  "settles", "passes"};
  static const WordSet before = {"stop",  "stopping", "rest", "resting", "sit",   "sitting",
                                 "stand", "standing", "walk", "walking", "lasts", "lasting"};
  int n = static_cast<int>(t.size());
  for (int j = i + 1; j < n && !t[j].punct && j <= i + 4; ++j) {
    if (after.count(t[j].word)) return true;
  }
  for (int j = i - 1; j >= 0 && !t[j].punct && j >= i - 4; --j) {
    if (before.count(t[j].word)) return true;
    if (t[j].is("at") && j + 1 < n && t[j + 1].is("a")) return true;  // "at a time"
  }
  return false;
}

// A yes typed in the person's own words ("legs like jelly" to the weakness question) is
// the evidence for the question's finding, when no phrase of the message already is. A
// bare "yes" or "ya" is not worth quoting.
void quote_answer(std::string_view text, const std::vector<Token>& t, const QuestionDef& q,
                  Reading& out) {
  if (out.answer != Answer::yes || q.finding < 0 || out.evidence.count(q.finding)) return;
  long words = std::count_if(t.begin(), t.end(), [](const Token& x) { return !x.punct; });
  if (words < 2) return;
  size_t begin = text.find_first_not_of(" \t\n"), end = text.find_last_not_of(" \t\n");
  if (begin == std::string_view::npos) return;
  out.evidence[q.finding] = std::string(text.substr(begin, end - begin + 1));
}

// A bare temperature typed to a question whose finding reads one ("38.9" to "Have you had
// a fever?"): at or above the finding's from_temperature_c it is a yes, quoted. Read only
// when the answer reader found no yes or no: a measurement raises, never denies.
void read_temperature_answer(const KnowledgeData& k, std::string_view text,
                             const std::vector<Token>& t, const QuestionDef& q, Reading& out) {
  if (q.finding < 0 || out.answer == Answer::yes || out.answer == Answer::no) return;
  const double from = k.findings[q.finding].from_temperature_c;
  if (from <= 0) return;
  const auto celsius = typed_temperature_c(t);
  if (!celsius || *celsius < from) return;
  out.answer = Answer::yes;
  out.findings[q.finding] = true;
  size_t begin = text.find_first_not_of(" \t\n"), end = text.find_last_not_of(" \t\n");
  if (begin != std::string_view::npos)
    out.evidence[q.finding] = std::string(text.substr(begin, end - begin + 1));
}

// An amount of alcohol typed to a question whose finding reads one ("a few pints every
// night" to "Do you drink a lot?"): above the finding's above_units_per_week it is a yes,
// quoted; at or below it a no. Read when the answer reader found no plain yes or no (its
// own words vote both ways on "a few ... every night"): the amount is the plainer answer.
void read_drink_answer(const KnowledgeData& k, std::string_view text, const std::vector<Token>& t,
                       const QuestionDef& q, Reading& out) {
  if (q.finding < 0 || (out.answer != Answer::none && out.answer != Answer::unsure)) return;
  const double above = k.findings[q.finding].above_units_per_week;
  if (above <= 0) return;
  const auto units = typed_units_per_week(t);
  if (!units) return;
  if (*units <= above) {
    out.answer = Answer::no;
    return;
  }
  out.answer = Answer::yes;
  out.findings[q.finding] = true;
  size_t begin = text.find_first_not_of(" \t\n"), end = text.find_last_not_of(" \t\n");
  if (begin != std::string_view::npos)
    out.evidence[q.finding] = std::string(text.substr(begin, end - begin + 1));
}

int choice_by_range(const QuestionDef& q, double value) {
  for (size_t c = 0; c < q.choices.size(); ++c) {
    const auto& ch = q.choices[c];
    if (ch.unsure) continue;
    bool last = c + 2 == q.choices.size();
    if (q.kind == QuestionKind::age ? (value >= ch.low && value < ch.high + 1)
                                    : (value >= ch.low && (value < ch.high || last))) {
      return static_cast<int>(c);
    }
  }
  return -1;
}

int read_choice(const KnowledgeData& k, const std::vector<Token>& t, std::string_view text,
                const QuestionDef& q, const Reading& reading) {
  auto typed = tokenize(text);  // as typed, before spelling correction, to match a label
  for (size_t c = 0; c < q.choices.size(); ++c) {
    const auto& label = q.choices[c].label_tokens;
    auto words = [](const std::vector<Token>& v) {
      std::vector<std::string> w;
      for (const auto& x : v)
        if (!x.punct) w.push_back(x.word);
      return w;
    };
    if (!label.empty() && words(label) == words(typed)) return static_cast<int>(c);
  }
  if (q.kind == QuestionKind::choice) {
    if (int place = choice_by_position(t, static_cast<int>(q.choices.size())); place >= 0)
      return place;
  }
  if (q.kind == QuestionKind::age && reading.age_years)
    return choice_by_range(q, *reading.age_years);
  if (q.kind == QuestionKind::duration && reading.duration_days)
    return choice_by_range(q, *reading.duration_days);
  int unsure = static_cast<int>(q.choices.size()) - 1;
  int lead = lead_index(t);
  if (any_at(t, k.lexicon.unsure, lead)) return unsure;
  int best = -1, best_hits = 0;
  bool tie = false;
  for (size_t c = 0; c < q.choices.size(); ++c) {
    int hits = 0;
    for (const auto& p : q.choices[c].phrases) {
      for (const auto& m : find_matches(t, p, k.lexicon.negation)) hits += m.negated ? 0 : 1;
    }
    if (hits > best_hits) {
      best = static_cast<int>(c);
      best_hits = hits;
      tie = false;
    } else if (hits == best_hits && hits > 0) {
      tie = true;
    }
  }
  if (best >= 0 && !tie) return best;
  if (any_anywhere(t, k.lexicon.unsure)) return unsure;
  return -1;
}

}  // namespace

std::optional<double> parse_age(const KnowledgeData& k, const std::vector<Token>& t,
                                bool answer_to_age) {
  static const WordSet kids = {"son",  "daughter", "child",    "kid",          "boy",
                               "girl", "baby",     "grandson", "granddaughter"};
  int n = static_cast<int>(t.size());
  for (int i = 0; i < n; ++i) {
    if (!is_word(t, i)) continue;
    if (auto decade = decade_word(t[i].word);
        decade && (answer_to_age || (word_is(t, i - 1, "my") && word_is(t, i - 2, "in")))) {
      return decade;
    }
    int end = i;
    auto value = number_at(k, t, i, &end);
    if (!value) continue;
    bool months = word_is(t, end + 1, "months") || word_is(t, end + 1, "month");
    bool weeks = word_is(t, end + 1, "weeks") || word_is(t, end + 1, "week");
    bool old = word_is(t, end + 2, "old") || word_is(t, end + 1, "old");
    if ((months || weeks) && old) return *value / (months ? 12.0 : 52.0);
    bool years_old = (word_is(t, end + 1, "year") || word_is(t, end + 1, "years") ||
                      word_is(t, end + 1, "yr") || word_is(t, end + 1, "yrs")) &&
                     word_is(t, end + 2, "old");
    bool stated = (word_is(t, i - 2, "i") && word_is(t, i - 1, "am")) ||
                  word_is(t, i - 1, "aged") || word_is(t, i - 1, "age") ||
                  word_is(t, end + 1, "yo") || years_old ||
                  (word_is(t, i - 1, "is") && word_in(t, i - 2, kids));
    if (stated) return value;
    if (answer_to_age && !months && !weeks &&
        unit_days(is_word(t, end + 1) ? t[end + 1].word : "") == 0)
      return value;
    i = end;
  }
  return std::nullopt;
}

std::optional<double> parse_duration_days(const KnowledgeData& k, const std::vector<Token>& t,
                                          bool need_cue) {
  static const WordSet cues = {"for",  "since",  "past",    "last",
                               "over", "within", "started", "began"};
  // ("but an hour ago": a conjunction before "a" opens the time, as "about" does.)
  static const WordSet before_a = {"for",    "about", "around",  "over",   "past",   "last",
                                   "within", "in",    "than",    "nearly", "almost", "just",
                                   "only",   "under", "roughly", "since",  "half",   "after",
                                   "but",    "and",   "then",    "till",   "until"};
  static const WordSet weekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                   "friday", "saturday", "sunday",    "mon",
                                   "tues",   "wed",      "thurs",     "fri"};
  struct Found {
    double days;
    int at;
    bool cued;
    bool meal = false;     // "since lunch": a time counted in units ("2 hrs ago") wins
    bool counted = false;  // a number of units ("2 hrs", "a few days")
  };
  std::vector<Found> found;
  int n = static_cast<int>(t.size());
  for (int i = 0; i < n; ++i) {
    if (!is_word(t, i)) continue;
    // A view: each comparison with a literal below checks the length first.
    const std::string_view w = t[i].word;
    if (w == "yesterday") {
      found.push_back({1, i, true});
      continue;
    }
    // "since morning" and "since the morning" are today, as "this morning" is.
    const bool part_of_day = w == "morning" || w == "afternoon" || w == "evening";
    if (w == "today" || w == "tonight" ||
        (part_of_day && (word_is(t, i - 1, "this") || word_is(t, i - 1, "since") ||
                         (word_is(t, i - 1, "the") && word_is(t, i - 2, "since"))))) {
      found.push_back({0.3, i, true});
      continue;
    }
    // Since a meal: today ("hasn't been able to stand since dinner time", "since brekkie").
    static const WordSet meals = {"breakfast", "brekkie",    "lunch",   "lunchtime",
                                  "dinner",    "dinnertime", "teatime", "supper"};
    if (meals.count(w) && word_is(t, i - 1, "since")) {
      found.push_back({0.3, i, true, true, false});
      continue;
    }
    // Weekdays and the weekend: without a calendar, "since monday" is a few days ago, and
    // so is "took a spill on the steps Tuesday" ("every Monday" is no time it began; "wed"
    // and "fri" alone may be other words).
    const bool cued_day =
        word_is(t, i - 1, "since") || word_is(t, i - 1, "on") || word_is(t, i - 1, "last");
    // "the Saturday market", "my Sunday shift" name a habit, not a day it began.
    const bool a_habit = (word_is(t, i - 1, "the") && !word_is(t, i - 2, "since")) ||
                         word_is(t, i - 1, "my") || word_is(t, i - 1, "our") ||
                         word_is(t, i - 1, "a");
    // "sat" and "sun" are weekdays only after "since", "on" or "last" and before a clause's
    // end or its next part ("my feet started tingling on sat, pins n needles"; not "sat on
    // the loo", "it came on sat down", "came on sat in my chair").
    static const WordSet after_a_day = {"and",       "but",     "now",   "then",    "so",
                                        "i",         "it",      "my",    "morning", "night",
                                        "afternoon", "evening", "since", "when",    "after"};
    if ((w == "sat" || w == "sun") && cued_day &&
        (!is_word(t, i + 1) || word_in(t, i + 1, after_a_day))) {
      found.push_back({3.5, i, true});
      continue;
    }
    if (weekdays.count(w) &&
        (cued_day || (w.size() > 5 && !word_in(t, i - 1, k.lexicon.every_words) && !a_habit))) {
      found.push_back({3.5, i, true});
      continue;
    }
    // "sat on the loo for ages" is one sitting, not months.
    const bool one_sitting =
        w == "ages" && one_long_sitting().any_in(t, std::max(0, i - 6), i + 1, true);
    if ((w == "weekend" || w == "ages" || w == "donkeys") && word_in(t, i - 1, cues) &&
        !one_sitting) {
      found.push_back({w == "weekend" ? 3.5 : 180, i, true});  // "for ages": months at least
      continue;
    }
    if ((w == "weekend") && word_is(t, i - 1, "the") && word_in(t, i - 2, cues)) {
      found.push_back({3.5, i, true});
      continue;
    }
    if (w == "night" && word_is(t, i - 1, "last")) {
      found.push_back({0.5, i, true});
      continue;
    }
    double unit = unit_days(w);
    if (unit == 0 || word_is(t, i + 1, "old")) continue;
    int j = i - 1;
    if (word_is(t, j, "of")) --j;
    double qty;
    bool plural = w.back() == 's';
    bool numbered = false;  // a number before the unit: "2 weeks", "two days"
    if (auto v = number_ending_at(k, t, j)) {
      qty = *v;
      numbered = true;
    } else if (word_is(t, j, "couple")) {
      qty = 2;
    } else if (word_is(t, j, "few")) {
      qty = 3;
    } else if (word_is(t, j, "several")) {
      qty = 4;
    } else if (word_is(t, j, "many")) {
      qty = 5;
    } else if (word_is(t, j, "half")) {
      qty = 0.5;
    } else if (word_is(t, j, "a") || word_is(t, j, "an")) {
      if (word_is(t, j - 1, "half"))
        qty = 0.5;
      else if (j == 0 || !is_word(t, j - 1) || word_in(t, j - 1, before_a))
        qty = 1;
      else
        continue;  // "a bottle a day" is a rate, not how long
    } else {
      qty = plural ? 3 : 1;
    }
    // "every couple of days", "twice a day": a frequency, not a duration.
    int start = j;
    while (start > 0 && is_word(t, start - 1) &&
           (t[start - 1].is("a") || t[start - 1].is("couple") || t[start - 1].is("few")))
      --start;
    if (word_in(t, start - 1, k.lexicon.every_words) || word_in(t, j - 1, k.lexicon.every_words))
      continue;
    // "numb for 5 minutes after walking": how long one episode lasts, not the illness.
    if (qty * unit < 1 && in_episode_clause(t, i)) continue;
    // "from 5 days": how learners of English, and Indian English, say "for 5 days"; only
    // right before a number ("from the sleepless nights" is no duration).
    // "been about a year", "its been 3 weeks": "been" right before the time, or before
    // an "about" (not "been on metformin 5 years", a treatment's time).
    static const WordSet roughly = {"about", "around", "like", "nearly", "almost", "over"};
    const bool been = word_is(t, start - 1, "been") ||
                      (word_in(t, start - 1, roughly) && word_is(t, start - 2, "been"));
    bool cued = word_is(t, i + 1, "ago") || word_in(t, start - 1, cues) ||
                word_in(t, start - 2, cues) || word_in(t, start - 3, cues) || been ||
                (numbered && word_is(t, start - 1, "from"));
    found.push_back({qty * unit, i, cued, false, true});
  }
  if (std::any_of(found.begin(), found.end(), [](const Found& f) { return f.counted; }))
    found.erase(std::remove_if(found.begin(), found.end(), [](const Found& f) { return f.meal; }),
                found.end());
  // Prefer a time stated in the same clause as the symptom ("my back has ached for a
  // month and over the last three days my legs have gone numb"). In an opening message
  // a bare time ("a minute standing still and it's gone") is not how long it has lasted.
  for (const auto& f : found) {
    int from = f.at, to = f.at;
    while (from > 0 && !t[from - 1].punct && !t[from - 1].is("and") && !t[from - 1].is("but"))
      --from;
    while (to + 1 < n && !t[to + 1].punct && !t[to + 1].is("and") && !t[to + 1].is("but")) ++to;
    if (phrase_in_range(t, k.lexicon.symptom_words, from, to + 1)) return f.days;
  }
  for (const auto& f : found) {
    if (f.cued || !need_cue) return f.days;
  }
  return std::nullopt;
}

namespace {

// A yes/no question's choices are yes, no and not sure, in that order (knowledge.cpp).
int yes_no_choice(Answer a) {
  switch (a) {
    case Answer::yes:
      return 0;
    case Answer::no:
      return 1;
    case Answer::unsure:
      return 2;
    default:
      return -1;
  }
}

}  // namespace

namespace {

// The findings a reading could state true: those with a phrase that matches at one of
// `starts` (negated or not, in any scope), with the past finding such a mention may set;
// or nullopt when a red flag's phrase matches there too.
std::optional<std::vector<int>> may_state_true(const KnowledgeData& k, const std::vector<Token>& t,
                                               const std::vector<PhraseStart>& starts) {
  std::vector<int> out;
  for (const PhraseStart& start : starts) {
    const IndexedPhrase& p = k.indexed_phrases[start.id];
    // A denial states a finding false only; another meaning states nothing (and may hide
    // a match the caller then reads in full).
    if (p.owner == IndexedPhrase::Owner::finding_denial ||
        p.owner == IndexedPhrase::Owner::finding_other_meaning)
      continue;
    if ((p.owner == IndexedPhrase::Owner::finding ||
         p.owner == IndexedPhrase::Owner::finding_lasting) &&
        !out.empty() && out.back() == p.index)
      continue;  // one of its phrases matched already
    if (!matches_at(t, k.phrase(p), start.at, nullptr)) continue;
    if (p.owner == IndexedPhrase::Owner::red_flag) return std::nullopt;
    out.push_back(p.index);
    if (const int past = k.findings[p.index].past_finding; past >= 0) out.push_back(past);
  }
  return out;
}

// "what's the saddle area??", "what do you mean by weakness?": a question back names the
// asked finding without stating it. When every mention of it is in a sentence that ends
// in a question mark, it is not stated ("what does droop mean? my face is drooping"
// still states the droop).
void forget_a_question_back(const KnowledgeData& k, std::string_view text,
                            const std::vector<Token>& tokens, const QuestionDef& pending,
                            Reading& out) {
  if (pending.finding < 0 || !out.findings.count(pending.finding)) return;
  const int n = static_cast<int>(tokens.size());
  // A sentence that asks, by its mark or by opening with "define" ("Define 'weakness'
  // please. If you mean can I lift it, yes I can": the word is quoted, not stated).
  auto in_a_question = [&](int word) {
    int end = word;
    while (end < n && !tokens[end].sentence_end()) ++end;
    size_t at = end < n ? tokens[end].begin : text.size();
    if (at < text.size() && text[at] == '?') return true;
    int start = word;
    while (start > 0 && !tokens[start - 1].sentence_end()) --start;
    while (start < word && tokens[start].punct) ++start;
    return tokens[start].is("define");
  };
  for (const auto& phrase : k.findings[pending.finding].phrases) {
    for (const auto& m : find_matches(tokens, phrase, k.lexicon.negation, 0))
      if (!in_a_question(m.first)) return;
  }
  out.findings.erase(pending.finding);
  out.evidence.erase(pending.finding);
}

// What read() leaves out.
enum class Part { all, findings_and_flags, only_if_it_may_matter };

using MayMatter = std::function<bool(const std::vector<int>&)>;

// read_message; `part` as read_findings_and_flags and read_what_may_matter.
// Words typed one or two at a time between full stops, in distress ("words. wrong.
// cant. say", "cant. wee. since brekkie"): one sentence, so phrases read across them.
// Only when every sentence is that short and there are at least three, and none is a
// roll call's item ("fever no. chills no. sweats no.": each "no" closes its own words).
void join_fragments(std::vector<Token>& tokens) {
  int sentences = 0, words = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.punct) {
      if (!t.sentence_end() || t.is("?")) return;
      if (words == 0) continue;
      if (words == 2 && plain_answer_word(tokens[i - 1].word)) return;
      ++sentences;
      words = 0;
    } else if (++words > 2) {
      return;
    }
  }
  if (words > 0) ++sentences;
  if (sentences < 3) return;
  tokens.erase(std::remove_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.punct; }),
               tokens.end());
}

std::optional<Reading> read(const KnowledgeData& k, std::string_view text,
                            const QuestionDef* pending, const SpellChecker* spelling, Part part,
                            const MayMatter* may_matter = nullptr) {
  Reading out;
  auto tokens = correct_spelling(tokenize(text), spelling, k.vocabulary);
  undo_double_negation(tokens);
  rewrite_negated_idioms(tokens);
  join_fragments(tokens);
  // A message of punctuation alone ("?", "...") says nothing, and has no segment for the
  // scopes below to place its marks in (an opening "?" used to read past the end).
  if (std::all_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.punct; })) return out;
  const auto starts = k.phrase_index.starts(tokens);
  if (part == Part::only_if_it_may_matter) {
    const auto stated = may_state_true(k, tokens, starts);
    if (stated && !(*may_matter)(*stated)) return std::nullopt;
  }
  Scopes scopes = read_scopes(tokens, k.lexicon.distant_past);
  const bool new_complaint_now = complaint_dated_now(k, tokens, scopes);
  read_findings(k, text, tokens, scopes, starts, new_complaint_now, out);
  read_day_by_day(k, text, tokens, scopes, out);
  read_red_flags(k, tokens, scopes, starts, out);
  if (part != Part::all) return out;
  bool opening = pending == nullptr;
  bool asks_age = pending && pending->kind == QuestionKind::age;
  bool asks_duration = pending && pending->kind == QuestionKind::duration;
  if (opening || asks_age) out.age_years = parse_age(k, tokens, asks_age);
  if (opening || asks_duration) {
    // Times in a segment about the past belong to that old episode, and a long-standing
    // segment without the complaint in it is about something else ("I've had diabetes
    // for 20 years" is not how long the feet have been numb).
    std::vector<Token> current;
    // Whether each segment names the complaint, worked out once per segment.
    std::vector<signed char> about_complaint(scopes.segments.size(), -1);
    const auto names_complaint = [&](size_t s) {
      if (about_complaint[s] < 0) {
        const Segment& seg = scopes.segments[s];
        about_complaint[s] =
            phrase_in_range(tokens, k.lexicon.symptom_words, seg.first, seg.last + 1);
      }
      return about_complaint[s] != 0;
    };
    for (size_t i = 0; i < tokens.size(); ++i) {
      const int s = scopes.segment_of[i];
      const Segment& seg = scopes.segments[s];
      // Beside something new dated now, how long is the new thing's time, not the old
      // one's (complaint_dated_now).
      bool elsewhere = opening && seg.time == TimeScope::long_standing &&
                       (new_complaint_now || !names_complaint(s));
      if (seg.time != TimeScope::historical && !elsewhere) current.push_back(tokens[i]);
    }
    out.duration_days = parse_duration_days(k, current, opening);
  }
  if (!pending) return out;
  if (pending->kind == QuestionKind::yes_no) {
    // A late answer to the question before ("no to that. and for the one before, no")
    // answers that one: the pending question is read from the words before the turn.
    std::vector<Token> answer_tokens;
    const std::vector<Token>* answered = &tokens;
    if (auto turn = find_turn_back(tokens)) {
      answer_tokens.assign(tokens.begin(), tokens.begin() + turn->cut);
      answered = &answer_tokens;
      out.earlier_answer_at = turn->rest < static_cast<int>(tokens.size())
                                  ? tokens[turn->rest].begin
                                  : std::string_view::npos;
    }
    out.opens_with_correction = opens_with_a_correction(tokens);
    // A question quoted back before the answer, or a word of it asked to be defined,
    // states nothing it names (looked for only when the asked finding was read at all).
    const bool defines = std::any_of(answered->begin(), answered->end(),
                                     [](const Token& w) { return w.is("define"); });
    if (pending->finding >= 0 && out.findings.count(pending->finding) &&
        (defines || after_question_echo(*answered, *pending) > 0))
      forget_a_question_back(k, text, *answered, *pending, out);
    // The scopes and starts above are of `tokens`: passed only when those are read.
    const ReadSoFar so_far{&scopes, &starts};
    out.answer = read_answer(k, *answered, *pending, out, out.hedged_denial, out.about_someone_else,
                             answered == &tokens ? &so_far : nullptr);
    if (out.answer == Answer::clarify) forget_a_question_back(k, text, *answered, *pending, out);
    read_temperature_answer(k, text, *answered, *pending, out);
    read_drink_answer(k, text, *answered, *pending, out);
    quote_answer(text, *answered, *pending, out);
    out.choice = yes_no_choice(out.answer);
  } else {
    out.choice = read_choice(k, tokens, text, *pending, out);
    if (out.choice >= 0)
      out.answer = pending->choices[out.choice].unsure ? Answer::unsure : Answer::yes;
  }
  return out;
}

}  // namespace

Reading read_message(const KnowledgeData& k, std::string_view text, const QuestionDef* pending,
                     const SpellChecker* spelling) {
  return *read(k, text, pending, spelling, Part::all);
}

Reading read_findings_and_flags(const KnowledgeData& k, std::string_view text,
                                const SpellChecker* spelling) {
  return *read(k, text, nullptr, spelling, Part::findings_and_flags);
}

std::optional<Reading> read_what_may_matter(const KnowledgeData& k, std::string_view text,
                                            const SpellChecker* spelling,
                                            const MayMatter& may_matter) {
  return read(k, text, nullptr, spelling, Part::only_if_it_may_matter, &may_matter);
}

void take_hedged_denial_as_no(Reading& reading) {
  if (!reading.hedged_denial || reading.answer != Answer::unsure) return;
  reading.answer = Answer::no;
  reading.choice = yes_no_choice(Answer::no);
}

}  // namespace triagebot::dialogs
