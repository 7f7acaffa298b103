#include "dialogs/spelling_normaliser.h"

#include "dialogs/clinical_shorthand.h"
#include "dialogs/dictation_slips.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace triagebot::dialogs {
namespace {

// Chat words hunspell lacks or reads as something else ("ye" is archaic "you" to it),
// mapped to the words they stand for (space-separated).
const WordMap<std::string>& slang() {
  // clang-format off
  static const WordMap<std::string> words = {
      {"rn", "right now"}, {"kinda", "kind of"}, {"lil", "little"}, {"sorta", "sort of"}, {"tho", "though"},
      {"cos", "because"}, {"coz", "because"}, {"cuz", "because"}, {"bc", "because"},
      {"ye", "yes"}, {"yeh", "yes"}, {"yh", "yes"}, {"ya", "yes"}, {"yas", "yes"},
      {"defo", "definitely"}, {"def", "definitely"}, {"deffo", "definitely"},
      {"thx", "thanks"}, {"ty", "thanks"}, {"u", "you"}, {"ur", "your"}, {"b4", "before"},
      {"2day", "today"}, {"gonna", "going to"}, {"wanna", "want to"}, {"gotta", "have to"},
      {"thats", "that is"}, {"whats", "what is"}, {"hes", "he is"}, {"shes", "she is"},
      {"theres", "there is"}, {"werent", "were not"}, {"aint", "is not"}, {"n", "and"},
      {"pls", "please"}, {"plz", "please"}, {"abt", "about"}, {"bout", "about"},
      {"w", "with"}, {"til", "until"}, {"till", "until"}, {"rite", "right"},
      {"xmas", "christmas"}, {"mins", "minutes"}, {"hrs", "hours"}, {"wk", "week"},
      {"wks", "weeks"}, {"mth", "month"}, {"mths", "months"}, {"yr", "year"}, {"yrs", "years"},
      // "ngl" (not gonna lie) is a tone, as "tbh" is: its "not" must deny nothing.
      {"ngl", "honestly"}, {"nd", "and"}, {"m8", "mate"},
      {"yday", "yesterday"}, {"yest", "yesterday"}, {"tues", "tuesday"},
      {"weds", "wednesday"}, {"thur", "thursday"}, {"thurs", "thursday"},
      {"idk", "dunno"}, {"dk", "dunno"}, {"naw", "nah"}, {"lmao", "lol"}, {"k", "ok"},
      {"kk", "ok"}, {"okay", "ok"}, {"hmmm", "hmm"}, {"umm", "um"}, {"erm", "um"},
      {"uh", "um"},
      // Spelt as heard, as dyslexia writes, where the dictionary's first guess is
      // another word ("nite" -> "tine", "mor" -> "rom", "sinse" -> "sines").
      {"nite", "night"}, {"tonite", "tonight"}, {"mor", "more"}, {"evry", "every"},
      {"sinse", "since"}, {"carnt", "cannot"}, {"jus", "just"}, {"draging", "dragging"},
      {"mout", "mouth"}, {"twis", "twisted"}, {"cyaan", "cannot"},
      {"eny", "any"}, {"onley", "only"}, {"wekend", "weekend"}, {"nuttin", "nothing"},
      {"nutten", "nothing"},
      // Scots: "ah cannae lift ma foot", "nuthin new".
      {"cannae", "cannot"}, {"canna", "cannot"}, {"dinnae", "do not"}, {"didnae", "did not"},
      {"doesnae", "does not"}, {"isnae", "is not"}, {"wasnae", "was not"},
      {"couldnae", "could not"}, {"wouldnae", "would not"}, {"hasnae", "has not"},
      {"havnae", "have not"}, {"nuthin", "nothing"}, {"nothin", "nothing"}, {"ah", "i"},
      // Doric: "ma back's been affa sair", "worst heid I've ever had".
      {"sair", "sore"}, {"affa", "awful"}, {"heid", "head"}, {"na", "no"},
      // Scots: "cauld as a stane".
      {"cauld", "cold"}, {"stane", "stone"},
      // Trinidadian: "I cyah stand up straight ... mih right foot dragging".
      {"mih", "my"}, {"cyah", "cannot"},
      // Swahili "fine" ("face poa, speech poa"), which the dictionary made "poor".
      {"poa", "fine"}};
  // clang-format on
  return words;
}

// Words the readers take as typed, which the dictionary would "correct": chat words, and
// the days of the week, which it knows only with their capital: it offered "tuesday" and
// "yesterday" for "tuesday", and the knowledge base's "yesterday" won, so "Monday my toes,
// Tuesday my shins, Wednesday my hands" lost its order.
const WordSet& kept_as_typed() {
  static const WordSet words = {"tbh",    "lol",      "omg",     "hmm",       "dunno",
                                "nah",    "monday",   "tuesday", "wednesday", "thursday",
                                "friday", "saturday", "sunday"};
  return words;
}

bool has_digit(const std::string& w) {
  return std::any_of(w.begin(), w.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// "me back", "me legs": Yorkshire, Irish, Australian and London English say "me" for
// "my" before a part of the body (Scots "ma back", "ma heid"); only there, as "give me a
// hand" says "me". And before what is worn next to it ("an accident in me knickers").
bool me_as_my(const std::vector<Token>& tokens, size_t i) {
  static const WordSet parts = {
      "back",    "legs",   "leg",     "feet",  "foot",     "arm",    "arms",      "hands",
      "hand",    "face",   "neck",    "bum",   "bottom",   "knees",  "knee",      "hips",
      "hip",     "toes",   "fingers", "chest", "head",     "speech", "eyes",      "waterworks",
      "bladder", "bowels", "spine",   "heid",  "knickers", "pants",  "underwear", "backside"};
  // After a verb "me" is its object: "call me back", "give me a hand", "let me back in".
  static const WordSet verbs = {"give", "gave",   "hit",  "to",     "call",   "ring",  "phone",
                                "text", "get",    "got",  "pay",    "paid",   "write", "send",
                                "sent", "bring",  "take", "took",   "want",   "wants", "let",
                                "put",  "hold",   "held", "keep",   "kept",   "drive", "drove",
                                "tell", "told",   "show", "help",   "helped", "push",  "pushed",
                                "pull", "pulled", "turn", "turned", "for",    "with",  "brought"};
  return (tokens[i].is("me") || tokens[i].is("ma")) && i + 1 < tokens.size() &&
         parts.count(tokens[i + 1].word) && !(i > 0 && verbs.count(tokens[i - 1].word));
}

// "n" is "and" only between two words ("hot n cold"); alone it is the answer "no".
bool slang_applies(const std::vector<Token>& tokens, size_t i) {
  // Scots "ah" is "I" before a verb ("ah leak a wee bit when ah cough"); before a
  // punctuation mark or an answer it is a sigh ("ah, ok", "ah yes", "ah right").
  if (tokens[i].is("ah")) {
    static const WordSet sighs = {
        "ok",  "yes",  "no",  "nah",   "yeah",   "right", "well", "see",  "i",    "that",
        "so",  "but",  "oh",  "sorry", "thanks", "the",   "okay", "ha",   "ah",   "lol",
        "yep", "nope", "hmm", "good",  "great",  "now",   "then", "wait", "sure", "alright"};
    return i + 1 < tokens.size() && !tokens[i + 1].punct && !sighs.count(tokens[i + 1].word);
  }
  // "na" is the answer "no" alone ("Na"); in a sentence it is Scots "not" ("I'm na sure"),
  // left as typed.
  if (tokens[i].is("na"))
    return (i == 0 || tokens[i - 1].punct) && (i + 1 == tokens.size() || tokens[i + 1].punct);
  if (!tokens[i].is("n")) return true;
  return i > 0 && i + 1 < tokens.size() && !tokens[i - 1].punct && !tokens[i + 1].punct;
}

// The dictionary's correction: the first suggestion the knowledge base uses, else the
// first suggestion. Empty when the dictionary has none.
// Edits (insertions, deletions, substitutions, swaps of neighbours) from `a` to `b`, or
// more than `most` once that many are exceeded. Words are short: a full table is cheap.
size_t edits_within(std::string_view a, std::string_view b, size_t most) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > most) return most + 1;
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i)
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[n][m];
}

std::string best_suggestion(const std::string& word, const SpellChecker& spelling,
                            const Vocabulary& keep) {
  auto suggestions = spelling.suggest(word);
  // A word the knowledge base knows is preferred among the dictionary's guesses, but only
  // a near one: a foreign word ("sat phap phiap", Thai, the seventy-seventh set) is no typo
  // of "aphasia", and reading it so raised a stroke's red flag.
  for (const auto& s : suggestions) {
    if (keep.count(s) && edits_within(word, s, 3) <= 3) return s;
  }
  return suggestions.empty() ? std::string() : suggestions.front();
}

// "nooo", "yesss", "pleeease": letters drawn out for emphasis, each run of three or
// more cut to one. Empty when the word has no such run.
std::string undrawn(const std::string& w) {
  // Most words have no such run: found without building anything.
  bool any_run = false;
  for (size_t i = 0; i + 2 < w.size() && !any_run; ++i)
    any_run =
        w[i] == w[i + 1] && w[i] == w[i + 2] && std::isalpha(static_cast<unsigned char>(w[i]));
  if (!any_run) return {};
  std::string out;
  bool drawn = false;
  for (size_t i = 0; i < w.size(); ++i) {
    size_t run = 1;
    while (i + run < w.size() && w[i + run] == w[i]) ++run;
    drawn = drawn || (run >= 3 && std::isalpha(static_cast<unsigned char>(w[i])));
    out.push_back(w[i]);
    if (run < 3) out.append(w, i + 1, run - 1);
    i += run - 1;
  }
  return drawn ? out : std::string();
}

// Punctuation spoken to a dictation app and typed out as words ("since breakfast comma
// my left leg ... full stop", "hello new line"): the mark it names, and how many words
// name it (0: none). A lone "stop", "question" or "line" is a word.
std::pair<std::string_view, size_t> spoken_mark(const std::vector<Token>& tokens, size_t i) {
  auto next_is = [&](std::string_view w) {
    return i + 1 < tokens.size() && !tokens[i + 1].punct && tokens[i + 1].is(w);
  };
  if (tokens[i].is("comma")) return {",", 1};
  if (tokens[i].is("full") && next_is("stop")) return {".", 2};
  if (tokens[i].is("question") && next_is("mark")) return {"?", 2};
  if (tokens[i].is("exclamation") && next_is("mark")) return {".", 2};
  if (tokens[i].is("new") && (next_is("line") || next_is("paragraph"))) return {".", 2};
  return {{}, 0};
}

// A mark added as tokenize() adds one: never two in a row (a later full mark replaces
// the one before it; a comma after a mark is dropped). A mark spoken as words may stand
// next to a typed one ("full stop."), which alone would break that rule.
void push_mark(std::vector<Token>& out, Token mark) {
  if (out.empty() || !out.back().punct)
    out.push_back(std::move(mark));
  else if (!mark.is(","))
    out.back() = std::move(mark);
}

}  // namespace

std::vector<Token> correct_spelling(const std::vector<Token>& tokens, const SpellChecker* spelling,
                                    const Vocabulary& keep) {
  std::vector<Token> out;
  out.reserve(tokens.size());
  int lookups = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token t = tokens[i];
    auto emit = [&](const std::string& w) { out.push_back(Token{w, false, t.begin, t.end}); };
    if (t.punct) {
      push_mark(out, std::move(t));
      continue;
    }
    if (auto [mark, words] = spoken_mark(tokens, i); words > 0) {
      push_mark(out, Token{std::string(mark), true, t.begin, tokens[i + words - 1].end});
      i += words - 1;
      continue;
    }
    if (std::string plain = undrawn(t.word); !plain.empty()) t.word = plain;
    if (std::string_view meant = dictation_slip(tokens, i); !meant.empty()) {
      emit(std::string(meant));
      continue;
    }
    if (me_as_my(tokens, i)) {
      emit("my");
      continue;
    }
    auto s = slang().find(t.word);
    if (s != slang().end() && slang_applies(tokens, i)) {
      for (const auto& piece : tokenize(s->second)) emit(piece.word);
      continue;
    }
    if (non_as_not(tokens, i)) {
      emit("not");
      continue;
    }
    if (std::string_view side = side_letter(tokens, i); !side.empty()) {
      emit(std::string(side));
      continue;
    }
    if (auto c = clinical_shorthand().find(t.word); c != clinical_shorthand().end()) {
      for (const auto& piece : tokenize(c->second)) emit(piece.word);
      continue;
    }
    // Hunspell's suggest takes milliseconds (a long garbled word, a hundred): a message
    // gets at most kMaxCorrections lookups, and a word too long to be a typo none.
    bool leave = !spelling || t.word.size() < 3 || t.word.size() > kMaxWordLength ||
                 has_digit(t.word) || keep.count(t.word) || kept_as_typed().count(t.word) ||
                 lookups >= kMaxCorrections || spelling->known(t.word);
    if (!leave) ++lookups;
    std::string corrected;
    if (!leave) {
      corrected = with_dropped_g(t.word, *spelling);
      if (corrected.empty()) corrected = best_suggestion(t.word, *spelling, keep);
    }
    if (corrected.empty()) {
      out.push_back(std::move(t));
      continue;
    }
    // A suggestion may be two words or a contraction ("every things", "everything's").
    for (const auto& piece : tokenize(corrected)) {
      if (!piece.punct) emit(piece.word);
    }
  }
  return out;
}

}  // namespace triagebot::dialogs
