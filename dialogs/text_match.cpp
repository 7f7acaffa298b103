#include "dialogs/text_match.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace triagebot::dialogs {
namespace {

// The text is ASCII by now (to_ascii_lower), so isalnum's C-locale answer, inline.
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'';
}

// The letter an accented Latin-1 letter (U+00C0-U+00FF) is read as: people type "sí",
// "não" and "no sé", and a reader that dropped the accented byte would see "s", "no" and
// "no s" instead of the words. Multiplication and division signs become spaces.
char latin1_base(unsigned char low) {
  static constexpr std::string_view kBase =
      "aaaaaaaceeeeiiiidnooooo ouuuuyts"
      "aaaaaaaceeeeiiiidnooooo ouuuuyty";
  return low >= 0x80 && low < 0xC0 ? kBase[low - 0x80] : ' ';
}

// The few emoji people answer a yes/no question with, read as the word they stand for.
// `length` is set to the emoji's bytes. Check marks and crosses (three bytes, from phone
// keyboards: "✅", "✔️", "❌") are ticks and crosses on a form: yes and no.
const char* emoji_word(std::string_view in, size_t i, size_t& length) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(in[i + k]); };
  if (in.size() >= i + 3 && b(0) == 0xE2) {
    length = 3;
    if (b(1) == 0x9C && (b(2) == 0x85 || b(2) == 0x94 || b(2) == 0x93)) return "yes";  // ✅ ✔ ✓
    if (b(1) == 0x9C && (b(2) == 0x97 || b(2) == 0x98)) return "no";                   // ✗ ✘
    if (b(1) == 0x98 && b(2) == 0x91) return "yes";                                    // ☑
    if (b(1) == 0x9D && (b(2) == 0x8C || b(2) == 0x8E)) return "no";                   // ❌ ❎
    if (b(1) == 0x9C && b(2) == 0x96) return "no";                                     // ✖
    return nullptr;
  }
  length = 4;
  if (in.size() < i + 4 || b(0) != 0xF0) return nullptr;
  if (b(1) == 0x9F && b(2) == 0x91 && b(3) == 0x8D) return "yes";    // thumbs up
  if (b(1) == 0x9F && b(2) == 0x91 && b(3) == 0x8E) return "no";     // thumbs down
  if (b(1) == 0x9F && b(2) == 0xA4 && b(3) == 0xB7) return "dunno";  // shrug
  if (b(1) == 0x9F && b(2) == 0x99 && b(3) == 0x85) return "no";     // face with no gesture
  return nullptr;
}

// Text as plain lower-case ASCII with, for every character, the byte of the original it
// came from (so a finding can quote the person's own words). Curly quotes and dashes
// become ASCII, accented letters their base letter, a few emoji their word; any other
// non-ASCII character becomes a space.
struct AsciiText {
  std::string text;
  std::vector<size_t> origin;  // one per character of `text`, plus the original's size
};

AsciiText to_ascii_lower(std::string_view in) {
  AsciiText out;
  out.text.reserve(in.size());
  out.origin.reserve(in.size() + 1);
  auto put = [&](char c, size_t from) {
    out.text.push_back(c);
    out.origin.push_back(from);
  };
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      put(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c), i);  // as tolower in "C"
      continue;
    }
    size_t from = i;
    size_t length = 0;
    if (const char* word = emoji_word(in, i, length)) {
      put(' ', from);
      for (const char* w = word; *w; ++w) put(*w, from);
      put(' ', from);
      i += length - 1;
      continue;
    }
    if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(in[i + 2]);
      if (d == 0x98 || d == 0x99)
        put('\'', from);  // ‘ ’
      else if (d == 0x9C || d == 0x9D)
        put('"', from);  // “ ”
      else if (d == 0x93 || d == 0x94) {
        put(' ', from);  // – —: a dash between clauses (tokenize)
        put('-', from);
        put(' ', from);
      } else
        put(' ', from);  // dashes, ellipsis
      i += 2;
      continue;
    }
    if ((c == 0xC3) && i + 1 < in.size()) {
      unsigned char low = static_cast<unsigned char>(in[i + 1]);
      if (low == 0x9F) {  // ß
        put('s', from);
        put('s', from);
      } else {
        put(latin1_base(low), from);
      }
      ++i;
      continue;
    }
    // Skip the continuation bytes of any other character.
    while (i + 1 < in.size() && (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) ++i;
    put(' ', from);
  }
  out.origin.push_back(in.size());
  return out;
}

// Appends the tokens of one typed word, contractions expanded; every token keeps the
// original text's byte range [begin, end) of the word it came from.
void push_word(std::vector<Token>& out, std::string word, size_t begin, size_t end) {
  auto emit = [&](std::string w) { out.push_back(Token{std::move(w), false, begin, end}); };
  // Strip leading/trailing apostrophes (quotes around a word).
  while (!word.empty() && word.front() == '\'') word.erase(word.begin());
  while (!word.empty() && word.back() == '\'') word.pop_back();
  if (word.empty()) return;
  // Looked up by hash: a linear scan of this table for every typed word was most of
  // tokenize's time.
  static const WordMap<std::vector<std::string>> whole = {{"can't", {"cannot"}},
                                                          {"cant", {"cannot"}},
                                                          {"cain't", {"cannot"}},
                                                          {"caint", {"cannot"}},
                                                          {"cnt", {"cannot"}},
                                                          {"couldn't", {"cannot"}},
                                                          {"couldnt", {"cannot"}},
                                                          {"won't", {"will", "not"}},
                                                          {"wont", {"will", "not"}},
                                                          {"don't", {"do", "not"}},
                                                          {"dont", {"do", "not"}},
                                                          {"doesnt", {"does", "not"}},
                                                          {"didnt", {"did", "not"}},
                                                          {"isnt", {"is", "not"}},
                                                          {"havent", {"have", "not"}},
                                                          {"hasnt", {"has", "not"}},
                                                          {"wasnt", {"was", "not"}},
                                                          {"arent", {"are", "not"}},
                                                          {"i'm", {"i", "am"}},
                                                          {"im", {"i", "am"}},
                                                          {"it's", {"it", "is"}},
                                                          // A question back: "what's the
                                                          // saddle area?".
                                                          {"what's", {"what", "is"}},
                                                          {"whats", {"what", "is"}},
                                                          {"i've", {"i", "have"}},
                                                          {"ive", {"i", "have"}},
                                                          {"i'd", {"i", "would"}},
                                                          {"wouldn't", {"would", "not"}},
                                                          {"wouldnt", {"would", "not"}},
                                                          {"werent", {"were", "not"}},
                                                          {"hadnt", {"had", "not"}},
                                                          {"shouldn't", {"should", "not"}}};
  if (auto it = whole.find(word); it != whole.end()) {
    for (const auto& w : it->second) emit(w);
    return;
  }
  // Every rule below is about an apostrophe: a word without one is itself.
  if (word.find('\'') == std::string::npos) {
    emit(std::move(word));
    return;
  }
  auto ends_with = [&](std::string_view suffix) {
    return word.size() > suffix.size() &&
           word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("n't")) {
    emit(word.substr(0, word.size() - 3));
    emit("not");
    return;
  }
  for (std::string_view suffix : {"'ve", "'re", "'ll", "'d", "'s"}) {
    if (ends_with(suffix)) {
      emit(word.substr(0, word.size() - suffix.size()));
      if (suffix == "'ve") emit("have");
      if (suffix == "'re") emit("are");
      if (suffix == "'ll") emit("will");
      return;
    }
  }
  word.erase(std::remove(word.begin(), word.end(), '\''), word.end());
  if (!word.empty()) emit(std::move(word));
}

// "could not", "can not", "unable to" and "not able to" say the same as "cannot": an
// inability is a symptom ("can't feel my groin"), never a negation of one. An "actually"
// or "even" just after a negator only stresses it ("havent actually been for a wee",
// "cant even walk"), and goes, so the phrase it split matches.
// In place, each kept token moved down over the ones merged away (a copy of every
// token was a string copy each).
void merge_inability(std::vector<Token>& tokens) {
  auto word_at = [&](size_t i, std::string_view w) {
    return i < tokens.size() && tokens[i].word == w;
  };
  size_t kept = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view w = tokens[i].word;
    size_t used = 0;  // tokens after i that the merged "cannot" takes in
    const bool stress = (w == "actually" || w == "even") && kept > 0 &&
                        (tokens[kept - 1].word == "not" || tokens[kept - 1].word == "cannot" ||
                         tokens[kept - 1].word == "never");
    if (stress) continue;
    if ((w == "could" || w == "can") && word_at(i + 1, "not"))
      used = 1;
    else if (w == "unable" && word_at(i + 1, "to"))
      used = 1;
    else if (w == "not" && word_at(i + 1, "able"))
      used = word_at(i + 2, "to") ? 2 : 1;  // "not able walk", as people write it too
    else if (w == "not" && word_at(i + 1, "can"))
      used = 1;  // "I am not can make the pee", as a learner writes "cannot"
    if (used == 0) {
      if (kept != i) tokens[kept] = std::move(tokens[i]);
      ++kept;
      continue;
    }
    const size_t begin = tokens[i].begin, end = tokens[i + used].end;
    tokens[kept++] = Token{"cannot", false, begin, end};
    i += used;
  }
  tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(kept), tokens.end());
}

bool is_sentence_end(const Token& t) { return t.sentence_end(); }

// After a number of one or two digits, "/52" or "/7" standing alone: the length of the
// unit after the slash (2 for weeks, 1 for days), else 0.
size_t clinical_duration_unit(const std::string& s, size_t slash, const std::string& word) {
  if (s[slash] != '/' || word.empty() || word.size() > 2) return 0;
  for (char c : word)
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  auto ends_at = [&](size_t end) {
    return end >= s.size() || !std::isalnum(static_cast<unsigned char>(s[end]));
  };
  if (s.compare(slash + 1, 2, "52") == 0 && ends_at(slash + 3)) return 2;
  if (s.compare(slash + 1, 1, "7") == 0 && ends_at(slash + 2)) return 1;
  return 0;
}

// A dash with a space beside it parts two clauses as a comma does ("no - well, I
// slipped"); one inside a word joins ("co-codamol", read as two words) and one between
// numbers is a range ("3 - 4 days").
bool dash_between_clauses(const std::string& s, size_t i) {
  if (s[i] != '-') return false;
  const bool spaced = i == 0 || s[i - 1] == ' ' || i + 1 >= s.size() || s[i + 1] == ' ';
  if (!spaced) return false;
  size_t before = i, after = i + 1;
  while (before > 0 && s[before - 1] == ' ') --before;
  while (after < s.size() && s[after] == ' ') ++after;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return !(before > 0 && digit(s[before - 1]) && after < s.size() && digit(s[after]));
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  AsciiText ascii = to_ascii_lower(text);
  const std::string& s = ascii.text;
  std::vector<Token> out;
  // Room for a word of two letters and its space on average: growing from nothing
  // moved every token about five times (a third of tokenize's time).
  out.reserve(s.size() / 3 + 4);
  std::string word;
  size_t word_start = 0;
  auto flush = [&](size_t i) {
    if (!word.empty()) push_word(out, std::move(word), ascii.origin[word_start], ascii.origin[i]);
    word.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool decimal = c == '.' && !word.empty() &&
                   std::isdigit(static_cast<unsigned char>(word.back())) && i + 1 < s.size() &&
                   std::isdigit(static_cast<unsigned char>(s[i + 1]));
    if (is_word_char(c) || decimal) {
      if (word.empty()) word_start = i;
      word.push_back(c);
      continue;
    }
    // "2/52", "3/7": clinicians write weeks and days as a fraction of a year's 52
    // weeks or a week's 7 days. Read as "2 weeks", "3 days". ("6/12" for months is
    // left alone: it is also a date.)
    if (size_t unit_len = clinical_duration_unit(s, i, word); unit_len > 0) {
      flush(i);
      const bool weeks = unit_len == 2;
      push_word(out, weeks ? "weeks" : "days", ascii.origin[i], ascii.origin[i + 1 + unit_len]);
      i += unit_len;
      continue;
    }
    // "10/day", "2/wk": a slash between a number and a unit is "a" ("10 a day").
    bool per = c == '/' && !word.empty() && std::isdigit(static_cast<unsigned char>(word.back())) &&
               i + 1 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 1]));
    flush(i);
    if (per) {
      push_word(out, "a", ascii.origin[i], ascii.origin[i + 1]);
      continue;
    }
    // The mark is made only for a mark (most of these characters are spaces).
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
      // A question mark stays one: a sentence that asks ("would it be bad if I
      // couldn't pee?") is read apart from one that tells (context_scope.h). So does a
      // colon, which ends a sentence but tells more of the one before ("my grandad had a
      // stroke last year: his face drooped").
      Token mark{c == '?' ? "?" : c == ':' ? ":" : ".", true, ascii.origin[i], ascii.origin[i + 1]};
      if (out.empty() || !out.back().punct)
        out.push_back(std::move(mark));
      else
        out.back() = std::move(mark);
    } else if (c == ',' || dash_between_clauses(s, i)) {
      if (out.empty() || !out.back().punct)
        out.push_back(Token{",", true, ascii.origin[i], ascii.origin[i + 1]});
    }
  }
  flush(s.size());
  merge_inability(out);
  return out;
}

std::vector<Phrase> compile_phrases(std::initializer_list<const char*> sources) {
  std::vector<Phrase> out;
  for (const char* s : sources) {
    if (auto p = compile_phrase(s)) out.push_back(std::move(*p));
  }
  return out;
}

Result<Phrase> compile_phrase(std::string_view source) {
  Phrase phrase;
  phrase.source = std::string(source);
  bool gap = false;
  std::string current;
  auto flush = [&]() -> bool {
    if (current.empty()) return true;
    if (current == "...") {
      if (phrase.tokens.empty() || gap) return false;
      gap = true;
      current.clear();
      return true;
    }
    PhraseToken t;
    t.gap_before = gap;
    gap = false;
    if (current.back() == '*') {
      t.stem = true;
      current.pop_back();
    }
    auto words = tokenize(current);
    if (words.empty()) return false;
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i].punct) return false;
      PhraseToken w = t;
      w.word = words[i].word;
      w.stem = t.stem && i + 1 == words.size();
      w.gap_before = i == 0 && t.gap_before;
      phrase.tokens.push_back(w);
    }
    current.clear();
    return true;
  };
  for (char c : source) {
    if (c == ' ') {
      if (!flush())
        return make_error(ErrorCode::bad_phrase, "bad phrase '" + std::string(source) + "'");
    } else {
      current.push_back(c);
    }
  }
  if (!flush() || phrase.tokens.empty() || gap) {
    return make_error(ErrorCode::bad_phrase, "bad phrase '" + std::string(source) + "'");
  }
  return phrase;
}

bool matches_at(const std::vector<Token>& tokens, const Phrase& phrase, int at, int* last) {
  int n = static_cast<int>(tokens.size());
  if (at < 0 || at >= n || tokens[at].punct) return false;
  if (!word_matches(tokens[at].word, phrase.tokens[0])) return false;
  int pos = at;
  for (size_t k = 1; k < phrase.tokens.size(); ++k) {
    const PhraseToken& pt = phrase.tokens[k];
    if (!pt.gap_before) {
      int next = pos + 1;
      if (next >= n || tokens[next].punct || !word_matches(tokens[next].word, pt)) return false;
      pos = next;
      continue;
    }
    int found = -1, words = 0;
    for (int j = pos + 1; j < n && words <= kMaxGap; ++j) {
      if (is_sentence_end(tokens[j])) break;
      if (tokens[j].punct) continue;
      if (word_matches(tokens[j].word, pt)) {
        found = j;
        break;
      }
      ++words;
    }
    if (found < 0) return false;
    pos = found;
  }
  if (last) *last = pos;
  return true;
}

namespace {

// "not only", "not just", "no doubt": a negator that negates nothing. "I can feel
// nothing down there" states numbness: after "feel", "nothing" is the symptom.
bool pseudo_negation(const std::vector<Token>& tokens, int k) {
  static const WordSet feel = {"feel", "feels", "felt", "feeling"};
  if (k > 0 && feel.count(tokens[k - 1].word) && (tokens[k].is("nothing") || tokens[k].is("no")))
    return true;
  // "no feeling", "no control", "no strength": the loss is the symptom, not a denial.
  // (Two lists by the first word: a set of pairs made two strings per lookup.)
  static const WordSet after_not = {"only", "just", "sure", "certain"};
  static const WordSet after_no = {"doubt",     "idea",    "wait",     "feeling",
                                   "sensation", "control", "strength", "power"};
  int n = static_cast<int>(tokens.size());
  if (k + 1 >= n) return false;
  const std::string& next = tokens[k + 1].word;
  // "doesn't everyone's back ache at 70?": a question that expects a yes, of everyone,
  // the writer included.
  static const WordSet everyone = {"everyone", "everyones", "everybody", "everybodys"};
  if (tokens[k].is("not") && everyone.count(next) && k > 0 &&
      (tokens[k - 1].is("does") || tokens[k - 1].is("do")))
    return true;
  if ((tokens[k].is("not") && after_not.count(next)) ||
      (tokens[k].is("no") && after_no.count(next)))
    return true;
  // "I don't feel anything down there" is numbness; "I don't feel numb" stays a denial.
  static const WordSet nothing_felt = {"anything", "a", "much", "my"};
  return tokens[k].is("not") && tokens[k + 1].is("feel") && k + 2 < n &&
         nothing_felt.count(tokens[k + 2].word);
}

bool opens_clause(const std::vector<Token>& tokens, int index, const NegationRules& rules) {
  return index < static_cast<int>(tokens.size()) && !tokens[index].punct &&
         rules.clause_openers.count(tokens[index].word) != 0;
}

// Whether the words from just after a comma up to `first` read as one more item of a list
// of places ("no numbness in the groin, the saddle area or around the back passage"):
// they open with a word that starts such an item and hold no word that starts a clause.
bool list_item_after_comma(const std::vector<Token>& tokens, int comma, int first) {
  static const WordSet item_openers = {"the", "between", "around", "in", "on", "or", "nor", "my"};
  static const WordSet clause_words = {"i",   "it",    "he",   "she",   "they", "is",   "are",
                                       "was", "were",  "feel", "feels", "has",  "have", "but",
                                       "and", "hurts", "hurt", "gets",  "goes", "went", "now"};
  if (comma + 1 >= first || !item_openers.count(tokens[comma + 1].word)) return false;
  bool or_seen = false;
  for (int k = comma + 1; k < first; ++k) {
    if (tokens[k].punct || clause_words.count(tokens[k].word)) return false;
    or_seen = or_seen || tokens[k].is("or") || tokens[k].is("nor");
  }
  return or_seen || tokens[comma + 1].is("the");
}

// A list the person denies, introduced by a colon: "I am not experiencing: face drooping,
// slurred speech, bladder problems", "I don't have any of these: ...". The colon ends the
// sentence for everything else, but here what follows is the denial's object: the mention
// is denied when the words just before the colon deny having or noticing something (a
// negator, then one of `denied` before the colon, at most six words) and nothing from the
// colon to the mention opens a clause of its own. "no worries: my face is drooping", "I
// have not been well: my bladder has stopped" and "no symptoms: face drooping" deny
// nothing (the last could be either; the sign is kept).
bool denied_list_after_colon(const std::vector<Token>& tokens, int first,
                             const NegationRules& rules) {
  static const WordSet denied = {"experiencing", "experience", "have",    "having", "had",
                                 "got",          "getting",    "noticed", "notice", "any",
                                 "following",    "these",      "those"};
  // At most 40 tokens back: every match asks this, and a run-on message without marks would
  // otherwise be walked to its start at each of them.
  int colon = first - 1;
  while (colon >= 0 && colon >= first - 40 && !tokens[colon].sentence_end()) {
    const Token& t = tokens[colon];
    if (rules.scope_breakers.count(t.word)) return false;
    if (t.punct && opens_clause(tokens, colon + 1, rules)) return false;
    --colon;
  }
  if (colon < 1 || !tokens[colon].is(":") || opens_clause(tokens, colon + 1, rules)) return false;
  // A heading of what is absent: "NOT: face droop, ...", "Negatives: ...", "Denies: ...".
  static const WordSet headings = {"negatives", "negative", "denies", "denied", "absent"};
  const Token& heading = tokens[colon - 1];
  if (!heading.punct && (headings.count(heading.word) || rules.negators.count(heading.word)) &&
      (colon < 2 || tokens[colon - 2].punct))
    return true;
  bool what = false;
  for (int k = colon - 1, words = 0; k >= 0 && words < 6 && !tokens[k].punct; --k, ++words) {
    if (rules.post_negators.count(tokens[k].word)) return false;
    what = what || denied.count(tokens[k].word) != 0;
    if (rules.negators.count(tokens[k].word) && !pseudo_negation(tokens, k)) return what;
  }
  return false;
}

// A list of short items after one negator, however long: "no face droop, speech problems,
// bladder issues, weakness or back pain". Each item between commas is at most three words
// and none of them starts a clause ("no fever, but my back is killing me" is two clauses).
// Nor does an inability, a clause without its subject: "no pain, cannot stand long" states
// the weakness.
bool denied_in_short_list(const std::vector<Token>& tokens, int first, const NegationRules& rules) {
  static const WordSet clause_words = {
      "i",      "it",    "he",  "she",    "they", "is",      "are",   "was",  "were",
      "feel",   "feels", "has", "have",   "but",  "and",     "hurts", "hurt", "gets",
      "goes",   "went",  "now", "its",    "im",   "ive",     "hes",   "shes", "thats",
      "theres", "then",  "my",  "cannot", "cant", "couldnt", "unable"};
  // The mention's own item: short, and no clause ("no, my legs are strong" is an answer,
  // then a clause).
  const int n = static_cast<int>(tokens.size());
  for (int k = first, words = 0; k < n && !tokens[k].is(",") && !tokens[k].sentence_end(); ++k) {
    if (clause_words.count(tokens[k].word) || ++words > 5) return false;
  }
  bool crossed_comma = false;
  int words_in_item = 0;
  for (int k = first - 1; k >= 0 && k >= first - 40; --k) {
    const Token& t = tokens[k];
    if (t.is(",")) {
      crossed_comma = true;
      words_in_item = 0;
      continue;
    }
    if (t.is("/")) continue;  // "bladder/bowel issues" is one item
    if (t.punct) return false;
    // "no" or "without" heads an item of its own words ("no face droop,"): not a bare
    // "no," nor "nah grand,", and not "not suddenly, gradually", which contrasts.
    if (rules.negators.count(t.word))
      return (t.is("no") || t.is("without")) && crossed_comma && words_in_item > 0 &&
             !rules.post_negators.count(tokens[k + 1].word) && !pseudo_negation(tokens, k);
    if (clause_words.count(t.word) || rules.scope_breakers.count(t.word)) return false;
    if (++words_in_item > 3) return false;
  }
  return false;
}

// ConText negation. A negator (pre-trigger) governs the words after it until the clause
// ends: a sentence end, a terminator ("but", "just"), or a comma/"and" that opens a new
// clause ("no, my back hurts"). Lists stay in scope ("no fever, chills or sweats").
// Pseudo-triggers look like negation but are not ("not only", "no doubt").
bool negated_before(const std::vector<Token>& tokens, int first, const NegationRules& rules) {
  if (denied_list_after_colon(tokens, first, rules)) return true;
  if (denied_in_short_list(tokens, first, rules)) return true;
  int words = 0;
  // A list of places after a comma stays in the negation's reach a little further.
  int reach = 8;
  for (int k = first - 1; k >= 0 && k >= first - 12; --k) {
    if (tokens[k].sentence_end()) break;
    if (tokens[k].is(",")) {
      if (list_item_after_comma(tokens, k, first)) reach = 12;
      break;
    }
  }
  for (int k = first - 1; k >= 0 && words < reach; --k) {
    const Token& t = tokens[k];
    if (t.sentence_end()) return false;
    if (t.punct) {
      if (opens_clause(tokens, k + 1, rules)) return false;
      continue;
    }
    if (rules.scope_breakers.count(t.word)) return false;
    if ((t.is("and") || t.is("or")) && opens_clause(tokens, k + 1, rules)) return false;
    if (pseudo_negation(tokens, k)) {
      ++words;
      continue;
    }
    if (rules.negators.count(t.word)) return true;
    // "all normal down there", "fine apart from ...": a normal-state word just before
    // the mention denies it as it does just after ("down there is fine").
    // "not normal down there" is the opposite: a negated normal state affirms.
    if (words < 2 && rules.post_negators.count(t.word))
      return k == 0 || !rules.negators.count(tokens[k - 1].word);
    ++words;
  }
  return false;
}

// The mention heads a list of one-word items closed by a normal state: "face, speech,
// eyes, arms all normal", "my back and bladder, all fine". Not "my speech is slurred, my
// face is fine", whose items are clauses, nor "numb and weak, all fine otherwise", whose
// normal state is about the rest.
bool list_closed_by_normal(const std::vector<Token>& tokens, int last, const NegationRules& rules) {
  static const WordSet joins = {",", "and", "&", "/"};
  static const WordSet before_state = {"all",        "both",    "are",        "is",
                                       "seem",       "seems",   "look",       "looks",
                                       "completely", "totally", "absolutely", "quite"};
  static const WordSet the_rest = {"otherwise", "else", "apart", "except", "besides"};
  // A subject starts a clause ("along with my arm, its fine now"): no list item.
  static const WordSet subjects = {"it",   "its",  "i",  "im",   "he",    "hes",  "she",
                                   "shes", "they", "we", "that", "thats", "this", "everything"};
  const int n = static_cast<int>(tokens.size());
  auto closes_at = [&](int k) {
    while (k < n && before_state.count(tokens[k].word)) ++k;
    if (k >= n || !rules.post_negators.count(tokens[k].word)) return false;
    // "only on weekends, ok?": a tag that asks for agreement, not a normal state.
    if (k + 1 < n && tokens[k + 1].is("?")) return false;
    return k + 1 >= n || !the_rest.count(tokens[k + 1].word);
  };
  int k = last + 1;
  while (k < n && joins.count(tokens[k].word)) {
    ++k;
    if (closes_at(k)) return true;
    if (k >= n || tokens[k].punct || the_rest.count(tokens[k].word) ||
        subjects.count(tokens[k].word))
      return false;
    ++k;  // one item: another join, or the normal state, must follow
    if (closes_at(k)) return true;
  }
  return false;
}

// A checklist's entry: the mention opening its line or clause, a colon or a dash, and a
// bare no ("fever - N", "Face droop: N", "bladder: no"). Not "my legs are numb, no idea
// why", nor "he's 76 and a man, no".
bool checklist_entry_denied(const std::vector<Token>& tokens, int first, int last) {
  // The entry opens a line or clause within a few words before the mention
  // ("face/speech/eyes/arms: all normal" names speech third).
  int start = first;
  while (start > 0 && !tokens[start - 1].punct && first - start < 3) --start;
  if (start > 0 && !tokens[start - 1].punct) return false;
  // Or a normal state ("bladder/bowels: fine", "Speech: normal").
  static const WordSet noes = {"n",   "no",     "nil", "none", "neg",    "nope", "nah",  "negative",
                               "nad", "absent", "x",   "fine", "normal", "ok",   "okay", "good"};
  const int n = static_cast<int>(tokens.size());
  // The entry's name may go on a word or two past the mention ("bladder/bowels: fine").
  int mark = last + 1;
  while (mark < n && !tokens[mark].punct && mark - start < 5) ++mark;
  // A comma (or a dash read as one) only after a short name ("Fever - no", "back pain -
  // no"), not after a clause ("my left leg is numb, no").
  const bool colon = mark < n && tokens[mark].is(":");
  const bool short_dash = mark < n && tokens[mark].is(",") && mark - start <= 2;
  if (mark + 1 >= n || !(colon || short_dash)) return false;
  // "face/speech/eyes/arms: all normal".
  static const WordSet before_state = {"all", "both", "are", "is", "totally", "completely"};
  if (mark + 2 < n && before_state.count(tokens[mark + 1].word)) ++mark;
  if (!noes.count(tokens[mark + 1].word)) return false;
  static const WordSet then = {"change", "changes", "issues", "problems", "concerns"};
  return mark + 2 >= n || tokens[mark + 2].punct || then.count(tokens[mark + 2].word);
}

bool negated_after(const std::vector<Token>& tokens, int last, const NegationRules& rules) {
  if (list_closed_by_normal(tokens, last, rules)) return true;
  // "my back has never troubled me", "my speech has never been a problem": a "never" a
  // word or two on denies what it follows; not "it never stops", "never been worse".
  for (int k = last + 1; k < static_cast<int>(tokens.size()) && k <= last + 2; ++k) {
    if (tokens[k].punct) break;
    if (!tokens[k].is("never")) continue;
    int next = k + 1;  // past an adverb: "never quite goes away"
    while (next < static_cast<int>(tokens.size()) &&
           (tokens[next].is("quite") || tokens[next].is("really") || tokens[next].is("fully") ||
            tokens[next].is("completely") || tokens[next].is("properly")))
      ++next;
    const bool ends_or_worse =
        next < static_cast<int>(tokens.size()) &&
        (tokens[next].is("stops") || tokens[next].is("stop") || tokens[next].is("stopped") ||
         tokens[next].is("ends") || tokens[next].is("eases") || tokens[next].is("goes") ||
         tokens[next].is("leaves") ||
         (next + 1 < static_cast<int>(tokens.size()) && tokens[next].is("been") &&
          (tokens[next + 1].is("worse") || tokens[next + 1].is("so"))));
    if (!ends_or_worse) return true;
  }
  // A "no" closing the words it follows ("Back pain no.", "Fall no."): how BSL users and
  // some other first languages put the negative; not "pain no better", "no doubt".
  const int n = static_cast<int>(tokens.size());
  if (last + 1 < n && (tokens[last + 1].is("no") || tokens[last + 1].is("nope"))) {
    // And "Hands no problem", Nigerian Pidgin's "Back pain no dey" (there is none).
    int end = last + 2;
    if (end < n && (tokens[end].is("problem") || tokens[end].is("problems") ||
                    tokens[end].is("issue") || tokens[end].is("issues") || tokens[end].is("dey")))
      ++end;
    if (end == n || tokens[end].punct) return true;
  }
  int words = 0;
  for (int k = last + 1; k < static_cast<int>(tokens.size()) && words < 4; ++k) {
    const Token& t = tokens[k];
    if (t.punct || rules.scope_breakers.count(t.word)) return false;
    // "my speech is fine" denies; "my speech is not normal" does not.
    if (rules.post_negators.count(t.word)) return !rules.negators.count(tokens[k - 1].word);
    // "Waterworks an' that are all normal": filler does not use up the window.
    if (!(t.is("all") || t.is("that") || t.is("an"))) ++words;
  }
  return false;
}

}  // namespace

namespace {

// A negator in the words a phrase's gap skipped: "my foot is not cold" does not state
// "foot ... cold", nor "my face is fine, no drooping" "face ... droop*". A word of the
// phrase itself ("toes ... will not move") and a pseudo-negation ("no feeling") are no
// denial.
bool negated_inside(const std::vector<Token>& tokens, const Phrase& phrase, int first, int last,
                    const NegationRules& rules) {
  for (int k = first + 1; k < last; ++k) {
    const Token& t = tokens[k];
    // "everything down below feels normal when I wipe": a word of the normal state in
    // the gap denies it too (not "not normal").
    if (!t.punct && rules.post_negators.count(t.word) && !rules.negators.count(tokens[k - 1].word))
      return true;
    if (t.punct || !rules.negators.count(t.word) || pseudo_negation(tokens, k)) continue;
    const bool of_phrase =
        std::any_of(phrase.tokens.begin(), phrase.tokens.end(),
                    [&](const PhraseToken& p) { return word_matches(t.word, p); });
    if (!of_phrase) return true;
  }
  return false;
}

}  // namespace

std::optional<Match> match_at(const std::vector<Token>& tokens, const Phrase& phrase,
                              const NegationRules& rules, int at) {
  int last = at;
  if (!matches_at(tokens, phrase, at, &last)) return std::nullopt;
  Match m{at, last, false};
  m.negated = negated_before(tokens, at, rules) || negated_after(tokens, last, rules) ||
              checklist_entry_denied(tokens, at, last) ||
              (last > at + 1 && negated_inside(tokens, phrase, at, last, rules));
  return m;
}

std::vector<Match> find_matches(const std::vector<Token>& tokens, const Phrase& phrase,
                                const NegationRules& rules, int from) {
  std::vector<Match> out;
  for (int i = std::max(0, from); i < static_cast<int>(tokens.size()); ++i) {
    if (auto m = match_at(tokens, phrase, rules, i)) out.push_back(*m);
  }
  return out;
}

void add_words(Vocabulary& vocabulary, std::string_view source) {
  for (const auto& t : tokenize(source)) {
    if (!t.punct) {
      std::string w = t.word;
      if (!w.empty() && w.back() == '*') w.pop_back();
      vocabulary.insert(w);
    }
  }
}

}  // namespace triagebot::dialogs
