#include "dialogs/language_gate.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "dialogs/safety_replies.h"
#include "dialogs/safety_text.h"
#include "dialogs/word_set.h"

namespace triagebot::dialogs {
namespace {

// Whole-message replies, accents folded (safety_text.h), that are clearly one language.
// "no" is English too and stays out, as do greetings and thanks ("hallo", "ciao",
// "merci") that English speakers use as well; "si" without an accent is taken as
// Spanish, the more common of the two languages it could be.
const std::map<std::string, std::string>& short_replies() {
  static const std::map<std::string, std::string> list = {
      {"si", "es"},           {"no se", "es"},
      {"no lo se", "es"},     {"claro", "es"},
      {"claro que si", "es"}, {"claro que no", "es"},
      {"tal vez", "es"},      {"quizas", "es"},
      {"a veces", "es"},      {"nunca", "es"},
      {"ayuda", "es"},        {"no entiendo", "es"},
      {"un poco", "es"},      {"oui", "fr"},
      {"non", "fr"},          {"je ne sais pas", "fr"},
      {"je sais pas", "fr"},  {"sais pas", "fr"},
      {"peut etre", "fr"},    {"parfois", "fr"},
      {"jamais", "fr"},       {"un peu", "fr"},
      {"ja", "de"},           {"nein", "de"},
      {"weiss nicht", "de"},  {"ich weiss nicht", "de"},
      {"keine ahnung", "de"}, {"vielleicht", "de"},
      {"manchmal", "de"},     {"ein bisschen", "de"},
      {"sim", "pt"},          {"nao", "pt"},
      {"nao sei", "pt"},      {"talvez", "pt"},
      {"as vezes", "pt"},     {"non lo so", "it"},
      {"forse", "it"},        {"a volte", "it"},
      {"un po", "it"},        {"mai", "it"}};
  return list;
}

// Every word of the clauses, in order (views into them).
std::vector<std::string_view> words_of(const std::vector<safety::Clause>& clauses) {
  std::vector<std::string_view> out;
  for (const auto& clause : clauses)
    for (const auto& word : clause) out.push_back(word);
  return out;
}

std::string joined(const std::vector<std::string_view>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

int english_function_words(const std::vector<std::string_view>& words) {
  static const WordSet english = {"the",  "and", "my", "is", "it", "i",   "im",   "have", "was",
                                  "with", "of",  "to", "in", "on", "its", "this", "that", "ive"};
  return static_cast<int>(std::count_if(words.begin(), words.end(),
                                        [](std::string_view w) { return english.count(w); }));
}

// Most letters outside ASCII: Cyrillic, Greek, Arabic, Chinese ... (bytes, roughly).
// Four-byte sequences are left out: they are emoji ("🤷" is "not sure"), not letters.
bool mostly_non_latin(std::string_view text) {
  int ascii = 0, other = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto u = static_cast<unsigned char>(text[i]);
    if (u >= 0xF0) {
      i += 3;
    } else if (u >= 0x80) {
      ++other;
    } else if (std::isalpha(u)) {
      ++ascii;
    }
  }
  return other > 2 * ascii;
}

// A language code proper ("ru", "zh-Hant"), not CLD2's names for scripts it cannot
// place ("xx-Qaai").
bool is_language_code(const std::string& code) {
  return code.size() >= 2 && std::islower(static_cast<unsigned char>(code[0])) &&
         std::islower(static_cast<unsigned char>(code[1])) && code.rfind("xx", 0) != 0;
}

}  // namespace

std::optional<std::string> foreign_language(std::string_view text,
                                            const LanguageIdentifier* languages) {
  return foreign_language(text, safety::clauses_of(text), languages);
}

std::optional<std::string> foreign_language(std::string_view text,
                                            const std::vector<safety::Clause>& clauses,
                                            const LanguageIdentifier* languages) {
  // Before the words: folding for the screen drops letters outside Latin scripts.
  if (languages && mostly_non_latin(text)) {
    auto code = languages->identify(text);
    if (code && *code != "en" && is_language_code(*code)) return code;
    return std::nullopt;
  }
  const auto words = words_of(clauses);
  if (words.empty()) return std::nullopt;
  // The short replies have four words at most: a longer message is not one of them.
  auto it = words.size() <= 4 ? short_replies().find(joined(words)) : short_replies().end();
  if (it != short_replies().end()) {
    // "sì" (Italian) and "sí" (Spanish) fold to the same word; the accent tells them apart.
    if (it->first == "si" && text.find("\xc3\xac") != std::string_view::npos) return "it";
    return it->second;
  }
  if (!languages) return std::nullopt;
  if (words.size() < 3 || english_function_words(words) >= 2) return std::nullopt;
  auto code = languages->identify(text);
  if (code && has_own_texts(*code)) return code;
  return std::nullopt;
}

bool confidently_english(std::string_view text, const LanguageIdentifier* languages) {
  return confidently_english(text, safety::clauses_of(text), languages);
}

bool confidently_english(std::string_view text, const std::vector<safety::Clause>& clauses,
                         const LanguageIdentifier* languages) {
  const auto words = words_of(clauses);
  if (english_function_words(words) >= 2) return true;
  if (!languages || words.size() < 3) return false;
  auto code = languages->identify(text);
  return code && *code == "en";
}

}  // namespace triagebot::dialogs
