#include "dialogs/safety_text.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "dialogs/word_set.h"

namespace triagebot::dialogs::safety {
namespace {

// Two-byte UTF-8 letters of Latin-1 Supplement (U+00C0..U+00FF) folded to ASCII; the
// index is the second byte after 0xC3, minus 0x80. "ß" becomes "ss", "æ" "ae".
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", " ", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", " ", "y"};

bool is_break(char c) {
  return c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ':' || c == '(' ||
         c == ')' || c == '\n';
}

// The last two bytes of the four-byte UTF-8 faces that laugh: 😂 U+1F602, 😆 U+1F606,
// 😅 U+1F605, 😹 U+1F639, 🤣 U+1F923.
bool laughing(char third, char fourth) {
  auto a = static_cast<unsigned char>(third), b = static_cast<unsigned char>(fourth);
  return (a == 0x98 && (b == 0x82 || b == 0x86 || b == 0x85 || b == 0xB9)) ||
         (a == 0xA4 && b == 0xA3);
}

// Words typed one to a sentence for weight ("cant. get. air.", "he. wont. wake."): a run of
// three or more one-word clauses is the one clause it was said as. Not two ("No. Chest
// pain." keeps its answer apart from what follows), and never across an answer ("chest
// pain? no. sweating? no.": each "no" answers the words before it).
bool answer_word(const std::string& word) {
  static const WordSet answers = {"no",  "nope", "nah", "none", "never", "negative",
                                  "yes", "yeah", "yep", "ok",   "okay",  "fine"};
  return answers.count(word) > 0;
}

void join_staccato(std::vector<Clause>& clauses) {
  std::vector<Clause> out;
  out.reserve(clauses.size());
  for (size_t i = 0; i < clauses.size();) {
    size_t run = i;
    while (run < clauses.size() && clauses[run].size() == 1 && !answer_word(clauses[run][0])) ++run;
    if (run - i >= 3) {
      Clause joined;
      for (size_t k = i; k < run; ++k) joined.push_back(std::move(clauses[k][0]));
      out.push_back(std::move(joined));
      i = run;
    } else {
      out.push_back(std::move(clauses[i]));
      ++i;
    }
  }
  clauses = std::move(out);
}

}  // namespace

std::string fold(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));  // tolower in "C"
      continue;
    }
    auto next = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    if (c == 0xC3 && next >= 0x80 && next < 0xC0) {
      out += kLatin1[next - 0x80];
      ++i;
    } else if (c == 0xC5 && (next == 0x93 || next == 0x92)) {
      out += "oe";  // œ Œ
      ++i;
    } else if (c == 0xF0 && next == 0x9F && i + 3 < in.size() && laughing(in[i + 2], in[i + 3])) {
      out += " lol ";  // a laughing face says what "lol" says ("cant breathe 😂")
      i += 3;
    } else if (c == 0xE2 && next == 0x80 && i + 2 < in.size()) {
      auto third = static_cast<unsigned char>(in[i + 2]);
      out.push_back(third == 0x98 || third == 0x99 ? '\'' : ' ');  // curly apostrophes
      i += 2;
    } else {
      out.push_back(' ');
    }
  }
  return out;
}

namespace {

// A dose as a prescription writes it: a number and its unit in one word ("300mg", "1g",
// "10ml", "50mcg").
bool a_dose(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  if (digits == 0) return false;
  const std::string_view unit = word.substr(digits);
  return unit == "mg" || unit == "g" || unit == "mcg" || unit == "ml" || unit == "ug";
}

}  // namespace

std::vector<Clause> clauses_of(std::string_view text) {
  std::string folded = fold(text);
  std::vector<Clause> out(1);
  std::string word;
  auto end_word = [&] {
    // Apostrophes go ("can't" -> "cant", "nan's" -> "nans"); a lone one is no word.
    // (Most words have none: those are taken as they are, not copied letter by letter.)
    std::string clean = std::move(word);
    word.clear();
    clean.erase(std::remove(clean.begin(), clean.end(), '\''), clean.end());
    if (clean.empty()) return;
    // Spoken spellings of the screen's words: Southern US "cain't" ("cain't get enough air
    // in"), Scots, and a "g" dropped from its verbs ("been thinkin aboot endin it aw").
    // Only these: "bleedin" is as often a swear word.
    static const std::pair<const char*, const char*> spoken[] = {
        {"caint", "cant"},
        {"aroond", "around"},
        {"aboot", "about"},
        {"gonnae", "gonna"},
        {"aw", "all"},
        {"thinkin", "thinking"},
        {"endin", "ending"},
        {"goin", "going"},
        // Spelt as heard, as dyslexia writes: "its pumpin blud, towl is soked thru".
        {"pumpin", "pumping"},
        {"soked", "soaked"},
        {"thru", "through"},
        {"towl", "towel"}};
    for (const auto& [spelt, meant] : spoken)
      if (same_word(clean, spelt)) clean = meant;
    // A prescription's "OD" is once a day: "isoniazid 300mg OD", "omeprazole 20mg OD".
    if (same_word(clean, "od") && !out.back().empty() && a_dose(out.back().back())) clean = "daily";
    // Scots "am no" is "am not" ("am no gonnae be here").
    if (same_word(clean, "no") && !out.back().empty() && same_word(out.back().back(), "am"))
      clean = "not";
    if (same_word(clean, "but")) {
      out.emplace_back();
      return;
    }
    // "can not" and "could not" say "cannot": an inability, never a negation.
    if (same_word(clean, "not") && !out.back().empty() &&
        (same_word(out.back().back(), "can") || same_word(out.back().back(), "could"))) {
      out.back().back() = "cannot";
      return;
    }
    // The other contractions written out, as second-language English does ("he does not
    // answer me", "she is not breathing"), read as the screen's patterns spell them. Not
    // "will not": "I will not hurt myself" is a plain denial, as "wont" is not for every
    // rule (safety_rules.h).
    if (same_word(clean, "not") && !out.back().empty()) {
      static const std::pair<const char*, const char*> joined[] = {
          {"does", "doesnt"}, {"do", "dont"},   {"did", "didnt"}, {"is", "isnt"},
          {"has", "hasnt"},   {"was", "wasnt"}, {"are", "arent"}};
      for (const auto& [spelt, contraction] : joined) {
        if (same_word(out.back().back(), spelt)) {
          out.back().back() = contraction;
          return;
        }
      }
    }
    out.back().push_back(std::move(clean));
  };
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    // `folded` is ASCII: isalnum's C-locale answer, inline.
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || c == '\'') {
      word.push_back(c);
      continue;
    }
    end_word();
    // A hyphen joins words ("co-codamol", "self-harm"): read as a space, not a break. A
    // dash between spaces parts a checklist's entry from its answer ("chest pain - no").
    const bool spaced_dash =
        c == '-' && i > 0 && folded[i - 1] == ' ' && i + 1 < folded.size() && folded[i + 1] == ' ';
    if ((is_break(c) || spaced_dash) && !out.back().empty()) out.emplace_back();
  }
  end_word();
  if (out.back().empty()) out.pop_back();
  join_staccato(out);
  return out;
}

bool one_edit_apart(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // swap of neighbours
  }
  return a.substr(i) == b.substr(i + 1);  // insertion
}

}  // namespace triagebot::dialogs::safety
