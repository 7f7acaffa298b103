#include "dialogs/parser.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

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
  static const std::map<std::string, double> decades = {
      {"teens", 15},   {"twenties", 25},  {"thirties", 35}, {"forties", 45}, {"fifties", 55},
      {"sixties", 65}, {"seventies", 75}, {"eighties", 85}, {"nineties", 95}};
  auto it = decades.find(w);
  if (it != decades.end()) return it->second;
  if (w.size() == 3 && std::isdigit(static_cast<unsigned char>(w[0])) && w[1] == '0' &&
      w[2] == 's') {
    return (w[0] - '0') * 10 + 5;
  }
  return std::nullopt;
}

double unit_days(const std::string& w) {
  static const std::map<std::string, double> units = {{"second", 1.0 / 86400},
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

bool phrase_in_range(const KnowledgeData& k, const std::vector<Token>& t,
                     const std::vector<Phrase>& phrases, int from, int to) {
  for (const auto& p : phrases) {
    for (int i = from; i < to; ++i) {
      if (matches_at(t, p, k.vocabulary, i)) return true;
    }
  }
  return false;
}

// Sentence index of every token, and whether each sentence speaks of the distant past
// ("a year ago I had double vision"), which must not count as a red flag now.
struct Sentences {
  std::vector<int> of_token;
  std::vector<bool> distant_past;
};

Sentences split_sentences(const KnowledgeData& k, const std::vector<Token>& t) {
  Sentences s;
  std::vector<std::pair<int, int>> spans;
  int start = 0;
  for (int i = 0; i <= static_cast<int>(t.size()); ++i) {
    if (i == static_cast<int>(t.size()) || t[i].sentence_end()) {
      spans.push_back({start, i});
      start = i + 1;
    }
  }
  s.of_token.assign(t.size(), 0);
  for (size_t n = 0; n < spans.size(); ++n) {
    for (int i = spans[n].first; i < spans[n].second; ++i) s.of_token[i] = static_cast<int>(n);
    if (spans[n].second < static_cast<int>(t.size()))
      s.of_token[spans[n].second] = static_cast<int>(n);
    s.distant_past.push_back(
        phrase_in_range(k, t, k.lexicon.distant_past, spans[n].first, spans[n].second));
  }
  return s;
}

void read_findings(const KnowledgeData& k, const std::vector<Token>& t, const Sentences& s,
                   Reading& out) {
  const auto& rules = k.lexicon.negation;
  for (size_t f = 0; f < k.findings.size(); ++f) {
    const FindingDef& def = k.findings[f];
    bool present = false, absent = false, past = false;
    for (const auto& p : def.phrases) {
      for (const auto& m : find_matches(t, p, k.vocabulary, rules)) {
        if (def.past_finding >= 0 && s.distant_past[s.of_token[m.first]]) {
          if (!m.negated) past = true;
          continue;
        }
        (m.negated ? absent : present) = true;
      }
    }
    for (const auto& p : def.not_phrases) {
      for (const auto& m : find_matches(t, p, k.vocabulary, rules)) {
        if (!m.negated) absent = true;
      }
    }
    // A stated symptom outweighs a denial elsewhere in the same message ("no fever,
    // but I was shivering all night"): safer to believe the symptom.
    if (present)
      out.findings[static_cast<int>(f)] = true;
    else if (absent)
      out.findings[static_cast<int>(f)] = false;
    if (past && !present) out.findings[def.past_finding] = true;
  }
}

void read_red_flags(const KnowledgeData& k, const std::vector<Token>& t, const Sentences& s,
                    Reading& out) {
  for (size_t r = 0; r < k.red_flags.size(); ++r) {
    for (const auto& p : k.red_flags[r].phrases) {
      bool hit = false;
      for (const auto& m : find_matches(t, p, k.vocabulary, k.lexicon.negation)) {
        if (!m.negated && !s.distant_past[s.of_token[m.first]]) hit = true;
      }
      if (hit) {
        out.red_flags.push_back(static_cast<int>(r));
        break;
      }
    }
  }
}

int lead_index(const std::vector<Token>& t) {
  static const std::set<std::string> fillers = {"well", "um", "umm", "erm", "hmm",
                                                "oh",   "ah", "uh",  "so",  "honestly"};
  int i = 0;
  while (i < static_cast<int>(t.size()) && (t[i].punct || fillers.count(t[i].word))) ++i;
  return i;
}

bool any_at(const KnowledgeData& k, const std::vector<Token>& t, const std::vector<Phrase>& list,
            int at, int* last = nullptr) {
  for (const auto& p : list) {
    if (matches_at(t, p, k.vocabulary, at, last)) return true;
  }
  return false;
}

bool any_anywhere(const KnowledgeData& k, const std::vector<Token>& t,
                  const std::vector<Phrase>& list) {
  return phrase_in_range(k, t, list, 0, static_cast<int>(t.size()));
}

// Reads the phrases of one list, negation-aware: +1 for a plain mention, -1 for a negated one.
int vote(const KnowledgeData& k, const std::vector<Token>& t, const std::vector<Phrase>& list) {
  int plain = 0, negated = 0;
  for (const auto& p : list) {
    for (const auto& m : find_matches(t, p, k.vocabulary, k.lexicon.negation))
      (m.negated ? negated : plain)++;
  }
  return plain > 0 ? 1 : negated > 0 ? -1 : 0;
}

Answer read_yes_no(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                   const Reading& reading) {
  const Lexicon& lex = k.lexicon;
  int lead = lead_index(t);
  if (lead >= static_cast<int>(t.size())) return Answer::none;
  if (any_at(k, t, lex.unsure, lead)) return Answer::unsure;
  if (any_at(k, t, lex.no_lead, lead)) return Answer::no;
  // What the words say about this question's own subject ("I don't eat meat" to "are
  // you vegan?"), used when the opening words do not settle it.
  auto specific = [&]() {
    if (auto it = reading.findings.find(q.finding); it != reading.findings.end()) {
      return it->second ? Answer::yes : Answer::no;
    }
    int yes = vote(k, t, q.yes_phrases), no = vote(k, t, q.no_phrases);
    if (yes > 0 && no <= 0) return Answer::yes;
    if (no > 0 && yes <= 0) return Answer::no;
    if (yes < 0 && no == 0) return Answer::no;
    if (no < 0 && yes == 0) return Answer::yes;
    return Answer::none;
  };
  int last = lead;
  if (any_at(k, t, lex.yes_lead, lead, &last)) {
    if (word_in(t, last + 1, lex.negation.negators)) {  // "I do not ...", "it is not ..."
      if (any_anywhere(k, t, lex.unsure)) return Answer::unsure;
      Answer a = specific();
      return a == Answer::none ? Answer::no : a;
    }
    return Answer::yes;
  }
  if (any_anywhere(k, t, lex.no_anywhere)) return Answer::no;
  if (any_anywhere(k, t, lex.unsure)) return Answer::unsure;
  if (any_anywhere(k, t, lex.yes_anywhere)) return Answer::yes;
  if (Answer a = specific(); a != Answer::none) return a;
  for (const auto& tok : t) {
    if (!tok.punct && lex.negation.negators.count(tok.word)) return Answer::no;
  }
  return Answer::none;
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
  auto typed = tokenize(text);
  for (size_t c = 0; c < q.choices.size(); ++c) {
    auto label = tokenize(q.choices[c].label);
    auto words = [](const std::vector<Token>& v) {
      std::vector<std::string> w;
      for (const auto& x : v)
        if (!x.punct) w.push_back(x.word);
      return w;
    };
    if (!label.empty() && words(label) == words(typed)) return static_cast<int>(c);
  }
  if (q.kind == QuestionKind::age && reading.age_years)
    return choice_by_range(q, *reading.age_years);
  if (q.kind == QuestionKind::duration && reading.duration_days)
    return choice_by_range(q, *reading.duration_days);
  int unsure = static_cast<int>(q.choices.size()) - 1;
  int lead = lead_index(t);
  if (any_at(k, t, k.lexicon.unsure, lead)) return unsure;
  int best = -1, best_hits = 0;
  bool tie = false;
  for (size_t c = 0; c < q.choices.size(); ++c) {
    int hits = 0;
    for (const auto& p : q.choices[c].phrases) {
      for (const auto& m : find_matches(t, p, k.vocabulary, k.lexicon.negation))
        hits += m.negated ? 0 : 1;
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
  if (any_anywhere(k, t, k.lexicon.unsure)) return unsure;
  return -1;
}

}  // namespace

std::optional<double> parse_age(const KnowledgeData& k, const std::vector<Token>& t,
                                bool answer_to_age) {
  static const std::set<std::string> kids = {"son",  "daughter", "child",    "kid",          "boy",
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
  static const std::set<std::string> cues = {"for",  "since",  "past",    "last",
                                             "over", "within", "started", "began"};
  static const std::set<std::string> before_a = {
      "for",    "about",  "around", "over", "past",  "last",    "within", "in",   "than",
      "nearly", "almost", "just",   "only", "under", "roughly", "since",  "half", "after"};
  struct Found {
    double days;
    int at;
    bool cued;
  };
  std::vector<Found> found;
  int n = static_cast<int>(t.size());
  for (int i = 0; i < n; ++i) {
    if (!is_word(t, i)) continue;
    const std::string& w = t[i].word;
    if (w == "yesterday") {
      found.push_back({1, i, true});
      continue;
    }
    if (w == "today" || w == "tonight" ||
        ((w == "morning" || w == "afternoon" || w == "evening") && word_is(t, i - 1, "this"))) {
      found.push_back({0.3, i, true});
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
    if (auto v = number_ending_at(k, t, j)) {
      qty = *v;
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
    while (
        start > 0 && is_word(t, start - 1) &&
        (t[start - 1].word == "a" || t[start - 1].word == "couple" || t[start - 1].word == "few"))
      --start;
    if (word_in(t, start - 1, k.lexicon.every_words) || word_in(t, j - 1, k.lexicon.every_words))
      continue;
    bool cued = word_is(t, i + 1, "ago") || word_in(t, start - 1, cues) ||
                word_in(t, start - 2, cues) || word_in(t, start - 3, cues);
    found.push_back({qty * unit, i, cued});
  }
  // Prefer a time stated in the same clause as the symptom ("my back has ached for a
  // month and over the last three days my legs have gone numb"). In an opening message
  // a bare time ("a minute standing still and it's gone") is not how long it has lasted.
  for (const auto& f : found) {
    int from = f.at, to = f.at;
    while (from > 0 && !t[from - 1].punct && t[from - 1].word != "and" && t[from - 1].word != "but")
      --from;
    while (to + 1 < n && !t[to + 1].punct && t[to + 1].word != "and" && t[to + 1].word != "but")
      ++to;
    if (phrase_in_range(k, t, k.lexicon.symptom_words, from, to + 1)) return f.days;
  }
  for (const auto& f : found) {
    if (f.cued || !need_cue) return f.days;
  }
  return std::nullopt;
}

Reading read_message(const KnowledgeData& k, std::string_view text, const QuestionDef* pending) {
  Reading out;
  auto tokens = tokenize(text);
  auto sentences = split_sentences(k, tokens);
  read_findings(k, tokens, sentences, out);
  read_red_flags(k, tokens, sentences, out);
  bool opening = pending == nullptr;
  bool asks_age = pending && pending->kind == QuestionKind::age;
  bool asks_duration = pending && pending->kind == QuestionKind::duration;
  if (opening || asks_age) out.age_years = parse_age(k, tokens, asks_age);
  if (opening || asks_duration) {
    // Times inside a long-past sentence belong to that old episode.
    std::vector<Token> current;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!sentences.distant_past[sentences.of_token[i]]) current.push_back(tokens[i]);
    }
    out.duration_days = parse_duration_days(k, current, opening);
  }
  if (!pending) return out;
  if (pending->kind == QuestionKind::yes_no) {
    out.answer = read_yes_no(k, tokens, *pending, out);
    if (out.answer == Answer::yes)
      out.choice = 0;
    else if (out.answer == Answer::no)
      out.choice = 1;
    else if (out.answer == Answer::unsure)
      out.choice = 2;
  } else {
    out.choice = read_choice(k, tokens, text, *pending, out);
    if (out.choice >= 0)
      out.answer = pending->choices[out.choice].unsure ? Answer::unsure : Answer::yes;
  }
  return out;
}

}  // namespace triagebot::dialogs
