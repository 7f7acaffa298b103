#include "dialogs/answer_reader.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <string>

#include "dialogs/answer_words.h"

namespace triagebot::dialogs {
namespace {

// ---- The reader's own vocabulary (written in tokenize's expanded, accent-free form).

// The person asks what the question means, or why it is asked.
const PhraseList& clarify_phrases() {
  static const PhraseList list = compile_phrases(
      {"what do you mean", "what you mean", "mean by", "what does ... mean", "what is meant",
       "what is the", "what is a", "what is that", "what are you asking", "what counts",
       "how do i tell", "how can i tell", "how do i check", "how can i check", "how would i tell",
       "do not understand", "not understand the question", "explain", "meaning", "why do you ask",
       "why are you asking", "why does that matter", "how is that relevant",
       "what has that got to do", "what does that have to do", "in what way",
       // A question back: "does tingling count?",
       // "what has my bladder got to do with it".
       "does ... count", "does that include", "do you mean", "what has ... to do with",
       "what does ... have to do with",
       // Taken aback: "excuse me?? what kind of question is that".
       "what kind of question", "what sort of question", "excuse me",
       // "is this about shingles?", "can you say it more simple, my English is not so good".
       "is this about", "is that about", "say it more", "more simple", "more simply",
       "english is not so good", "english is not good"});
  return list;
}

// After one of these, only what follows counts ("no wait yes", "yes - sorry, no").
const PhraseList& correction_phrases() {
  static const PhraseList list = compile_phrases(
      {"wait", "sorry", "i mean", "actually", "scratch that", "i misread", "correction", "hang on",
       "hold on", "my mistake", "now you mention it", "now that you mention it",
       "come to think of it", "on second thought", "on second thoughts", "thinking about it"});
  return list;
}

// Uncertainty, in English and in the other languages people fall back to.
const PhraseList& unsure_phrases() {
  static const PhraseList list = compile_phrases(
      {"dunno", "not sure", "unsure", "no idea", "no clue", "not certain", "hard to say",
       "hard to tell", "cannot tell", "cannot say", "cannot test", "who knows", "have not checked",
       "not checked", "never had it checked", "never had any of it checked", "not had it checked",
       "have not looked", "have not tried", "have not tested", "not been tested", "never checked",
       "no thermometer", "not taken", "not measured", "waiting on", "waiting for", "borderline",
       "he has not said", "she has not said", "they have not said", "not been told", "might be",
       "might have", "could be", "maybe", "perhaps", "possibly", "i guess", "not that sure",
       "not really sure", "not too sure", "not entirely sure", "not quite sure",
       "not completely sure", "not a hundred percent", "not 100",
       // Frustration or a carer without the answer: "how would I know", "he won't tell me".
       "how would i know", "how should i know", "how am i supposed to know", "how do i know",
       "will not tell", "would not tell", "will not say", "would not say", "not telling me",
       "have to ask", "need to ask", "will ask", "let me ask", "ask him", "ask her",
       // Spanish, French, Italian, German, Portuguese, Turkish.
       "no se", "no lo se", "ni idea", "je ne sais pas", "je sais pas", "sais pas", "aucune idee",
       "non lo so", "non so", "weiss nicht", "weiss ich nicht", "keine ahnung", "nao sei",
       "bilmiyorum"});
  return list;
}

// A plain no wherever it stands ("god no", "my mum had it, not me").
const PhraseList& plain_no_phrases() {
  static const PhraseList list =
      compile_phrases({"not me", "god no", "hell no", "no way", "no chance", "of course not",
                       "course not", "never have", "never did", "not in my case",
                       // "My mother yes, cancer of breast, me no".
                       "me no"});
  return list;
}

// Uncertain words that, to a "could you be ...?" question, say it is possible.
const PhraseList& possibility_phrases() {
  static const PhraseList list =
      compile_phrases({"could be", "maybe", "might be", "possibly", "perhaps"});
  return list;
}

// A hedged no: plain no on an ordinary question, unsure on a red-flag one.
const PhraseList& hedged_no_phrases() {
  static const PhraseList list = compile_phrases({"not that i know",     "not as far as i know",
                                                  "not that i am aware", "not that i have noticed",
                                                  "do not think so",     "i do not think",
                                                  "i doubt it",          "probably not",
                                                  "not that i remember", "not that i can remember",
                                                  "not that i recall",   "i do not believe so",
                                                  "i do not believe",    "not as far as i can tell",
                                                  "probably no",         "prob not",
                                                  "prolly not",          "prolly no",
                                                  "likely not",          "likely no",
                                                  "i reckon not",        "i think no",
                                                  "i think not",         "i guess not"});
  return list;
}

const PhraseList& foreign_yes_phrases() {
  static const PhraseList list =
      compile_phrases({"si", "oui", "ja", "sim", "evet", "claro", "creo que si", "por supuesto",
                       "bien sur", "certo", "genau",
                       // Romanised Hindi and Urdu: "haan thoda sa".
                       "haan", "haanji", "haan ji"});
  return list;
}

const PhraseList& foreign_no_phrases() {
  static const PhraseList list =
      compile_phrases({"claro que no", "no tengo", "nein", "non", "nao", "hayir", "pas du tout",
                       "para nada", "gar nicht"});
  return list;
}

// A yes that is qualified but still a yes: the thing is there, if slightly or at times.
const PhraseList& hedged_yes_phrases() {
  static const PhraseList list = compile_phrases(
      {"a bit", "a little", "bit of", "kind of", "sort of", "slightly", "sometimes", "occasionally",
       "at times", "now and then", "now and again", "on and off", "off and on", "only when",
       "only if", "just when", "mostly", "somewhat", "a touch", "partly", "i think so", "think so",
       "un poco", "a veces", "un peu", "parfois", "ein bisschen", "manchmal", "un po", "a volte",
       "as vezes",
       // How often, said as a yes ("a couple of times a month").
       "a couple of times", "times a month", "times a week"});
  return list;
}

// Words that, describing the thing asked about, say it is normal ("my face is fine").
const WordSet& normal_states() {
  static const WordSet words = {"fine",     "normal", "normally", "ok",         "okay",
                                "alright",  "good",   "same",     "unaffected", "perfect",
                                "behaving", "grand",  "steady"};
  return words;
}

// Words that precede a state without naming anything ("ok" alone is an acknowledgement).
const WordSet& fillers() {
  static const WordSet words = {"well",
                                "um",
                                "hmm",
                                "oh",
                                "ah",
                                "so",
                                "honestly",
                                "tbh",
                                "lol",
                                "omg",
                                "haha",
                                "like",
                                "erm",
                                "ffs",
                                "jeez",
                                "ugh",
                                "wtf",
                                "bruh",
                                "astaghfirullah",
                                "wallahi",
                                "mashallah",
                                "alhamdulillah"};
  return words;
}

const WordSet& pronouns() {
  static const WordSet words = {"i", "it", "they", "he", "she", "we", "its"};
  return words;
}

// A lead that says only this, not the thing asked ("just an inhaler", "only my insulin").
const WordSet& exclusives() {
  static const WordSet words = {"just", "only", "merely", "simply", "solo"};
  return words;
}

// The people close to a patient who may be the subject of a clause instead of them.
const WordSet& other_people() {
  static const WordSet words = {"wife",       "husband", "partner", "son",     "daughter",
                                "mum",        "mom",     "mother",  "dad",     "father",
                                "brother",    "sister",  "friend",  "mate",    "boyfriend",
                                "girlfriend", "nan",     "gran",    "grandma", "grandad"};
  return words;
}

// ---- Helpers over tokens.

struct Words {
  const std::vector<Token>& t;
  int from, to;  // word range [from, to)

  bool any(const PhraseList& list, int start) const { return list.any_in(t, start, to); }
  bool any(const PhraseList& list) const { return any(list, from); }
  bool at(const PhraseList& list, int i, int* last = nullptr) const {
    return list.match_at(t, i, last) >= 0;
  }
  int first_word() const {
    int i = from;
    while (i < to && (t[i].punct || fillers().count(t[i].word))) ++i;
    return i;
  }
  bool has_words() const {
    for (int i = from; i < to; ++i)
      if (!t[i].punct) return true;
    return false;
  }
};

// The first word at or after `i`, past punctuation.
int next_word(const std::vector<Token>& t, int i) {
  while (i < static_cast<int>(t.size()) && t[i].punct) ++i;
  return i;
}

bool negator_at(const Lexicon& lex, const std::vector<Token>& t, int i) {
  return i < static_cast<int>(t.size()) && !t[i].punct && lex.negation.negators.count(t[i].word);
}

// "no ... well I did for a bit", "nah, well, I did come off my bike": after a no, a
// "well" that leads into a yes ("I did", "I have", "yes") takes the no back. The yes
// must be plain: "no, well I have not" is still a no.
bool well_takes_back_a_no(const Lexicon& lex, const std::vector<Token>& t, int i) {
  if (!t[i].is("well") || i == 0) return false;
  Words all{t, 0, static_cast<int>(t.size())};
  if (!all.at(lex.no_lead, all.first_word())) return false;
  int yes = next_word(t, i + 1), last = yes;
  if (yes >= static_cast<int>(t.size()) || !all.at(lex.yes_lead, yes, &last)) return false;
  return !negator_at(lex, t, last + 1);
}

// Whether the correction phrase at `i` corrects. "actually" does at a clause's start or
// after a yes or no ("no actually yes", "yes. actually, no"), not inside a clause ("I
// didn't actually fall" is a no); "sorry" does before a mark, a yes or no or "I
// mean(t)" ("yes - sorry, no", "yes sorry I meant no"), and otherwise apologises
// ("sorry to go back", "sorry for the wait", "sorry was making a cuppa").
bool corrects_at(const std::vector<Token>& t, int i) {
  const int n = static_cast<int>(t.size());
  if (t[i].is("sorry")) {
    if (i + 1 >= n || t[i + 1].punct || plain_answer_word(t[i + 1].word)) return true;
    return t[i + 1].is("i") && i + 2 < n &&
           (t[i + 2].is("mean") || t[i + 2].is("meant") || t[i + 2].is("misread"));
  }
  // "hang on, I did", not "hold on to the furniture".
  if (t[i].is("hang") || t[i].is("hold"))
    return i + 2 >= n || t[i + 2].punct || plain_answer_word(t[i + 2].word);
  if (!t[i].is("actually")) return true;
  int before = i - 1;
  while (before >= 0 && !t[before].punct && fillers().count(t[before].word)) --before;
  return before < 0 || t[before].punct || plain_answer_word(t[before].word);
}

// A mocking yes taken back by a sentence that opens with a no: "oh yeah loads, I just ran
// for the bus. no.", "oh yeah it's absolutely arctic. no, it's warm and pink": where that
// no starts, or 0.
int sarcasm_taken_back(const std::vector<Token>& t) {
  const int n = static_cast<int>(t.size());
  if (n < 4 || !t[0].is("oh") || !plain_yes_word(t[1].word)) return 0;
  for (int i = 2; i + 1 < n; ++i) {
    if (!t[i].sentence_end()) continue;
    const int next = next_word(t, i + 1);
    if (next < n && plain_no_word(t[next].word)) return next;
  }
  return 0;
}

// The position just after the last self-correction, or 0.
int after_last_correction(const Lexicon& lex, const std::vector<Token>& t) {
  Words all{t, 0, static_cast<int>(t.size())};
  int start = sarcasm_taken_back(t);
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    int last = i;
    if (all.at(correction_phrases(), i, &last) && corrects_at(t, i)) {
      Words rest{t, last + 1, static_cast<int>(t.size())};
      if (rest.has_words()) start = last + 1;
    } else if (well_takes_back_a_no(lex, t, i)) {
      start = next_word(t, i + 1);
    }
  }
  return start;
}

// Where the answer itself starts, past what frames it: fillers, a report of who said it
// ("she says no", "I already told you no", "mum said not really"), and a short echo of
// the question before an explicit yes or no ("my husband? yes, he takes tablets",
// "smoking? never").
int answer_start(const std::vector<Token>& t, int from) {
  static const WordSet speakers = {
      "i",    "he",      "she",     "they",    "we",      "mum",    "mom",       "mother",
      "dad",  "father",  "wife",    "husband", "partner", "son",    "daughter",  "nan",
      "gran", "grandma", "grandad", "carer",   "brother", "sister", "boyfriend", "girlfriend"};
  static const WordSet adverbs = {"already", "just", "literally", "also", "again"};
  static const WordSet reporting = {"says", "said", "say", "told", "tells", "answered"};
  static const WordSet listeners = {"you", "u", "ya", "that"};
  static const WordSet when_said = {"at",      "the",     "start",     "beginning", "before",
                                    "earlier", "above",   "first",     "in",        "my",
                                    "message", "already", "previously"};
  const auto answer_word = [](const Token& w) {
    return plain_answer_word(w.word) || w.is("never");
  };
  const int n = static_cast<int>(t.size());
  Words w{t, from, n};
  int i = w.first_word();
  // Who is writing, first ("I am 91 and my granddaughter is typing this for me. No dear,
  // ...", "Im 91, Ive been up twice a night ..."): "I am" and an age frame the answer in
  // the next sentence or clause; it is no "I am" yes.
  if (i + 2 < n && t[i].is("i") && t[i + 1].is("am") && !t[i + 2].word.empty() &&
      std::all_of(t[i + 2].word.begin(), t[i + 2].word.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    int j = i + 3;
    while (j < n && !t[j].punct) ++j;
    if (int next = next_word(t, j); next < n) i = next;
  }
  // An apology for the wait ("sorry for the delay, no", "sorry was making a cuppa. no",
  // "apologies, been at work - yes"): the answer follows the clause it fills.
  if (i < n && (t[i].is("sorry") || t[i].is("soz") || t[i].is("apologies"))) {
    for (int j = i + 1; j < n && j <= i + 8; ++j) {
      if (answer_word(t[j])) return j;
      if (!t[j].punct) continue;
      if (int next = next_word(t, j + 1); next < n) i = next;
      break;
    }
  }
  // A report: [as|like] [my] speaker [already] says|told [you] ... ("as I said, no").
  int j = i;
  if (j + 1 < n && (t[j].is("as") || t[j].is("like"))) ++j;
  if (j < n && t[j].is("my")) ++j;
  if (j < n && speakers.count(t[j].word)) {
    ++j;
    while (j < n && adverbs.count(t[j].word)) ++j;
    if (j < n && reporting.count(t[j].word)) {
      ++j;
      while (j < n && listeners.count(t[j].word)) ++j;
      // When it was said: "as I said at the start, no", "like I told you before: no".
      for (int words = 0; j < n && words < 5 && when_said.count(t[j].word); ++words) ++j;
      j = next_word(t, j);
      if (j < n) i = j;
    }
  }
  // An exclamation or a charm first ("Good heavens, no.", "touch wood no", "knock on wood,
  // no"): the answer word after it.
  static const std::initializer_list<std::initializer_list<std::string_view>> exclamations = {
      {"good", "heavens"},
      {"good", "lord"},
      {"good", "grief"},
      {"goodness", "me"},
      {"goodness"},
      {"heavens"},
      {"gosh"},
      {"blimey"},
      {"touch", "wood"},
      {"knock", "on", "wood"}};
  for (const auto& words : exclamations) {
    int k = i;
    for (std::string_view word : words) k = (k < n && t[k].is(word)) ? k + 1 : n + 1;
    if (k > n) continue;
    if (int next = next_word(t, k); next < n && answer_word(t[next])) return next;
  }
  // An echo: up to three words and a question or sentence mark, then yes or no.
  for (int k = i; k < n && k <= i + 3; ++k) {
    if (!t[k].sentence_end()) continue;
    int next = next_word(t, k + 1);
    if (next < n && answer_word(t[next])) return next;
    break;
  }
  // Something else first, then "but" and a yes or no closing its clause ("my dad had a
  // stroke last year but no", "my mum had one in 2019 but no, nothing like that"): that
  // is the answer. Not "but no results yet", where "no" is a determiner.
  if (i < n && !answer_word(t[i])) {
    for (int b = i + 1; b + 1 < n; ++b) {
      if (!t[b].is("but") || !answer_word(t[b + 1])) continue;
      if (b + 2 >= n || t[b + 2].punct) return b + 1;
    }
  }
  return i;
}

// "yes, I've checked", "yes I looked": the yes at `last` says that someone looked.
bool checked_after(const std::vector<Token>& t, int last) {
  static const WordSet looked = {"checked", "looked", "felt", "compared"};
  const int n = static_cast<int>(t.size());
  int k = next_word(t, last + 1);
  if (k < n && (t[k].is("i") || t[k].is("ive") || t[k].is("we") || t[k].is("she"))) ++k;
  if (k < n && (t[k].is("have") || t[k].is("has"))) ++k;
  return k < n && looked.count(t[k].word) != 0;
}

// The words of the question's text and of its plainer re-ask.
bool a_question_word(const QuestionDef& q, const Token& token) {
  auto in = [&](const std::vector<Token>& words) {
    return std::any_of(words.begin(), words.end(),
                       [&](const Token& w) { return !w.punct && w.is(token.word); });
  };
  return in(q.text_tokens) || in(q.plainer_tokens);
}

// The reply is a small amount and nothing else: "bit", "lil bit", "tiny bit".
bool only_an_amount(const std::vector<Token>& t) {
  static const WordSet amount = {"a", "bit", "abit", "little", "lil", "tiny", "wee", "touch"};
  bool bit = false;
  for (const auto& token : t) {
    if (token.punct) continue;
    if (!amount.count(token.word)) return false;
    bit = bit || token.is("bit") || token.is("abit");
  }
  return bit;
}

// "but I haven't", "I don't": a pronoun, an auxiliary and "not" closing a clause, the
// verb left out because it is the question's. An explicit no.
bool elliptic_no(const std::vector<Token>& t) {
  static const WordSet subjects = {"i", "he", "she", "they", "we"};
  static const WordSet auxiliaries = {"have", "has", "had", "do",  "does", "did",
                                      "am",   "is",  "are", "was", "were"};
  static const WordSet closers = {"though", "tho", "thankfully", "luckily", "either"};
  const int n = static_cast<int>(t.size());
  for (int i = 0; i + 2 < n; ++i) {
    if (!subjects.count(t[i].word) || !auxiliaries.count(t[i + 1].word) || !t[i + 2].is("not"))
      continue;
    if (i + 3 >= n || t[i + 3].punct || closers.count(t[i + 3].word)) return true;
  }
  return false;
}

// A roll call: the reply is two or more short items, each a word or three and then a
// yes or a no ("face no. arm no. talking no.", "fever no, chills yes"), the way a form is
// filled in. A yes anywhere is a yes (something asked about is there); all no is a no.
// The items are read as sentences elsewhere, where "face no" names a face and no lead.
Answer roll_call(const std::vector<Token>& t) {
  static const WordSet yes_words = {"yes", "yeah", "yep", "yup", "y"};
  static const WordSet no_words = {"no", "nope", "nah", "none", "n", "fine", "normal", "ok"};
  int items = 0, in_item = 0;
  bool any_yes = false;
  for (std::size_t i = 0; i <= t.size(); ++i) {
    if (i < t.size() && !t[i].punct) {
      ++in_item;
      continue;
    }
    if (in_item == 0) continue;
    // The item [i - in_item, i): 2 to 4 words, only its last a yes or a no.
    const Token& last = t[i - 1];
    const bool yes = yes_words.count(last.word) != 0, no = no_words.count(last.word) != 0;
    if (in_item < 2 || in_item > 4 || (!yes && !no)) return Answer::none;
    for (std::size_t j = i - in_item; j + 1 < i; ++j)
      if (yes_words.count(t[j].word) || no_words.count(t[j].word) || t[j].is("not"))
        return Answer::none;
    any_yes = any_yes || yes;
    ++items;
    in_item = 0;
  }
  if (items < 2) return Answer::none;
  return any_yes ? Answer::yes : Answer::no;
}

// A plain no, a comma, then "maybe" or "perhaps" and being tired or run down, which the
// question does not ask about ("no, maybe a little tired" to the fever screen): the doubt
// is about something else. Only that: "no, maybe a bit paler" or "no, maybe a bit blurry"
// doubts the screen's own sign.
bool no_then_aside(const std::vector<Token>& t, const QuestionDef& q, int lead) {
  static const WordSet doubts = {"maybe", "perhaps", "possibly"};
  static const WordSet worn = {"tired",    "knackered", "exhausted", "stressed", "sleepy",
                               "fatigued", "hungover",  "run",       "worn",     "drained"};
  const int n = static_cast<int>(t.size());
  if (lead + 2 >= n || !plain_no_word(t[lead].word) || !t[lead + 1].is(",") ||
      !doubts.count(t[lead + 2].word))
    return false;
  bool aside = false;
  for (int i = lead + 3; i < n && !t[i].sentence_end(); ++i) {
    if (t[i].punct) continue;
    if (a_question_word(q, t[i]) && t[i].word.size() >= 3) return false;
    aside = aside || worn.count(t[i].word) != 0;
  }
  return aside;
}

// One part of the question said yes to after another said no: "face no, is ok. but the
// arm yes, since 7:10 the right one is numb". "but", a word of the question's own, then a
// yes closing its clause. Not "back pain yes" to a question about the night, which
// answers another question.
bool part_said_yes(const QuestionDef& q, const std::vector<Token>& t) {
  static const WordSet determiners = {"the", "my", "his", "her", "an", "a"};
  const int n = static_cast<int>(t.size());
  for (int i = 2; i < n; ++i) {
    if (!plain_yes_word(t[i].word) || (i + 1 < n && !t[i + 1].punct)) continue;
    const Token& part = t[i - 1];
    int before = i - 2;
    if (before > 0 && determiners.count(t[before].word)) --before;
    if (t[before].is("but") && !part.punct && part.word.size() >= 3 && a_question_word(q, part))
      return true;
  }
  return false;
}

// To a question about something recent (`time_asked` "recent": "Have you recently had a
// fall ...?"), a reply
// whose last clause denies the recent past ("I fall off things all the time lol, nothing
// in the last few months though", "used to, not lately"): a habit or an old story told,
// then the recent past ruled out. Not "not in the last month, but I fell yesterday",
// whose last clause tells a fall.
bool last_clause_denies_recently(const QuestionDef& q, const std::vector<Token>& t) {
  if (q.time_asked != QuestionDef::TimeAsked::recent) return false;
  static const WordSet deniers = {"nothing", "none", "not", "no", "never"};
  static const WordSet recent = {"recently", "recent", "lately"};
  static const WordSet spans = {"few", "couple", "month", "months", "week", "weeks", "year"};
  int n = static_cast<int>(t.size());
  while (n > 0 && t[n - 1].punct) --n;
  int start = n;
  while (start > 0 && !t[start - 1].punct && !t[start - 1].is("but")) --start;
  for (int i = start; i < n; ++i) {
    if (!deniers.count(t[i].word)) continue;
    for (int j = i + 1; j < n && j <= i + 5; ++j) {
      if (recent.count(t[j].word)) return true;
      if ((t[j].is("last") || t[j].is("past")) && j + 1 < n && spans.count(t[j + 1].word))
        return true;
    }
  }
  return false;
}

// Words whose first word is a question's yes word in another sense: "fell asleep" is no
// fall ("no, i mean fell asleep, not fell over" to the injury question).
bool first_word_of_another_sense(const std::vector<Token>& t, const Match& m) {
  static const PhraseList senses =
      compile_phrases({"fell asleep", "fall asleep", "falls asleep", "falling asleep",
                       "fell pregnant", "fell out with", "fall out with", "falling out with"});
  int last = m.first;
  return senses.match_at(t, m.first, &last) >= 0 && m.last < last;
}

// +1 when the question's own yes phrases are used (not negated), -1 when only negated;
// likewise for its no phrases. Not in words about someone else or a condition asked
// about ("my son fell off his bike, not me" is no fall of the patient's).
// Only matches that start before `to` count; with `now_only`, only those in words about
// now, not about the distant past or something long-standing.
int vote(const KnowledgeData& k, const std::vector<Token>& t, const std::vector<Phrase>& list,
         int from, const Scopes& scopes, int to = std::numeric_limits<int>::max(),
         bool now_only = false) {
  int plain = 0, negated = 0;
  for (const auto& p : list) {
    for (const auto& m : find_matches(t, p, k.lexicon.negation, from)) {
      const Segment& seg = scopes.at(m.first);
      if (m.first >= to || seg.states_nothing() || first_word_of_another_sense(t, m)) continue;
      if (now_only && seg.time != TimeScope::current) continue;
      (m.negated ? negated : plain)++;
    }
  }
  return plain > 0 ? 1 : negated > 0 ? -1 : 0;
}

// The position of the last "but" in the reply, else -1.
int last_but(const std::vector<Token>& t) {
  for (int b = static_cast<int>(t.size()) - 1; b >= 0; --b)
    if (t[static_cast<size_t>(b)].is("but")) return b;
  return -1;
}

// A reply that ends "so yes" or "so no", or whose last sentence opens with it ("So yes, I
// guess that counts."): the person's own conclusion of what came before.
Answer concluded_with_so(const std::vector<Token>& t) {
  int last = static_cast<int>(t.size()) - 1;
  while (last >= 0 && t[last].punct) --last;
  int opens = last;
  while (opens > 0 && !t[opens - 1].sentence_end()) --opens;
  if (opens > 0 && opens + 1 <= last && t[opens].is("so")) last = opens + 1;
  if (last < 1 || !t[last - 1].is("so")) return Answer::none;
  // Not "I don't think so, no", where "so" stands for what was asked.
  static const WordSet verbs = {"think", "guess", "hope", "believe", "suppose", "reckon", "say"};
  if (last >= 2 && verbs.count(t[last - 2].word)) return Answer::none;
  if (t[last].is("yes") || t[last].is("yeah") || t[last].is("yep")) return Answer::yes;
  if (t[last].is("no") || t[last].is("nope") || t[last].is("nah")) return Answer::no;
  return Answer::none;
}

// "I do", "he has", "she did": a subject and an auxiliary standing as a clause of their
// own from `i`.
bool elliptic_yes_at(const std::vector<Token>& t, int i) {
  static const WordSet subjects = {"i", "he", "she", "they", "we", "it"};
  static const WordSet auxiliaries = {"do", "does", "did", "have", "has", "had", "am", "is", "was"};
  const int n = static_cast<int>(t.size());
  return i + 1 < n && subjects.count(t[i].word) && auxiliaries.count(t[i + 1].word) &&
         (i + 2 >= n || t[i + 2].punct);
}

// Where a reply that opened with a no turns: "no, but a bit", "not cold, tho it looks a
// bit bluish", "no, well I slipped on the ice", "no leaks. i dont feel when i need to go
// tho", "not rlly, just have to strain a lot", "not a headache as such, more like being
// hit round the head with a bat"). The words [from, to) of the turning
// clause, after the first turning word past the lead; a "tho" or "though" that closes
// its clause turns the clause it closes. An empty range when the reply does not turn.
struct Span {
  int from = 0, to = 0;
  bool exclusive = false;    // turned by "just" or "only" ("no, just have to strain")
  bool redescribes = false;  // "not X, more like Y": Y says what X tried to name
  bool empty() const { return from >= to; }
};
Span turning_clause(const std::vector<Token>& t, int lead) {
  static const WordSet turns = {"but", "except", "although", "however", "yet", "tho", "though"};
  const int n = static_cast<int>(t.size());
  for (int b = lead + 1; b < n; ++b) {
    if (t[b].punct) continue;
    const bool closes = (t[b].is("tho") || t[b].is("though")) && (b + 1 >= n || t[b + 1].punct);
    if (closes) {
      int from = b;
      while (from > lead + 1 && !t[from - 1].punct) --from;
      return {from, b};
    }
    // "well" and "actually" turn only where a clause starts ("no, well ...", "not weak
    // no. well ...", "no knocks - actually, I banged my knee").
    const bool well = (t[b].is("well") || t[b].is("actually")) && t[b - 1].punct;
    if (turns.count(t[b].word) || well) return {b + 1, n};
    // "not X, more like Y": the word was denied, not the thing it tried to name.
    if (t[b].is("more") && b + 1 < n && t[b + 1].is("like")) return {b + 1, n, false, true};
    if (exclusives().count(t[b].word)) return {b + 1, n, true};
  }
  return {};
}

// The findings a yes to this question stands for: its own, those it settles, and the
// alternatives a red-flag rule lists beside it (a slurred word answers the stroke screen).
std::set<int> asked_findings(const KnowledgeData& k, const QuestionDef& q) {
  std::set<int> out(q.determines.begin(), q.determines.end());
  if (q.finding >= 0) out.insert(q.finding);
  for (int r : q.red_flags) {
    for (const auto& rule : k.red_flags[r].rules) {
      bool alternative = rule.all.empty() &&
                         std::find(rule.any.begin(), rule.any.end(), q.finding) != rule.any.end();
      if (alternative) out.insert(rule.any.begin(), rule.any.end());
    }
  }
  return out;
}

// A "no" among the three words before `at` ("well no sorry", "no wait").
bool no_just_before(const std::vector<Token>& t, int at) {
  for (int i = std::max(0, at - 3); i < at; ++i)
    if (t[i].is("no") || t[i].is("nope") || t[i].is("nah")) return true;
  return false;
}

// Whether some match in `t` of a phrase of `finding` is one `wanted` takes.
template <typename Wanted>
bool a_match_of(const KnowledgeData& k, const std::vector<Token>& t, int finding, Wanted wanted) {
  for (const auto& p : k.findings[finding].phrases) {
    for (const auto& m : find_matches(t, p, k.lexicon.negation, 0))
      if (wanted(m)) return true;
  }
  return false;
}

// Whether `t` names `finding` in one of its phrases, not negated.
bool states_finding(const KnowledgeData& k, const std::vector<Token>& t, int finding) {
  return a_match_of(k, t, finding, [](const Match& m) { return !m.negated; });
}

// The words after a reply's opening echo of one to three words and a question mark
// ("weak? only my will to live"), or none when it opens with no echo.
std::vector<Token> words_after_echo(const std::vector<Token>& t) {
  const int n = static_cast<int>(t.size());
  for (int i = 0, words = 0; i < n && words <= 3; ++i) {
    if (t[i].is("?"))
      return words > 0 && i + 1 < n ? std::vector<Token>(t.begin() + i + 1, t.end())
                                    : std::vector<Token>();
    if (t[i].sentence_end()) return {};
    if (!t[i].punct) ++words;
  }
  return {};
}

bool finding_is(const Reading& reading, int finding, bool value) {
  auto it = reading.findings.find(finding);
  return finding >= 0 && it != reading.findings.end() && it->second == value;
}

// What the question's own answer words and its finding say, when the lead word does not
// settle it; none when they say nothing.
Answer by_question_words(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                         const Reading& reading, const Scopes& scopes) {
  if (finding_is(reading, q.finding, true)) return Answer::yes;
  if (finding_is(reading, q.finding, false)) return Answer::no;
  int yes = vote(k, t, q.yes_phrases, 0, scopes), no = vote(k, t, q.no_phrases, 0, scopes);
  if (yes > 0 && no <= 0) return Answer::yes;
  if (no > 0 && yes <= 0) return Answer::no;
  if (yes < 0 && no == 0) return Answer::no;
  if (no < 0 && yes == 0) return Answer::yes;
  return Answer::none;
}

// The person has not tried what the question asks about ("havent coughed lol" to "does
// coughing make it worse?").
bool not_tried(const std::vector<Token>& t, int from, const QuestionDef& q) {
  const auto& question_words = q.text_tokens;
  for (int i = from; i + 2 < static_cast<int>(t.size()); ++i) {
    if (!(t[i].is("have") || t[i].is("has")) || !t[i + 1].is("not")) continue;
    const std::string& verb = t[i + 2].word;
    if (verb.size() < 5) continue;
    for (const auto& w : question_words) {
      if (!w.punct && w.word.size() >= 5 && w.word.compare(0, 4, verb, 0, 4) == 0) return true;
    }
  }
  return false;
}

// "my face is fine", "talking fine", "same as the other one": a normal-state word that
// describes something. An acknowledgement word on its own ("ok", "alright") is not one.
bool says_normal(const std::vector<Token>& t, int from, int to) {
  static const WordSet acknowledgements = {"ok", "okay", "alright", "good"};
  bool named = false;
  for (int i = from; i < to; ++i) {
    if (t[i].punct) continue;
    // "not normal", "not the same", "no good" say something is wrong; "heavier than
    // normal" compares, and says it differs ("no worse than normal" does not).
    const bool compared = i > from + 1 && t[i - 1].is("than") &&
                          !(i > from + 2 && (t[i - 3].is("no") || t[i - 3].is("not")));
    bool negated = i > from && (t[i - 1].is("not") || t[i - 1].is("no") || compared ||
                                (t[i - 1].is("the") && i > from + 1 && t[i - 2].is("not")));
    bool state = normal_states().count(t[i].word) != 0 && !negated;
    if (state && (named || !acknowledgements.count(t[i].word))) return true;
    if (t[i].is("like") && i + 1 < to && t[i + 1].is("normal")) return true;
    if (!fillers().count(t[i].word)) named = true;
  }
  return false;
}

// "only a dull ache", "just a bit of a niggle": a pain, made light of, in the few words
// after the lead, to a question that asks whether there is pain (`asks_if_pain`: "Do you
// have back pain or neck pain?"), not what kind ("Does pain shoot down your leg?").
bool admits_a_pain_asked(const std::vector<Token>& t, int lead, const QuestionDef& q) {
  static const WordSet pains = {"ache",   "aches",   "aching", "achy",    "pain", "pains",
                                "twinge", "twinges", "niggle", "niggles", "sore", "soreness"};
  if (!q.asks_if_pain) return false;
  const int end = std::min(static_cast<int>(t.size()), lead + 6);
  for (int i = lead + 1; i < end && !t[i].punct; ++i)
    if (pains.count(t[i].word)) return true;
  return false;
}

bool asks_possibility(const QuestionDef& q) {
  const auto& words = q.text_tokens;
  return !words.empty() && (words[0].is("could") || words[0].is("might"));
}

bool red_flag_finding(const KnowledgeData& k, int finding) {
  for (const auto& r : k.red_flags) {
    for (const auto& rule : r.rules) {
      for (const auto* list : {&rule.all, &rule.any}) {
        if (std::find(list->begin(), list->end(), finding) != list->end()) return true;
      }
    }
  }
  return false;
}

// Words that carry no subject of their own: glue, and the hedges and leads the reader
// already weighs ("it is", "mostly", "a bit").
bool is_glue_word(const KnowledgeData& k, const std::string& w) {
  static const WordSet glue = {
      "a",    "an",   "the",   "am",     "is",    "are",   "was",    "were",    "be",    "been",
      "my",   "me",   "mine",  "myself", "of",    "in",    "on",     "at",      "to",    "for",
      "with", "and",  "or",    "so",     "too",   "also",  "very",   "really",  "quite", "pretty",
      "bit",  "lot",  "think", "guess",  "feel",  "feels", "felt",   "seems",   "do",    "does",
      "did",  "has",  "have",  "had",    "get",   "gets",  "got",    "this",    "that",  "there",
      "here", "then", "now",   "when",   "if",    "some",  "more",   "most",    "yes",   "no",
      "not",  "like", "thing", "things", "still", "again", "though", "probably"};
  if (glue.count(w) || fillers().count(w) || pronouns().count(w) || exclusives().count(w))
    return true;
  auto in = [&](const PhraseList& list) {
    for (const auto& p : list)
      for (const auto& pt : p.tokens)
        if (!pt.stem && pt.word == w) return true;
    return false;
  };
  return in(hedged_yes_phrases()) || in(k.lexicon.yes_lead);
}

// `word` is `topic`, or shares its stem ("walk" / "walking", "droop*" / "drooping").
bool same_stem(const std::string& word, const std::string& topic, bool topic_is_stem) {
  if (topic_is_stem) return word.compare(0, topic.size(), topic) == 0;
  if (word == topic) return true;
  return word.size() >= 4 && topic.size() >= 4 && word.compare(0, 4, topic, 0, 4) == 0;
}

bool in_phrases(const std::string& word, const std::vector<Phrase>& phrases) {
  for (const auto& p : phrases)
    for (const auto& pt : p.tokens)
      if (same_stem(word, pt.word, pt.stem)) return true;
  return false;
}

// Whether `word` belongs to what the question asks: a word of its text or of its plainer
// re-ask, of its own answer phrases, or of the phrases of a finding it asks about.
bool about_question(const KnowledgeData& k, const QuestionDef& q, const std::string& word) {
  for (const auto* words : {&q.text_tokens, &q.plainer_tokens}) {
    for (const auto& qt : *words)
      if (!qt.punct && same_stem(word, qt.word, false)) return true;
  }
  if (in_phrases(word, q.yes_phrases) || in_phrases(word, q.no_phrases)) return true;
  for (int f : asked_findings(k, q)) {
    if (in_phrases(word, k.findings[f].phrases)) return true;
  }
  return false;
}

// Words [from, to) name something, and nothing they name is what the question asks
// about. A condition ("when I press on it": what follows "when" or "if" says when, not
// what) names nothing, nor does a time ("at weekends").
bool names_only_other_things(const KnowledgeData& k, const std::vector<Token>& t, int from, int to,
                             const QuestionDef& q) {
  static const WordSet conditions = {"when", "if", "after", "before", "while", "whenever"};
  static const WordSet times = {"day",      "days",    "night",    "nights",    "morning",
                                "mornings", "evening", "evenings", "weekend",   "weekends",
                                "week",     "weeks",   "today",    "yesterday", "lately"};
  bool named = false;
  for (int i = from; i < to; ++i) {
    if (t[i].punct) continue;
    if (conditions.count(t[i].word)) return false;
    if (t[i].word.size() < 3 || is_glue_word(k, t[i].word) || times.count(t[i].word)) continue;
    if (about_question(k, q, t[i].word)) return false;
    named = true;
  }
  return named;
}

// Words [from, to) open with another person ("my dad smoked 60 a day") and say nothing of
// the writer ("my mate gets me to have one" does).
bool of_another_person(const std::vector<Token>& t, int from, int to) {
  static const WordSet me = {"i", "me", "im", "ive", "myself"};
  const int first = next_word(t, from);
  return first + 1 < to && (t[first].is("my") || t[first].is("his") || t[first].is("her")) &&
         other_people().count(t[first + 1].word) &&
         std::none_of(t.begin() + first + 2, t.begin() + to,
                      [](const Token& w) { return me.count(w.word) != 0; });
}

// A reply that opened with a no turns to a yes: its turning clause is a qualified yes
// about the question ("not really but sometimes when I lie down", "no, but a bit"),
// unless it speaks of something else ("no, but my back hurts a bit" to the weakness
// question stays no), or it uses the question's own yes words ("no problem, except I
// can't hold it" to the bladder screen, "not cold, tho it looks a bit bluish"): the no
// was about the rest of the question.
bool turned_to_yes(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                   int lead, const Scopes& scopes, const Reading& reading) {
  const Span turn = turning_clause(t, lead);
  if (turn.empty()) return false;
  // "not weak no, just wobbly in the dark": the thing itself denied, "just" names what
  // there is instead.
  if (turn.exclusive && finding_is(reading, q.finding, false)) return false;
  // "never touched them, my dad smoked 60 a day though": the turn tells of another person.
  if (of_another_person(t, turn.from, turn.to)) return false;
  // "no, just a bit of a cold": only this, not what was asked, unless in its words; and
  // "no, just heavy" or "just numb and a bit heavy" names the only things there are
  // (heaviness is not weakness), where "just have to strain a lot to get it going" tells
  // what happens.
  Words clause{t, turn.from, turn.to};
  // "never have, only needles at the blood donor clinic": the turn names one of the
  // question's own no words, so it tells what the no set apart, not a yes.
  if (vote(k, t, q.no_phrases, turn.from, scopes, turn.to) > 0) return false;
  if (turn.exclusive) {
    int words = 0;
    for (int i = turn.from; i < turn.to; ++i) words += !t[i].punct;
    if (words < 3 || clause.any(k.lexicon.symptom_words)) return false;
  }
  if (!turn.exclusive && clause.any(hedged_yes_phrases()) &&
      !names_only_other_things(k, t, turn.from, turn.to, q))
    return true;
  // "I don't - well, I do.": the turn is an elliptic yes of its own, a subject and an
  // auxiliary closing their clause.
  if (!turn.exclusive && elliptic_yes_at(t, next_word(t, turn.from))) return true;
  // "not a headache as such, more like being hit round the head": the "not" denied a
  // word, so the clause is read on its own, out of that negation's reach.
  const std::vector<Token> clause_only(t.begin() + turn.from, t.begin() + turn.to);
  if (turn.redescribes) {
    auto names = [&](const std::vector<Phrase>& list) {
      for (const auto& p : list)
        for (const auto& m : find_matches(clause_only, p, k.lexicon.negation))
          if (!m.negated) return true;
      return false;
    };
    return names(q.yes_phrases) || (q.finding >= 0 && names(k.findings[q.finding].phrases));
  }
  // "nah same since sunday, my free throws are getting worse tho": the turn speaks of the
  // finding's other meaning, not of the finding.
  if (q.finding >= 0) {
    for (const auto& p : k.findings[q.finding].other_meanings)
      if (!find_matches(clause_only, p, k.lexicon.negation).empty()) return false;
  }
  return vote(k, t, q.yes_phrases, turn.from, scopes, turn.to) > 0;
}

// On a screen for something new that matters even when it has passed (a mini-stroke
// that cleared, a bladder that would not empty this morning), a no limited to now and
// then an episode in the recent past is a yes: "nothing like that now, it was
// yesterday for 10 min", "not now. it happened this morning for a few minutes". The
// episode's words need not name the finding: the question did.
bool passed_episode(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                    int lead, const Scopes& scopes) {
  static const WordSet episode = {"yesterday", "earlier", "morning",  "night",   "minutes",
                                  "minute",    "mins",    "min",      "seconds", "secs",
                                  "hour",      "hours",   "happened", "passed",  "lasted"};
  if (q.screen <= 0 || q.finding < 0 || !k.lexicon.new_findings.count(q.finding)) return false;
  const int n = static_cast<int>(t.size());
  auto negated = [&](const Segment& seg) {
    for (int j = seg.first; j <= seg.last; ++j)
      if (!t[j].punct && k.lexicon.negation.negators.count(t[j].word)) return true;
    return false;
  };
  // The no is limited to now: "now" in a clause that denies ("nothing like that now",
  // "no, not now").
  int now = lead;
  while (now < n && !(t[now].is("now") && (scopes.at(now).nothing_new || negated(scopes.at(now)))))
    ++now;
  if (now >= n) return false;
  for (int i = now + 1; i < n; ++i) {
    if (t[i].punct || !episode.count(t[i].word)) continue;
    const Segment& seg = scopes.at(i);
    if (seg.time != TimeScope::current || seg.nothing_new || seg.states_nothing()) continue;
    if (!negated(seg) && &seg != &scopes.at(now)) return true;
  }
  return false;
}

// A short reply (a fragment of at most four words) about something else: "knee mostly"
// or "it's crushing" to the stroke screen. A hedge or an "it is" lead affirms only what
// it is attached to, so such a fragment is no answer (the engine asks again); a bare
// hedge ("a bit", "kinda", "I think so") names nothing and still affirms. Longer replies
// are sentences about something, which the hedge is most often part of: the other rules
// read them.
bool off_topic_fragment(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q) {
  // An explicit yes or no anywhere answers, whatever else the fragment names ("a bit
  // heavy yes").
  int words = 0;
  for (const auto& token : t) {
    words += !token.punct;
    if (plain_answer_word(token.word)) return false;
  }
  return words <= 4 && names_only_other_things(k, t, 0, static_cast<int>(t.size()), q);
}

// "yeah right," or "yeah right" alone: sarcasm, not a yes ("yeah right, my face is fine,
// it's my leg I'm here about"). "yeah, right leg" names a side and stays a yes.
bool sarcastic_yes_at(const std::vector<Token>& t, int lead) {
  static const WordSet yes_words = {"yeah", "yes", "ya", "yea", "yep"};
  const int n = static_cast<int>(t.size());
  if (lead + 1 >= n || !yes_words.count(t[lead].word) || !t[lead + 1].is("right")) return false;
  return lead + 2 >= n || t[lead + 2].punct;
}

// The reply, past its fillers ("lol"), is exactly these words.
bool reply_is(const std::vector<Token>& t, std::initializer_list<std::string_view> words) {
  auto w = words.begin();
  for (const auto& token : t) {
    if (token.punct || fillers().count(token.word)) continue;
    if (w == words.end() || !token.is(*w)) return false;
    ++w;
  }
  return w == words.end();
}

// A short reply that ends in its only yes or no word ("bro what 💀 no"): that word is
// the answer, whatever the few words before it were.
Answer closing_answer_word(const std::vector<Token>& t) {
  int words = 0, answers = 0, last = -1;
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    if (t[i].punct) continue;
    ++words;
    last = i;
    answers += plain_answer_word(t[i].word);
  }
  if (last < 0 || words > 4 || answers != 1) return Answer::none;
  if (plain_yes_word(t[last].word)) return Answer::yes;
  if (plain_no_word(t[last].word)) return Answer::no;
  return Answer::none;
}

// The reply is "both" and words that only colour it ("Both. Obviously.", "both of them
// tbh"), to a yes/no question that asks about two things joined by "or". Not to one that
// names a side ("drooped on one side"): there "both" names sides, an answer to another
// question.
bool both_of_two(const QuestionDef& q, const std::vector<Token>& t) {
  static const WordSet colour = {"both",     "of", "them",  "obviously",  "really", "actually",
                                 "probably", "i",  "think", "definitely", "tbh",    "yes"};
  const auto& words = q.plainer_tokens.empty() ? q.text_tokens : q.plainer_tokens;
  const bool asks_two =
      std::any_of(words.begin(), words.end(), [](const Token& w) { return w.is("or"); }) &&
      std::none_of(q.text_tokens.begin(), q.text_tokens.end(),
                   [](const Token& w) { return w.is("side") || w.is("one") || w.is("sides"); });
  bool both = false;
  for (const auto& token : t) {
    if (token.punct || fillers().count(token.word)) continue;
    if (!colour.count(token.word)) return false;
    both = both || token.is("both");
  }
  return asks_two && both;
}

// The reply is only a body part (and a side), one the question's own text names.
bool names_a_part_asked(const QuestionDef& q, const std::vector<Token>& t) {
  static const WordSet parts = {"arm", "arms", "neck", "back", "face", "groin", "bottom", "bum"};
  // A possessive starts a sentence that may go on in the next message ("his face" ... "is
  // drooping"): only a bare part, or one with a side, is an answer.
  static const WordSet beside = {"left", "right", "lower", "upper", "both"};
  bool named = false;
  for (const auto& token : t) {
    if (token.punct || fillers().count(token.word)) continue;
    if (parts.count(token.word)) {
      const bool asked =
          std::any_of(q.text_tokens.begin(), q.text_tokens.end(), [&](const Token& w) {
            return w.is(token.word) ||
                   (token.word.back() == 's' && w.is(token.word.substr(0, token.word.size() - 1)));
          });
      if (!asked) return false;
      named = true;
    } else if (!beside.count(token.word)) {
      return false;
    }
  }
  return named;
}

// "both, left worse", "both but R worse" to a question about the leg or foot: which
// side is worse presupposes the thing asked about, so a reply of sides and a comparison
// alone is a qualified yes. A reply that names a body part ("mostly the left leg" to the
// stroke screen) says where, not whether.
bool compares_sides(const QuestionDef& q, const std::vector<Token>& t) {
  static const WordSet sides = {"both", "left", "right"};
  static const WordSet comparatives = {"worse", "weaker", "more", "mostly", "most"};
  static const WordSet glue = {"but", "and", "the",  "on",    "than", "a",       "bit",
                               "is",  "one", "side", "sides", "much", "slightly"};
  bool about_legs = std::any_of(q.text_tokens.begin(), q.text_tokens.end(), [](const Token& w) {
    return w.is("leg") || w.is("legs") || w.is("foot") || w.is("feet");
  });
  bool side = false, compared = false;
  for (const auto& token : t) {
    if (token.punct) continue;
    bool is_side = sides.count(token.word) != 0, is_compared = comparatives.count(token.word) != 0;
    if (!is_side && !is_compared && !glue.count(token.word)) return false;
    side = side || is_side;
    compared = compared || is_compared;
  }
  return about_legs && side && compared;
}

// Votes of the question's phrases that lie in segments about now ("on and off for years
// but worse since the weekend": the worse is now, the years are not).
int current_votes(const KnowledgeData& k, const std::vector<Token>& t,
                  const std::vector<Phrase>& list, const Scopes& scopes) {
  int plain = 0;
  for (const auto& p : list) {
    for (const auto& m : find_matches(t, p, k.lexicon.negation, 0))
      plain += !m.negated && scopes.at(m.first).time == TimeScope::current;
  }
  return plain;
}

// "I have been ...", "it has been ...": an auxiliary, not the "I have" that answers yes.
// "I have had to stop work" and "I have got to" likewise.
bool auxiliary_at(const std::vector<Token>& t, int last) {
  const int n = static_cast<int>(t.size());
  if (last + 1 >= n || !(t[last].is("have") || t[last].is("has"))) return false;
  if (t[last + 1].is("been")) return true;
  return (t[last + 1].is("had") || t[last + 1].is("got")) && last + 2 < n && t[last + 2].is("to");
}

// A yes phrase of the lexicon anywhere ("I think so", "I do"), not as an auxiliary, and
// standing for the answer: closing its clause or before a word that qualifies it ("I have
// a bit", "I do sometimes", "I have had one"), not before a thing of its own ("I've had
// COPD for years", "I do yoga" say something else).
bool yes_anywhere(const Lexicon& lex, const std::vector<Token>& t) {
  static const WordSet qualifiers = {
      "though", "tho",  "actually", "yes",   "yeah",   "sometimes", "recently",
      "lately", "once", "twice",    "still", "now",    "again",     "too",
      "also",   "a",    "some",     "so",    "indeed", "really",    "definitely"};
  static const WordSet had_what = {"it", "that", "one", "some", "a", "them", "those", "this"};
  const int n = static_cast<int>(t.size());
  auto stands_alone = [&](int last) {
    if (last + 1 >= n || t[last + 1].punct || qualifiers.count(t[last + 1].word)) return true;
    if (!t[last + 1].is("had")) return false;
    return last + 2 >= n || t[last + 2].punct || had_what.count(t[last + 2].word);
  };
  for (int i = 0; i < n; ++i) {
    int last = i;
    if (lex.yes_anywhere.match_at(t, i, &last) >= 0 && !auxiliary_at(t, last) &&
        !negator_at(lex, t, last + 1) && (!t[i].is("i") || last != i + 1 || stands_alone(last)) &&
        !(i > 0 && t[i - 1].is("say")))  // "i wouldnt say ive had a fever, no"
      return true;
  }
  return false;
}

// A clinician's words reported ("the GP said it might be ...", "my doctor thinks"): from
// the report to the end of its sentence.
std::vector<bool> reported_words(const std::vector<Token>& t) {
  static const WordSet clinicians = {"gp",         "doctor",     "doctors",     "dr",      "nurse",
                                     "physio",     "consultant", "specialist",  "surgeon", "they",
                                     "pharmacist", "paramedic",  "neurologist", "a&e"};
  static const WordSet reporting = {"said",    "says", "thinks", "thought",
                                    "reckons", "told", "think"};
  const int n = static_cast<int>(t.size());
  std::vector<bool> out(n, false);
  for (int i = 0; i < n; ++i) {
    if (t[i].punct || !clinicians.count(t[i].word)) continue;
    int j = i + 1;
    if (j < n && !t[j].punct && !reporting.count(t[j].word)) ++j;  // "the GP just said"
    if (j >= n || !reporting.count(t[j].word)) continue;
    for (int k = j + 1; k < n && !t[k].sentence_end(); ++k) out[k] = true;
  }
  return out;
}

// Whose doubt an uncertainty phrase says, of those that start outside a clinician's
// reported words: none; only someone else's ("she can't tell me", a phrase after "he",
// "she" or "they"); or the writer's own.
enum class Doubt { none, others_only, writers };

// "it's my wife who's on chemo" (the seventieth round, to "do you have cancer?"): its "it
// is" leads to someone else, never a yes of the patient's.
bool cleft_of_another(const std::vector<Token>& t, int lead) {
  const int n = static_cast<int>(t.size());
  return lead + 4 < n && t[lead].is("it") && (t[lead + 1].is("is") || t[lead + 1].is("was")) &&
         t[lead + 2].is("my") && other_people().count(t[lead + 3].word) &&
         (t[lead + 4].is("who") || t[lead + 4].is("that"));
}

// Whether the reply's first clause, with no plain yes or no in it, says the writer does
// not know ("honestly don't know, ...", "not sure tbh - ...").
bool first_clause_doubts(const Lexicon& lex, const std::vector<Token>& t) {
  int end = 0;
  while (end < static_cast<int>(t.size()) && !t[end].punct) {
    if (plain_answer_word(t[end].word) || t[end].is("never")) return false;
    ++end;
  }
  return end > 0 && end < static_cast<int>(t.size()) &&
         (unsure_phrases().any_in(t, 0, end, true) || lex.unsure.any_in(t, 0, end, true));
}

Doubt doubt_outside_reports(const std::vector<Token>& t, const PhraseList& list) {
  if (!list.any_in(t, 0, static_cast<int>(t.size()))) return Doubt::none;
  const std::vector<bool> reported = reported_words(t);
  static const WordSet others = {"he", "she", "they"};
  Doubt out = Doubt::none;
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    if (reported[i] || list.match_at(t, i) < 0) continue;
    if (!(i > 0 && others.count(t[i - 1].word))) return Doubt::writers;
    out = Doubt::others_only;
  }
  return out;
}

// A phrase of a red flag the question screens for ("said ... stroke") matched, and
// every match denied ("the GP said it's not a stroke"). `starts`, when given, are the
// phrase index's starts in `t` (as for about_a_relative), so only phrases that can start
// are tried; without them, a reply with no negator (no match of it can be denied) is
// not searched.
bool red_flag_denied(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                     const std::vector<PhraseStart>* starts) {
  if (q.red_flags.empty()) return false;
  auto screened = [&](int r) {
    return std::find(q.red_flags.begin(), q.red_flags.end(), r) != q.red_flags.end();
  };
  bool denied = false;
  if (starts) {
    for (const PhraseStart& start : *starts) {
      const IndexedPhrase& p = k.indexed_phrases[start.id];
      if (p.owner != IndexedPhrase::Owner::red_flag || !screened(p.index)) continue;
      auto m = match_at(t, k.phrase(p), k.lexicon.negation, start.at);
      if (m && !m->negated) return false;
      denied = denied || m.has_value();
    }
    return denied;
  }
  const bool any_negator = std::any_of(t.begin(), t.end(), [&](const Token& w) {
    return !w.punct && k.lexicon.negation.negators.count(w.word);
  });
  if (!any_negator) return false;
  for (int r : q.red_flags) {
    for (const auto& p : k.red_flags[r].phrases) {
      for (const auto& m : find_matches(t, p, k.lexicon.negation, 0)) {
        if (!m.negated) return false;
        denied = true;
      }
    }
  }
  return denied;
}

// The question asks about the last weeks (`time_asked` "last_weeks": "an infection in the
// last six weeks") and the
// reply's past is a month ago ("had covid about a month ago"): inside what is asked,
// though the lexicon's "month ago" is distant past for a question about now.
bool a_month_ago_to_the_last_weeks(const QuestionDef& q, const std::vector<Token>& t) {
  if (q.time_asked != QuestionDef::TimeAsked::last_weeks) return false;
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    bool one = t[i - 1].is("a") || t[i - 1].is("one") || t[i - 1].is("1");
    if (one && t[i].is("month") && t[i + 1].is("ago")) return true;
  }
  return false;
}

}  // namespace

int after_question_echo(const std::vector<Token>& t, const QuestionDef& q) {
  // "my back? fine.": the part echoed as the person's own, and then called normal.
  static const WordSet owners = {"my", "his", "her", "the"};
  constexpr int kLongestEcho = 8;
  const int n = static_cast<int>(t.size());
  int i = Words{t, 0, n}.first_word();
  int words = 0;
  for (int k = i; k < n && words <= kLongestEcho; ++k) {
    if (t[k].is(",")) continue;
    if (t[k].is("?")) {
      int next = next_word(t, k + 1);
      const bool answers = next < n && (plain_answer_word(t[next].word) || t[next].is("never") ||
                                        normal_states().count(t[next].word));
      return words > 0 && answers ? next : 0;
    }
    if (!t[k].punct && owners.count(t[k].word)) continue;
    if (t[k].punct || !a_question_word(q, t[k])) return 0;
    ++words;
  }
  return 0;
}

namespace {

// Every word of the reply is in a guess asked of the bot ("could it be sciatica?"), or
// one of the words that ask it ("do u think", which the guess itself follows).
bool only_a_guess_asked(const std::vector<Token>& t, const Scopes& scopes) {
  static const WordSet asking = {"do", "would", "you", "u", "ya", "think", "reckon", "so"};
  bool guess = false;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].punct) continue;
    if (scopes.at(static_cast<int>(i)).guessed) {
      guess = true;
    } else if (guess || !asking.count(t[i].word)) {
      return false;
    }
  }
  return guess;
}

}  // namespace

bool is_red_flag_question(const KnowledgeData& k, const QuestionDef& q) {
  return q.screen > 0 || !q.red_flags.empty() || (q.finding >= 0 && red_flag_finding(k, q.finding));
}

void add_answer_words(Vocabulary& words) {
  for (const auto* list : {&clarify_phrases(), &correction_phrases(), &unsure_phrases(),
                           &hedged_no_phrases(), &foreign_yes_phrases(), &foreign_no_phrases(),
                           &hedged_yes_phrases(), &plain_no_phrases()}) {
    for (const auto& p : *list) add_words(words, p.source);
  }
  for (const auto* set : {&normal_states(), &fillers(), &exclusives()})
    words.insert(set->begin(), set->end());
}

// The shrug emoji (read as "dunno") beside words is a tone, not the answer ("same as
// yesterday tbh 🤷"); alone it is the answer. An emoji's token spans no typed letters.
bool shrug_emoji(const Token& token) { return token.is("dunno") && token.begin == token.end; }

// The reply names a relative's illness, the finding the question asks about, in a clause
// the reader did not take as the patient's ("my dad had bowel cancer" to the cancer
// question): a carer may be telling of the patient, or a patient of their family.
// `starts`, when given, are the phrase index's starts in `t` (phrase_index.h): a phrase
// matches only where one of them puts it, so only those are tried.
bool about_a_relative(const KnowledgeData& k, const std::vector<Token>& t, const Scopes& scopes,
                      const QuestionDef& q, const std::vector<PhraseStart>* starts) {
  if (q.finding < 0) return false;
  auto of_a_relative = [&](const Match& m) {
    const Segment& seg = scopes.at(m.first);
    return !m.negated && (seg.family || seg.relative_had);
  };
  if (starts) {
    for (const PhraseStart& start : *starts) {
      const IndexedPhrase& p = k.indexed_phrases[start.id];
      if (p.owner != IndexedPhrase::Owner::finding || p.index != q.finding) continue;
      auto m = match_at(t, k.phrase(p), k.lexicon.negation, start.at);
      if (m && of_a_relative(*m)) return true;
    }
    return false;
  }
  return a_match_of(k, t, q.finding, of_a_relative);
}

// A reply that asks about the question still answers it when it opens with a plain yes or
// no (not "yes?"), or denies the question's own yes words or uses its no words ("it's
// numb, not cold, not blue"). What it names is no answer: "what does saddle area mean"
// names the saddle.
bool answers_besides_asking(const KnowledgeData& k, const std::vector<Token>& t,
                            const QuestionDef& q) {
  const Lexicon& lex = k.lexicon;
  Words all{t, 0, static_cast<int>(t.size())};
  const int n = static_cast<int>(t.size());
  const int lead = all.first_word();
  const bool asked_back = lead + 1 < n && t[lead + 1].is("?");  // "yes? what does that mean"
  if (lead < n && !asked_back &&
      (all.at(lex.no_lead, lead) || t[lead].is("yes") || t[lead].is("yeah") || t[lead].is("yep")))
    return true;
  // "why does that matter? ... but yes, my foot slaps down": a yes or no opening a later
  // clause answers too.
  for (int i = lead + 1; i < n; ++i) {
    const bool opens = t[i - 1].punct || t[i - 1].is("but");
    if (opens && (plain_yes_word(t[i].word) || plain_no_word(t[i].word)) && i + 1 < n &&
        t[i + 1].punct)
      return true;
  }
  const Scopes scopes = read_scopes(t, lex.distant_past);
  return vote(k, t, q.yes_phrases, 0, scopes) < 0 || vote(k, t, q.no_phrases, 0, scopes) > 0;
}

// The reply states one of the findings the question asks about.
bool states_an_asked_finding(const KnowledgeData& k, const QuestionDef& q, const Reading& reading) {
  const auto asked = asked_findings(k, q);
  return std::any_of(asked.begin(), asked.end(),
                     [&](int f) { return finding_is(reading, f, true); });
}

// What is asked, stated and then pointed back at ("i take prednisolone every day, does
// that count?", "... through a glove. is that what u mean"): the thing named is had, whatever the
// answer to "does it count" would be. Not a term asked about ("what do you mean lowers my
// immunity?", "does numb count as weak?"), which points at nothing stated.
bool states_what_counts(const KnowledgeData& k, const std::vector<Token>& t, const QuestionDef& q,
                        const Reading& reading) {
  const int n = static_cast<int>(t.size());
  bool points_back = false;
  for (int i = 1; i + 2 < n && !points_back; ++i) {
    const bool that = t[i + 1].is("that") || t[i + 1].is("this");
    points_back = t[i - 1].punct && that &&
                  (((t[i].is("does") || t[i].is("would") || t[i].is("will")) &&
                    (t[i + 2].is("count") || t[i + 2].is("qualify"))) ||
                   // "like doing it through a glove. is that what u mean".
                   (t[i].is("is") && t[i + 2].is("what") && i + 4 < n &&
                    (t[i + 3].is("you") || t[i + 3].is("u")) && t[i + 4].is("mean")));
  }
  return points_back && states_an_asked_finding(k, q, reading);
}

// After a first sentence, a last one that is a bare yes or no word: "that's a bit
// personal. no".
Answer last_sentence_answer(const std::vector<Token>& t) {
  int end = static_cast<int>(t.size());
  while (end > 0 && t[end - 1].punct) --end;
  if (end < 3 || !t[end - 2].sentence_end() || t[end - 2].is("?")) return Answer::none;
  if (plain_yes_word(t[end - 1].word)) return Answer::yes;
  if (plain_no_word(t[end - 1].word)) return Answer::no;
  return Answer::none;
}

// A question back, then the answer alone after it: "why you ask this? no".
Answer answer_after_question(const std::vector<Token>& t) {
  const int n = static_cast<int>(t.size());
  int last_mark = -1;
  for (int i = 0; i < n; ++i)
    if (t[i].is("?")) last_mark = i;
  if (last_mark < 0) return Answer::none;
  // Words that only wish or thank ("the big C? touch wood, never") are not counted.
  static const WordSet wishes = {"touch", "wood", "knock", "thank", "god", "thankfully", "luckily"};
  int words = 0, answer = -1;
  for (int i = last_mark + 1; i < n; ++i) {
    if (t[i].punct || wishes.count(t[i].word)) continue;
    ++words;
    answer = i;
  }
  if (words != 1) return Answer::none;
  if (plain_yes_word(t[answer].word)) return Answer::yes;
  if (plain_no_word(t[answer].word) || t[answer].is("never")) return Answer::no;
  return Answer::none;
}

Answer read_answer(const KnowledgeData& k, const std::vector<Token>& all_tokens,
                   const QuestionDef& q, const Reading& reading, bool& hedged_denial,
                   bool& about_someone_else, const ReadSoFar* so_far) {
  hedged_denial = false;
  about_someone_else = false;
  const Lexicon& lex = k.lexicon;
  int n = static_cast<int>(all_tokens.size());
  Words whole{all_tokens, 0, n};
  if (!whole.has_words()) return Answer::none;
  // A question about the question, unless the reply answers it too ("nope. why do you
  // ask? 🤔", "WHY does that matter. it's numb, not cold, not blue"): then it is read.
  // The answer alone after a question back ("why you ask this? no"), unless a "no" there
  // would deny what the reply states ("my face droops, is that it? no").
  // An echo of the question is no statement: "the big C? touch wood, never".
  if (const Answer after = answer_after_question(all_tokens); after != Answer::none) {
    if (after == Answer::yes || !states_an_asked_finding(k, q, reading)) return after;
    const std::vector<Token> rest = words_after_echo(all_tokens);
    const auto asked = asked_findings(k, q);
    if (!rest.empty() &&
        std::none_of(asked.begin(), asked.end(), [&](int f) { return states_finding(k, rest, f); }))
      return after;
  }
  // The last sentence a bare yes or no ("that's a bit personal. no"): that is the answer,
  // unless a "no" would deny what the reply states.
  if (const Answer last = last_sentence_answer(all_tokens); last != Answer::none) {
    if (last == Answer::yes || !states_an_asked_finding(k, q, reading)) return last;
  }
  if (whole.any(clarify_phrases()) && !answers_besides_asking(k, all_tokens, q) &&
      !states_what_counts(k, all_tokens, q, reading))
    return Answer::clarify;

  // Read from the last self-correction on, or after the question's own words quoted
  // back ("cold, pale or blue? no none of those"), without a shrug that only sets the
  // tone.
  int start = after_last_correction(lex, all_tokens);
  if (start == 0) start = after_question_echo(all_tokens, q);
  const bool shrug = std::any_of(all_tokens.begin() + start, all_tokens.end(), shrug_emoji);
  // Most replies are read whole: then the caller's scopes and phrase starts are theirs
  // (no copy of the tokens, no second read_scopes).
  const bool whole_reply = start == 0 && !shrug;
  std::vector<Token> trimmed;
  if (!whole_reply) {
    for (auto it = all_tokens.begin() + start; it != all_tokens.end(); ++it)
      if (!shrug_emoji(*it)) trimmed.push_back(*it);
  }
  const std::vector<Token>& t = whole_reply ? all_tokens : trimmed;
  if (!Words{t, 0, static_cast<int>(t.size())}.has_words())
    return shrug ? Answer::unsure : Answer::none;
  n = static_cast<int>(t.size());
  Words w{t, 0, n};
  const bool reuse = whole_reply && so_far != nullptr;
  std::optional<Scopes> own_scopes;
  if (!reuse) own_scopes = read_scopes(t, lex.distant_past);
  const Scopes& scopes = reuse ? *so_far->scopes : *own_scopes;

  // 1. The question's own answer words outrank a general reading ("standing still isn't
  //    enough" is a no to "does standing still ease it?"), except that on a red-flag
  //    question they never outrank a stated symptom.
  //    Not after a first clause that says the writer does not know ("honestly don't know,
  //    I'm on the pill but I was throwing up for 3 days" to "could you be pregnant?"):
  //    what follows gives the reason for the doubt (step 3).
  bool red = is_red_flag_question(k, q);
  if (!red && !first_clause_doubts(lex, t)) {
    int yes = vote(k, t, q.yes_phrases, 0, scopes), no = vote(k, t, q.no_phrases, 0, scopes);
    if (no > 0 && yes <= 0) return Answer::no;
  }
  //    A guess asked back and nothing else ("do u think its a slipped disc?"): what is
  //    feared is not an answer; the question is asked again.
  if (only_a_guess_asked(t, scopes)) return Answer::clarify;
  //    On an ordinary question the person's own conclusion outranks a word of the question
  //    they named on the way ("glitter glue is about it, so no" to the toxin question).
  if (!red) {
    if (const Answer concluded = concluded_with_so(t); concluded != Answer::none) return concluded;
  }
  // 2. The person states what is asked: believe the symptom over any lead word. After a
  //    "no" that corrects it, only as stated in what follows ("yes it's weak - well no
  //    sorry, it's just numb" takes the weakness back; "sitting cross-legged with my right
  //    leg - sorry, my right foot - tucked under me" corrects a detail).
  const bool taken_back = start > 0 && no_just_before(all_tokens, start);
  //    A word of the question echoed back first ("weak? only my will to live on this shift
  //    lol. legs work fine") states nothing: only what follows it may.
  const std::vector<Token> after_echo = words_after_echo(t);
  for (int f : asked_findings(k, q)) {
    if (finding_is(reading, f, true) && (!taken_back || states_finding(k, t, f)) &&
        (after_echo.empty() || states_finding(k, after_echo, f)))
      return Answer::yes;
  }
  //    Or concludes in so many words after telling why ("shaking under the covers the
  //    last two nights and soaking the sheets, so yes").
  if (const Answer concluded = concluded_with_so(t); concluded != Answer::none) return concluded;
  if (const Answer listed = roll_call(t); listed != Answer::none) return listed;
  if (part_said_yes(q, t)) return Answer::yes;
  int lead = answer_start(t, 0);
  if (lead >= n) return Answer::none;
  // A condition asked about ("would it be bad if I couldn't pee?", "what if my face
  // starts drooping?") and no yes or no: a question back, not an answer.
  // Only a reply that asks: "he wont tell me if it hurts" tells that the person cannot say.
  const bool asks_a_condition =
      std::any_of(t.begin(), t.end(), [](const Token& mark) { return mark.is("?"); }) &&
      std::any_of(scopes.segments.begin(), scopes.segments.end(),
                  [](const Segment& seg) { return seg.hypothetical; });
  if (asks_a_condition && !w.at(lex.yes_lead, lead) && !w.at(lex.no_lead, lead))
    return Answer::clarify;

  //    "maybe a little cooler than the right ... like this for months, nothing new today",
  //    "a bit lopsided since 2012, no different today" to a question about something new:
  //    what there is is old, and said to be so.
  //    Not when another clause is dated now ("had a stroke in 2019, nothing new since, but
  //    today my words are a bit off").
  if (q.finding >= 0 && lex.new_findings.count(q.finding) && scopes.denies_current() &&
      (scopes.any(TimeScope::long_standing) || scopes.any(TimeScope::historical)) &&
      !scopes.tells_of_now())
    return Answer::no;
  //    "no, maybe a little tired" to the fever question: a plain no, then a doubt about
  //    something the question does not name.
  if (no_then_aside(t, q, lead)) return Answer::no;
  // 3. Uncertainty, stated or implied ("havent checked", "no sé"); never a no. A
  //    clinician's hedge is reported, not the person's ("no, the GP said it might be a
  //    trapped nerve").
  // A carer's "she can't tell me herself", "he won't say" is the patient's silence, not
  // the writer's doubt, when the writer tells what they see ("the left one is much colder
  // and looks greyish, she cant tell me herself").
  const Doubt doubted =
      std::max(doubt_outside_reports(t, unsure_phrases()), doubt_outside_reports(t, lex.unsure));
  const bool doubt =
      doubted == Doubt::writers || (doubted == Doubt::others_only &&
                                    by_question_words(k, t, q, reading, scopes) == Answer::none);
  if (doubt || not_tried(t, 0, q)) {
    // "could be" to "could you be pregnant?" says it is possible: a yes.
    if (asks_possibility(q) && w.any(possibility_phrases())) return Answer::yes;
    return Answer::unsure;
  }

  // 4. Time: a past event only, or something unchanged for years, when the question is
  //    about now or about something new.
  bool ever = q.finding >= 0 && lex.ever_findings.count(q.finding);
  bool is_new = q.finding >= 0 && lex.new_findings.count(q.finding);
  const bool month_ago_asked = a_month_ago_to_the_last_weeks(q, t);
  if (!ever && !q.before_onset && scopes.only_past() &&
      !(scopes.any(TimeScope::long_standing) && !is_new) && !month_ago_asked)
    return Answer::no;
  // The finding a month ago, to a question about the last weeks, is the finding asked.
  if (month_ago_asked && q.finding >= 0 && states_finding(k, t, q.finding)) return Answer::yes;

  // 5. Hedged no: "not that I know of" is a no, but not enough to rule out a red flag
  //    unless the person also says what is normal ("don't think so, my face looks normal").
  if (w.any(hedged_no_phrases())) {
    // "not that I know of. my hand went weird and clumsy earlier though": the no turns.
    if (turned_to_yes(k, t, q, lead, scopes, reading)) return Answer::yes;
    if (!red || says_normal(t, 0, n)) return Answer::no;
    hedged_denial = true;
    return Answer::unsure;
  }

  // 6. The lead word. A plain yes word settles it; a lead like "it is" or "I am" only
  //    when nothing later says otherwise ("it is a bit better today", "I'm fine thanks").
  int last = lead;
  if (w.at(foreign_no_phrases(), lead)) return Answer::no;
  if (reply_is(t, {"as", "if"})) return Answer::no;  // a sarcastic denial ("lol as if")
  bool hedge_lead = w.at(hedged_yes_phrases(), lead);
  bool yes_lead = !hedge_lead && !sarcastic_yes_at(t, lead) && !cleft_of_another(t, lead) &&
                  (w.at(lex.yes_lead, lead, &last) || w.at(foreign_yes_phrases(), lead, &last)) &&
                  !auxiliary_at(t, last);
  bool weak_lead = yes_lead && pronouns().count(t[lead].word);
  if (yes_lead) {
    bool negated_next =
        last + 1 < n && !t[last + 1].punct && lex.negation.negators.count(t[last + 1].word);
    bool normal_next = last + 1 < n && normal_states().count(t[last + 1].word);
    if (normal_next) return Answer::no;
    // "Yes, I've checked, and it's just as warm": the yes says it was looked at; what was
    // found answers.
    if (checked_after(t, last)) {
      if (Answer a = by_question_words(k, t, q, reading, scopes); a != Answer::none) return a;
    }
    if (negated_next) {
      // "I do not ...", "it is not ...": what the words say about the question decides
      // ("I don't eat meat" is a yes to "are you vegetarian?").
      Answer a = by_question_words(k, t, q, reading, scopes);
      return a == Answer::none ? Answer::no : a;
    }
    if (!weak_lead) return Answer::yes;
  }
  if (!yes_lead && w.at(lex.no_lead, lead)) {
    // "not really but sometimes when I lie down", "no, but a bit": the no is taken back
    // by a qualified yes after "but" or "except", unless that speaks of something else
    // ("no, but my back hurts a bit" to the weakness question stays no). So is it by the
    // question's own yes words there ("no problem, except I can't hold it" to the
    // bladder screen): the no was about the rest of the question.
    if (turned_to_yes(k, t, q, lead, scopes, reading) || passed_episode(k, t, q, lead, scopes))
      return Answer::yes;
    return Answer::no;
  }
  if (!yes_lead) {
    Answer closing = closing_answer_word(t);
    if (closing != Answer::none) return closing;
  }

  // 6b. A habit or an old story, then the recent past denied, to a question about
  //     something recent.
  if (last_clause_denies_recently(q, t)) return Answer::no;
  // 7. The question's own yes/no words ("same as last week" to "is it getting worse?").
  // A yes word about the distant past or something long-standing says nothing to a
  // question about something new ("Define recently. I fell off a horse in 1987. Nothing
  // since."; "ive had a weak stream for years with my prostate").
  int yes = vote(k, t, q.yes_phrases, 0, scopes, std::numeric_limits<int>::max(),
                 is_new && !q.before_onset);
  int no = vote(k, t, q.no_phrases, 0, scopes);
  if (yes > 0 && no > 0) {
    // The present outranks the past; both now is "sometimes worse sometimes better".
    int yes_now = current_votes(k, t, q.yes_phrases, scopes);
    int no_now = current_votes(k, t, q.no_phrases, scopes);
    if (yes_now > 0 && no_now == 0) return Answer::yes;
    if (no_now > 0 && yes_now == 0) return Answer::no;
    // Both now: what follows the last "but" is what the person concludes ("legs feel a
    // bit heavy but i can walk" is no weakness, "i can walk but it gives way on the
    // stairs" a yes).
    if (const int b = last_but(t); b > 0) {
      const int yes_after = vote(k, t, q.yes_phrases, b + 1, scopes);
      const int no_after = vote(k, t, q.no_phrases, b + 1, scopes);
      if (yes_after > 0 && no_after <= 0) return Answer::yes;
      if (no_after > 0 && yes_after <= 0) return Answer::no;
    }
    return Answer::unsure;
  }
  // The question's own softer yes words do not outweigh the thing itself denied ("They go
  // heavy after a few hundred yards and I have to sit. Otherwise not weak."): step 8.
  // Unless they come after the last "but", which concludes ("it's not weak but stairs
  // are harder", as "not weak but stairs are harder" turns its no).
  if (yes > 0 && no <= 0) {
    const int b = last_but(t);
    if (!finding_is(reading, q.finding, false) ||
        (b > 0 && vote(k, t, q.yes_phrases, b + 1, scopes) > 0))
      return Answer::yes;
  }
  if (no > 0 && yes <= 0) return Answer::no;

  // 8. The asked-about finding stated absent ("no trouble peeing", "not numb down there").
  if (finding_is(reading, q.finding, false)) return Answer::no;
  //    Or the red flag it screens for named and denied ("the GP said it's not a stroke").
  if (red_flag_denied(k, t, q, reuse ? so_far->starts : nullptr)) return Answer::no;
  // 8b. Which side is worse ("both, left worse"): the thing asked about is there.
  if (compares_sides(q, t)) return Answer::yes;
  //     "Both. Obviously." to a question that asks about two things ("is it worse now, or
  //     has it spread?"): both are there.
  if (both_of_two(q, t)) return Answer::yes;
  //     "left arm" to "... has an arm gone numb or weak?", "neck" to "back pain or neck
  //     pain?": the reply names where, and the place is one the question asks about.
  if (names_a_part_asked(q, t)) return Answer::yes;

  // From here a hedge, "it is" or "I do" affirms only what it is attached to: a fragment
  // about something else ("knee mostly", "it's crushing" to the stroke screen) is none.
  const bool off_topic = off_topic_fragment(k, t, q);
  // 9. Qualified yes ("a little", "kinda", "sometimes it gives way", "only when I walk"),
  //    or an amount alone ("bit", "lil bit": never inside other words, "bit by bit").
  if (only_an_amount(t)) return Answer::yes;
  if (!off_topic && w.any(hedged_yes_phrases())) return Answer::yes;
  // 10. Only this, not that ("just an inhaler", "only in my thigh"); but "only a dull
  //     ache" to "do you have back pain?" makes light of a pain it admits.
  if (exclusives().count(t[lead].word))
    return admits_a_pain_asked(t, lead, q) ? Answer::yes : Answer::no;
  // 11. Normal ("my face is fine", "all normal down there", "same colour as the other").
  if (says_normal(t, 0, n)) return Answer::no;
  if (w.any(lex.no_anywhere) || w.any(plain_no_phrases()) || elliptic_no(t)) return Answer::no;
  if (!off_topic && yes_anywhere(lex, t)) return Answer::yes;
  if (yes < 0 && no == 0) return Answer::no;
  if (no < 0 && yes == 0) return Answer::yes;
  if (weak_lead && !off_topic) return Answer::yes;
  // Only a relative's illness: the engine asks again whom it is about (never a yes, and
  // on a red-flag question never a guessed no).
  if (about_a_relative(k, t, scopes, q, reuse ? so_far->starts : nullptr)) {
    about_someone_else = true;
    return Answer::clarify;
  }
  // A negator somewhere, of nothing the reader recognised: a no on an ordinary question;
  // on a red-flag one it may negate the normal ("not the same colour"), so ask again.
  if (red) return Answer::none;
  for (int i = 0; i < n; ++i) {
    if (!t[i].punct && lex.negation.negators.count(t[i].word)) return Answer::no;
  }
  return Answer::none;
}

}  // namespace triagebot::dialogs
