#include "dialogs/text_match.h"

#include <algorithm>
#include <cctype>

namespace triagebot::dialogs {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\''; }

// Replaces the UTF-8 characters people commonly type (curly quotes, dashes) with ASCII
// and drops any other non-ASCII byte, so matching works on plain lower-case ASCII.
std::string to_ascii_lower(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(std::tolower(c)));
      continue;
    }
    if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(in[i + 2]);
      if (d == 0x98 || d == 0x99)
        out.push_back('\'');  // ‘ ’
      else if (d == 0x9C || d == 0x9D)
        out.push_back('"');  // “ ”
      else
        out.push_back(' ');  // dashes, ellipsis
      i += 2;
      continue;
    }
    out.push_back(' ');
  }
  return out;
}

void push_word(std::vector<Token>& out, std::string word) {
  // Strip leading/trailing apostrophes (quotes around a word).
  while (!word.empty() && word.front() == '\'') word.erase(word.begin());
  while (!word.empty() && word.back() == '\'') word.pop_back();
  if (word.empty()) return;
  static const std::vector<std::pair<std::string, std::vector<std::string>>> whole = {
      {"can't", {"cannot"}},
      {"cant", {"cannot"}},
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
      {"i've", {"i", "have"}},
      {"ive", {"i", "have"}},
      {"i'd", {"i", "would"}},
      {"wouldn't", {"would", "not"}},
      {"shouldn't", {"should", "not"}}};
  for (const auto& [from, to] : whole) {
    if (word == from) {
      for (const auto& w : to) out.push_back(Token{w, false});
      return;
    }
  }
  auto ends_with = [&](std::string_view suffix) {
    return word.size() > suffix.size() &&
           word.compare(word.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("n't")) {
    out.push_back(Token{word.substr(0, word.size() - 3), false});
    out.push_back(Token{"not", false});
    return;
  }
  for (std::string_view suffix : {"'ve", "'re", "'ll", "'d", "'s"}) {
    if (ends_with(suffix)) {
      out.push_back(Token{word.substr(0, word.size() - suffix.size()), false});
      if (suffix == "'ve") out.push_back(Token{"have", false});
      if (suffix == "'re") out.push_back(Token{"are", false});
      if (suffix == "'ll") out.push_back(Token{"will", false});
      return;
    }
  }
  word.erase(std::remove(word.begin(), word.end(), '\''), word.end());
  if (!word.empty()) out.push_back(Token{word, false});
}

// "could not", "can not" and "unable to" say the same as "cannot": an inability is a
// symptom ("can't feel my groin"), never a negation of one.
void merge_inability(std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& w = tokens[i].word;
    bool next_is = i + 1 < tokens.size();
    if ((w == "could" || w == "can") && next_is && tokens[i + 1].word == "not") {
      out.push_back(Token{"cannot", false});
      ++i;
    } else if (w == "unable" && next_is && tokens[i + 1].word == "to") {
      out.push_back(Token{"cannot", false});
      ++i;
    } else {
      out.push_back(tokens[i]);
    }
  }
  tokens = std::move(out);
}

bool is_sentence_end(const Token& t) { return t.sentence_end(); }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::string s = to_ascii_lower(text);
  std::vector<Token> out;
  std::string word;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool decimal = c == '.' && !word.empty() &&
                   std::isdigit(static_cast<unsigned char>(word.back())) && i + 1 < s.size() &&
                   std::isdigit(static_cast<unsigned char>(s[i + 1]));
    if (is_word_char(c) || decimal) {
      word.push_back(c);
      continue;
    }
    push_word(out, std::move(word));
    word.clear();
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n') {
      if (out.empty() || !out.back().punct)
        out.push_back(Token{".", true});
      else
        out.back() = Token{".", true};
    } else if (c == ',') {
      if (out.empty() || !out.back().punct) out.push_back(Token{",", true});
    }
  }
  push_word(out, std::move(word));
  merge_inability(out);
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
      if (!flush()) return make_error("bad_phrase", "bad phrase '" + std::string(source) + "'");
    } else {
      current.push_back(c);
    }
  }
  if (!flush() || phrase.tokens.empty() || gap) {
    return make_error("bad_phrase", "bad phrase '" + std::string(source) + "'");
  }
  return phrase;
}

bool within_one_edit(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t la = a.size(), lb = b.size();
  if (la > lb + 1 || lb > la + 1) return false;
  if (la == lb) {
    size_t diff[2] = {0, 0};
    size_t count = 0;
    for (size_t i = 0; i < la; ++i) {
      if (a[i] == b[i]) continue;
      if (count == 2) return false;  // a third difference
      diff[count++] = i;
    }
    if (count == 1) return true;
    return count == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] &&
           a[diff[1]] == b[diff[0]];
  }
  std::string_view longer = la > lb ? a : b, shorter = la > lb ? b : a;
  size_t i = 0;
  while (i < shorter.size() && shorter[i] == longer[i]) ++i;
  return shorter.substr(i) == longer.substr(i + 1);
}

bool word_matches(const std::string& typed, const PhraseToken& pattern,
                  const Vocabulary& vocabulary) {
  const std::string& p = pattern.word;
  if (pattern.stem) {
    if (typed.compare(0, p.size(), p) == 0) return true;
  } else if (typed == p) {
    return true;
  }
  if (p.size() < 5) return false;
  // This runs for every typed word against every phrase of the knowledge base: the
  // cheap typo test first (no allocation), the vocabulary lookup (a set of strings)
  // only for a near miss. It was the other way round, and the lookups were a quarter
  // of a Telegram message's CPU under load (bench/reports/2026-12-01-server.md).
  bool near = false;
  if (!pattern.stem) {
    near = within_one_edit(typed, p);
  } else {
    const std::string_view word(typed);
    for (size_t len = p.size() - 1; len <= p.size() + 1 && !near; ++len) {
      near = len <= word.size() && within_one_edit(word.substr(0, len), p);
    }
  }
  return near && vocabulary.count(typed) == 0;
}

bool matches_at(const std::vector<Token>& tokens, const Phrase& phrase,
                const Vocabulary& vocabulary, int at, int* last) {
  int n = static_cast<int>(tokens.size());
  if (at < 0 || at >= n || tokens[at].punct) return false;
  if (!word_matches(tokens[at].word, phrase.tokens[0], vocabulary)) return false;
  int pos = at;
  for (size_t k = 1; k < phrase.tokens.size(); ++k) {
    const PhraseToken& pt = phrase.tokens[k];
    if (!pt.gap_before) {
      int next = pos + 1;
      if (next >= n || tokens[next].punct || !word_matches(tokens[next].word, pt, vocabulary))
        return false;
      pos = next;
      continue;
    }
    int found = -1, words = 0;
    for (int j = pos + 1; j < n && words <= kMaxGap; ++j) {
      if (is_sentence_end(tokens[j])) break;
      if (tokens[j].punct) continue;
      if (word_matches(tokens[j].word, pt, vocabulary)) {
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

bool opens_clause(const std::vector<Token>& tokens, int index, const NegationRules& rules) {
  return index < static_cast<int>(tokens.size()) && !tokens[index].punct &&
         rules.clause_openers.count(tokens[index].word) != 0;
}

// A negator governs the words after it until the clause ends: a sentence end, a
// contrast word ("but", "just"), or a comma/"and" that opens a new clause ("no, my
// back hurts"). Lists stay in scope ("no fever, chills or sweats").
bool negated_before(const std::vector<Token>& tokens, int first, const NegationRules& rules) {
  int words = 0;
  for (int k = first - 1; k >= 0 && words < 8; --k) {
    const Token& t = tokens[k];
    if (t.sentence_end()) return false;
    if (t.punct) {
      if (opens_clause(tokens, k + 1, rules)) return false;
      continue;
    }
    if (rules.scope_breakers.count(t.word)) return false;
    if ((t.word == "and" || t.word == "or") && opens_clause(tokens, k + 1, rules)) return false;
    if (rules.negators.count(t.word)) return true;
    ++words;
  }
  return false;
}

bool negated_after(const std::vector<Token>& tokens, int last, const NegationRules& rules) {
  int words = 0;
  for (int k = last + 1; k < static_cast<int>(tokens.size()) && words < 4; ++k) {
    const Token& t = tokens[k];
    if (t.punct || rules.scope_breakers.count(t.word)) return false;
    if (rules.post_negators.count(t.word)) return true;
    ++words;
  }
  return false;
}

}  // namespace

std::vector<Match> find_matches(const std::vector<Token>& tokens, const Phrase& phrase,
                                const Vocabulary& vocabulary, const NegationRules& rules,
                                int from) {
  std::vector<Match> out;
  for (int i = std::max(0, from); i < static_cast<int>(tokens.size()); ++i) {
    int last = i;
    if (!matches_at(tokens, phrase, vocabulary, i, &last)) continue;
    Match m{i, last, false};
    m.negated = negated_before(tokens, i, rules) || negated_after(tokens, last, rules);
    out.push_back(m);
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
