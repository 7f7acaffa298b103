#include "dialogs/context_scope.h"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

#include "dialogs/answer_words.h"

namespace triagebot::dialogs {
namespace {

// Over and done: the past event alone is not a sign now.
const PhraseList& historical_triggers() {
  static const PhraseList list = compile_phrases(
      {"years ago", "year ago", "decades ago", "years back", "long ago", "last year", "as a kid",
       "as a child", "as a teenager", "as a teen", "as a baby", "in my teens", "at school",
       "growing up", "used to", "in the past", "years since",
       // Not "back in" alone: "landed on my back in the road" is now.
       "back in the day", "back in school", "back in college", "back in uni", "way back",
       "back in january", "back in february", "back in march", "back in april", "back in may",
       "back in june", "back in july", "back in august", "back in september", "back in october",
       "back in november", "back in december", "back in the spring", "back in the summer",
       "back in the autumn", "back in the winter", "back in spring", "back in summer",
       "back in autumn", "back in winter"});
  return list;
}

// "when my son was little": a child's early years, the past; but not a birth dated weeks
// ago ("I had an epidural when my son was born 3 weeks ago", the sixty-eighth round).
// So is "the epidural was with my son and he's 6 now" (the seventieth round; not "building
// Lego with my son").
const PhraseList& when_my_child() {
  static const PhraseList list =
      compile_phrases({"when my son", "when my daughter", "when my kids", "epidural was with my",
                       "epidural with my son", "epidural with my daughter",
                       "epidural with my eldest", "epidural with my youngest"});
  return list;
}
const PhraseList& born_lately() {
  static const PhraseList list =
      compile_phrases({"days ago", "day ago", "weeks ago", "week ago", "last week", "yesterday",
                       "last month", "this month"});
  return list;
}

// "she was always dry before this started", "always fine until last week": what was
// always so is the normal state before, so what the segment tells is new.
const PhraseList& normal_until_now() {
  static const PhraseList list =
      compile_phrases({"always ... before", "always ... until", "always ... till"});
  return list;
}

// Present but unchanged for a long time: not the new event an emergency sign is.
const PhraseList& long_standing_triggers() {
  static const PhraseList list = compile_phrases(
      {"for years", "for ... years", "for yrs", "for ... yrs", "for ages", "for decades",
       "all my life", "my whole life", "whole of my life", "since forever", "every winter",
       "in winter", "in the winter", "been like that ... years", "like this for months",
       "most days", "like that for months", "been like this ... years", "been that way ... years",
       "always",
       // "left with permanent numbness round my
       // bottom" after an old operation.
       "permanent", "permanently", "since i was", "since the kids", "since my kids",
       "since having my kids", "since having kids", "since i had my kids", "since my children",
       "since childbirth", "since the menopause", "since menopause", "since childhood",
       "since birth", "unchanged", "same as always", "as usual", "for a long time",
       "as long as i can remember", "years now", "on and off for years", "for donkeys"});
  return list;
}

// Denies anything going on now ("had a stroke 5 years ago, nothing new since").
const PhraseList& denial_triggers() {
  static const PhraseList list = compile_phrases(
      {"nothing new", "nothing different", "nothing now", "nothing since", "not now",
       "not any more", "not anymore", "nothing recent", "nothing recently", "not recently",
       "all clear", "not these days", "nothing like that now", "no longer",
       // "had a catheter after my op in 2020 but no problems now".
       "no problems now", "no problem now", "no problems since", "no issues now", "no issues since",
       "no trouble now", "no trouble since", "no symptoms since", "full recovery",
       "fully recovered"});
  return list;
}

// Unchanged today: a denial of anything new only beside something long-standing or past
// ("lopsided since my bells palsy in 2012, no different today"); alone it tells that the
// thing goes on ("cant pee properly, no change today").
const PhraseList& unchanged_today() {
  static const PhraseList list =
      compile_phrases({"no different today", "no different now", "no worse today", "same as ever",
                       "no change today", "no change now", "no changes today"});
  return list;
}

// "Clean" as drug users say it ("clean 10 years", "been clean since 2015") denies using
// now; "clean" after a subject or "to" is the verb ("when I clean after the toilet I
// can't feel the paper"), which denies nothing; nor does "clean" said of the kit ("I use
// clean works", "clean needles"), which tells of injecting.
bool says_clean(const std::vector<Token>& t, int from, int to) {
  static const WordSet doers = {"i", "we", "you", "he", "she", "they", "to"};
  static const WordSet kit = {"works",    "needles", "needle", "kit",
                              "syringes", "syringe", "gear",   "pins"};
  for (int i = from; i <= to; ++i) {
    if (!t[i].is("clean") || (i > 0 && doers.count(t[i - 1].word))) continue;
    if (i + 1 < static_cast<int>(t.size()) && kit.count(t[i + 1].word)) continue;
    return true;
  }
  return false;
}

// Words that place an event now or lately: a day of this week or the last ("not anymore,
// I had a leak on Monday", "last Tuesday my arm went numb"), the time of day, "recently".
std::vector<Phrase> dating_phrases() {
  return compile_phrases({"now",
                          "monday",
                          "tuesday",
                          "wednesday",
                          "thursday",
                          "friday",
                          "saturday",
                          "sunday",
                          "today",
                          "tonight",
                          "this morning",
                          "this afternoon",
                          "this evening",
                          "this week",
                          "yesterday",
                          "last night",
                          "last week",
                          "recently",
                          "lately",
                          "since the weekend",
                          "at the weekend",
                          "last weekend",
                          "the other day",
                          "earlier",
                          "just now",
                          "at the moment",
                          "currently",
                          "these days",
                          "this time"});
}

// `list` with `more` after it.
std::vector<Phrase> with(std::vector<Phrase> list, std::vector<Phrase> more) {
  list.insert(list.end(), std::make_move_iterator(more.begin()),
              std::make_move_iterator(more.end()));
  return list;
}

// Now or lately, or a change that is happening: resets the time to current.
const PhraseList& current_triggers() {
  static const PhraseList list =
      with(dating_phrases(), compile_phrases({"worse", "new", "started", "suddenly",
                                              // "about an hour ago ... her left leg went numb"
                                              "hour ago", "hours ago", "minutes ago", "mins ago"}));
  return list;
}

// A stretch of hours, days or weeks, which runs up to now.
const PhraseList& stretch_to_now() {
  static const PhraseList list = compile_phrases(
      {"for ... hours", "for ... days", "for ... weeks", "for a day", "for a week"});
  return list;
}

// A short spell of its own after "and": "numb feet for ages ... and for about 15 min he
// couldn't get his words out" (the seventieth round) tells an episode, not the old numbness.
const PhraseList& a_short_spell() {
  static const PhraseList list =
      compile_phrases({"for ... min", "for ... mins", "for ... minutes", "for ... seconds",
                       "for a minute", "for a few minutes"});
  return list;
}

bool and_then_a_short_spell(const std::vector<Token>& t, int i) {
  if (!t[i].is("and")) return false;
  const int n = static_cast<int>(t.size());
  int end = i + 1;
  while (end + 1 < n && end < i + 4 && !t[end + 1].punct) ++end;
  return i + 1 < n && t[i + 1].is("for") && a_short_spell().any_in(t, i + 1, end + 1, true);
}

// Words that end one segment and start the next (ConText's terminators).
const WordSet& terminators() {
  static const WordSet words = {"but", "though", "although", "however", "except", "whereas",
                                "yet", "now",    "nowadays", "still",   "apart"};
  return words;
}

// The patient's own words for themselves.
const WordSet& first_person() {
  static const WordSet words = {"i", "me", "my", "mine", "myself", "im", "ive"};
  return words;
}

const WordSet& relatives() {
  static const WordSet words = {
      "mum", "mom", "mother", "dad", "father", "brother", "sister", "nan", "nana", "gran", "granny",
      "grandma", "grandmother", "grandad", "granddad", "grandpa", "grandfather", "aunt", "auntie",
      "uncle", "cousin", "family", "parents", "grandparents", "relatives",
      // Grandparents in the words of other languages: "the halmeoni's face drooped".
      "halmeoni", "halmoni", "lolo", "abuela", "abuelo", "nonna", "nonno", "oma", "opa", "babcia",
      "dadi", "nani"};
  return words;
}

// Whether a phrase of `list` lies wholly within tokens [from, to].
bool any_in(const std::vector<Token>& t, const PhraseList& list, int from, int to) {
  return list.any_in(t, from, to + 1, true);
}

// An "and" whose next few words tell a stretch of time up to now ("and for about two
// weeks"), or whose clause, in the present perfect, does ("I had breast cancer 3 years ago
// and I've had a new ache in my back for a couple of weeks").
bool and_then_a_stretch_to_now(const std::vector<Token>& t, int i) {
  if (!t[i].is("and")) return false;
  const int n = static_cast<int>(t.size());
  if (i + 1 >= n || t[i + 1].punct) return false;
  int end = i + 1;
  while (end + 1 < n && end < i + 4 && !t[end + 1].punct) ++end;
  if (any_in(t, stretch_to_now(), i + 1, end)) return true;
  const bool perfect = i + 3 < n && (t[i + 1].is("i") || t[i + 1].is("it")) &&
                       (t[i + 2].is("have") || t[i + 2].is("has"));
  if (!perfect) return false;
  while (end + 1 < n && !t[end + 1].punct) ++end;
  return any_in(t, stretch_to_now(), i + 1, end);
}

// "was on steroids", "were on the pill": a treatment once taken. Not "I was on the
// trampoline and came down on my back", "was on holiday", "was on it": where one was.
bool was_on_a_treatment(const std::vector<Token>& t, int from, int to) {
  static const WordSet not_a_treatment = {
      "the",  "a",     "an",   "it",    "my",   "his",    "her",   "their", "our",   "holiday",
      "top",  "stage", "duty", "shift", "call", "nights", "days",  "leave", "board", "site",
      "tour", "foot",  "fire", "time",  "way",  "phone",  "break", "lunch", "hold",  "edge"};
  for (int i = from; i + 2 <= to; ++i)
    if ((t[i].is("was") || t[i].is("were")) && t[i + 1].is("on") &&
        !not_a_treatment.count(t[i + 2].word) && !t[i + 2].punct)
      return true;
  return false;
}

// "when I was 15", "when she was pregnant with me": a time of life gone by. Not "when I
// was cooking" (what the person was doing when it started, two hours ago).
bool names_a_time_of_life(const std::vector<Token>& t, int from, int to) {
  for (int i = from; i + 2 <= to; ++i) {
    if (!t[i].is("when") || !(t[i + 1].is("i") || t[i + 1].is("he") || t[i + 1].is("she")) ||
        !t[i + 2].is("was"))
      continue;
    if (i + 3 > to || !tells_what_was_being_done(t[i + 3].word)) return true;
  }
  return false;
}

// "in 2019", "back in 98": a calendar year is the past. So is one said in words, as
// dictation writes it ("in twenty fifteen", "in nineteen eighty seven", "in two thousand
// and nine"); not "in twenty minutes". A year alone is the past when it is long gone
// ("car accident 1987, whiplash"): 2015 or before, whenever this runs, errs towards now.
bool names_a_year(const std::vector<Token>& t, int from, int to) {
  static const WordSet second_halves = {"oh",       "ten",     "eleven",  "twelve",    "thirteen",
                                        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                                        "nineteen", "twenty",  "thirty",  "forty",     "fifty",
                                        "sixty",    "seventy", "eighty",  "ninety"};
  // From the segment's first word: a year may open it ("epidural when I had my daughter,
  // 2011").
  for (int i = from; i <= to; ++i) {
    const std::string& w = t[i].word;
    bool year = is_calendar_year(w);
    if (i + 1 <= to && !t[i + 1].punct) {
      const std::string& next = t[i + 1].word;
      if ((w == "nineteen" || w == "twenty") && second_halves.count(next)) year = true;
      if (w == "two" && next == "thousand") year = true;
    }
    if (year && i > 0 && (t[i - 1].is("in") || t[i - 1].is("since"))) return true;
    if (year && w.size() == 4 && std::stoi(w) <= 2015) return true;
  }
  return false;
}

// What a relative in the segment is the subject of. "my gran died of it" and "it runs
// in the family" are family history; "my mum had a stroke" is when it is in the past or
// followed by "not me"; "my dad had a fall yesterday" is a carer telling of the patient;
// and a relative followed by a reporting verb ("my wife says i am slurring") is a witness.
// "my sister has leukaemia" is a relative who has it now: a carer's report, unless the
// patient denies it for themselves in the same message ("no, but my sister has ...").
enum class RelativeEvent { none, had, has, certain };

RelativeEvent relative_event(const std::vector<Token>& t, int from, int to) {
  static const WordSet certain = {"died", "passed", "runs", "run"};
  static const WordSet had = {"had", "suffered"};
  static const WordSet has = {"has", "got", "gets"};
  static const WordSet reporting = {"says", "said", "thinks", "reckons", "noticed", "told", "saw"};
  // The patient's relative or family, named by a carer: "his brother fell off a ladder last
  // week and is in hospital", "her son fell" are their falls (not "his son found him", a
  // witness).
  static const WordSet third = {"his", "her", "their"};
  static const WordSet kin = {"son",      "daughter",      "husband", "wife", "partner",
                              "grandson", "granddaughter", "kids",    "child"};
  static const WordSet events = {"fell", "had", "suffered", "broke", "crashed", "slipped"};
  for (int i = from + 1; i <= to; ++i) {
    if (!third.count(t[i - 1].word) || !(relatives().count(t[i].word) || kin.count(t[i].word)))
      continue;
    for (int j = i + 1; j <= std::min(to, i + 3); ++j)
      if (events.count(t[j].word)) return RelativeEvent::certain;
  }
  for (int i = from; i <= to; ++i) {
    if (t[i].punct || !relatives().count(t[i].word)) continue;
    if (i > from && t[i - 1].is("the") && t[i].is("family")) return RelativeEvent::certain;
    // Within four words: "my mum in my country had cancer in the bones".
    for (int j = i + 1; j <= std::min(to, i + 4); ++j) {
      if (reporting.count(t[j].word)) break;
      if (certain.count(t[j].word)) return RelativeEvent::certain;
      if (had.count(t[j].word)) return RelativeEvent::had;
      if (has.count(t[j].word)) {
        // "my wife has noticed my face drooping" speaks of the patient: a witness.
        for (int k = j + 1; k <= to; ++k)
          if (first_person().count(t[k].word) || reporting.count(t[k].word))
            return RelativeEvent::none;
        return RelativeEvent::has;
      }
    }
  }
  return RelativeEvent::none;
}

const WordSet& closing_words() {
  static const WordSet words = {"though", "tho", "thankfully", "luckily"};
  return words;
}

// The patient sets themselves apart from the relative in so many words: "not me", or an
// elliptic "but I haven't" closing its clause (not "I haven't called anyone yet", which is
// about something else).
bool says_not_me(const std::vector<Token>& t, int from, int to) {
  static const WordSet auxiliaries = {"have", "do", "did", "am", "was"};
  for (int i = from; i < to; ++i) {
    if (t[i].is("not") && t[i + 1].is("me")) return true;
    // A carer's "his wife had cancer, not him" (the seventy-fourth round), closing its
    // clause: the patient set apart in the third person.
    if (t[i].is("not") && (t[i + 1].is("him") || t[i + 1].is("her")) &&
        (i + 2 > to || t[i + 2].punct))
      return true;
    if (!t[i].is("i") || !auxiliaries.count(t[i + 1].word) || i + 2 > to || !t[i + 2].is("not"))
      continue;
    if (i + 3 > to || t[i + 3].punct || closing_words().count(t[i + 3].word)) return true;
  }
  return false;
}

// "... and couldn't pee, I'm fine" closing the message: a weaker way of setting oneself
// apart, since a carer may say it of themselves while telling what happened to the
// patient ("my dad had a fall yesterday, I'm fine"). It counts only for what the message
// does not place in time (context_scope below).
bool ends_saying_fine(const std::vector<Token>& t, int from, int to) {
  static const WordSet well = {"fine", "ok", "okay", "alright", "good"};
  for (int i = from; i + 2 <= to; ++i) {
    if (!t[i].is("i") || !t[i + 1].is("am") || !well.count(t[i + 2].word)) continue;
    int j = i + 3;
    while (j <= to && (t[j].punct || closing_words().count(t[j].word))) ++j;
    if (j > to) return true;
  }
  return false;
}

// Someone other than the patient, as the subject of what they tell ("my son fell",
// "my wife had numbness after giving birth"): the relatives above and the people a
// patient lives with, who are otherwise taken as carers or witnesses.
bool another_person_subject(const std::vector<Token>& t, int from, int to) {
  static const WordSet others = {
      "son", "daughter", "wife", "husband", "partner", "friend", "mate", "boyfriend", "girlfriend",
      "kids", "child", "neighbour", "colleague", "boss", "baby",
      // A writer's: "my character wakes up after a car crash".
      "character",
      // A stranger on a screen or in a story: "a guy on the show
      // couldn't pee".
      "guy", "bloke", "fella", "lady", "someone", "someones", "somebody", "somebodys",
      // A pet: "my dachshund's back legs went wobbly".
      // Not "cat" (a CAT scan) nor "pet" (a pet hate).
      "dog", "dachshund", "puppy", "pup", "kitten", "horse", "pony", "spaniel", "labrador",
      "terrier", "collie"};
  static const WordSet reporting = {"says", "said", "thinks", "reckons", "noticed", "told", "saw"};
  for (int i = from; i <= to; ++i) {
    // "my little one's had a temperature all week": a child.
    const bool little_one = t[i].is("one") && i > from && t[i - 1].is("little");
    if (t[i].punct || !(relatives().count(t[i].word) || others.count(t[i].word) || little_one))
      continue;
    // Someone spoken to, not of: "Mate I nearly wet myself laughing when my partner fell".
    if (i == from && i + 1 <= to && (t[i + 1].punct || t[i + 1].is("i"))) continue;
    // A witness speaks of the patient ("my wife noticed my face drooping").
    for (int k = i + 1; k <= to; ++k)
      if (first_person().count(t[k].word) || reporting.count(t[k].word)) return false;
    return true;
  }
  return false;
}

// Where a plot on a screen or in a book begins: the word after "where", "about" or "in
// which" that follows "watched|reading|narrating a|the drama|film|audiobook|..." within a
// few words, or after "script|storyline|screenplay has|where|about"; -1 when none.
int plot_start(const std::vector<Token>& t, int from = 0) {
  static const WordSet watching = {"watched", "watching",  "watch",     "saw",     "seen",
                                   "reading", "narrating", "listening", "writing", "wrote"};
  static const WordSet screens = {"drama",     "film",    "movie",  "show",        "programme",
                                  "program",   "episode", "series", "documentary", "soap",
                                  "audiobook", "book",    "novel",  "podcast",     "play",
                                  "fic",       "fanfic",  "story"};
  // A script's own plot, with no one watching it: "this week's script has a guy whose legs
  // give way" (not "scene" or "plot": "at the scene where I crashed", "the allotment plot
  // where I fell").
  static const WordSet scripts = {"script", "storyline", "screenplay"};
  static const WordSet telling = {"has", "had", "where", "about"};
  const int n = static_cast<int>(t.size());
  for (int i = from; i < n; ++i) {
    if (scripts.count(t[i].word) && i + 1 < n && telling.count(t[i + 1].word)) return i + 2;
    // A character in a game or a story, and what befell them: "my players just had their
    // wizard hit by a paralysis spell", "my character gets shot".
    static const WordSet characters = {"wizard", "npc", "character", "heroine", "villain"};
    static const WordSet befell = {"hit", "got", "gets", "is",    "was",
                                   "has", "had", "can",  "cannot"};
    if (characters.count(t[i].word) && i + 1 < n && befell.count(t[i + 1].word)) return i + 1;
    if (!watching.count(t[i].word)) continue;
    for (int j = i + 1; j < std::min(n, i + 5) && !t[j].punct; ++j) {
      if (!screens.count(t[j].word)) continue;
      for (int k = j + 1; k < std::min(n, j + 3) && !t[k].punct; ++k)
        if (t[k].is("where") || t[k].is("about") ||
            (t[k].is("in") && k + 1 < n && t[k + 1].is("which")))
          return k + 1;
    }
  }
  return -1;
}

// "not me" after what someone else had or did: the patient disowns it in so many words,
// or sets their own apart ("neighbour fell off a ladder yesterday and now im paranoid
// about my own numb toes"; not "on my own", which is alone).
bool disowned(const std::vector<Token>& t, int from, int to) {
  for (int i = from; i < to; ++i) {
    if (t[i].is("not") && (t[i + 1].is("me") || t[i + 1].is("mine") || t[i + 1].is("myself")))
      return true;
    if (t[i].is("my") && t[i + 1].is("own") && !(i > 0 && t[i - 1].is("on"))) return true;
    // "someones foot went white ... mine was just pins n needles": the patient's own.
    if (t[i].is("mine") && (t[i + 1].is("was") || t[i + 1].is("is"))) return true;
    // "As for me, my left foot goes dead", "Me: numb patch on the outer thigh": the
    // patient's own, told after another's.
    if (t[i].is("as") && t[i + 1].is("for") && i + 2 <= to && t[i + 2].is("me")) return true;
    if (t[i].is("me") && t[i + 1].is(":")) return true;
    // "Our collie's back legs went from under her ... While I'm here, I've had pins and
    // needles": the patient's own, told after another's.
    if (t[i].is("while") && i + 2 <= to && (t[i + 1].is("im") || t[i + 1].is("i")) &&
        (t[i + 2].is("here") || (i + 3 <= to && t[i + 2].is("am") && t[i + 3].is("here"))))
      return true;
    // "please don't worry about those bits - this is about me", "asking about me": the
    // patient's own, told after another's.
    if (t[i].is("about") && t[i + 1].is("me") && i > from &&
        (t[i - 1].is("is") || t[i - 1].is("its") || t[i - 1].is("asking")))
      return true;
    // "Anyway MY thing: a numb patch on my thigh": the patient's own, told after another's.
    if (t[i].is("my") && (t[i + 1].is("thing") || t[i + 1].is("issue")) && i > from &&
        t[i - 1].is("anyway"))
      return true;
    // "My mother has cancer. I don't have.": the patient's own denial, said last.
    if (i + 3 <= to && t[i].is("i") && t[i + 1].is("do") && t[i + 2].is("not") &&
        t[i + 3].is("have") && (i + 4 > to || t[i + 4].punct))
      return true;
  }
  return false;
}

// Words that place what follows "if" in the past or the present, so that it happened:
// "would it matter if I fell yesterday?" tells of a fall. Not a change alone: "what if
// it gets worse?" is still asked about.
const PhraseList& dated_triggers() {
  static const PhraseList list = with(dating_phrases(), compile_phrases({"already"}));
  return list;
}

// A question that opens by asking what something is or means ("what (exactly) is|are|
// does ...", "why the ...?"), of a thing named, not pointed at ("this", "my", "wrong").
bool defines_a_term(const std::vector<Token>& t, int from, int end) {
  static const WordSet pointers = {"this",  "that",  "these",     "those",   "my",   "it",
                                   "wrong", "going", "happening", "causing", "i",    "you",
                                   "we",    "he",    "she",       "they",    "signs"};
  int i = from;
  // "Why the saddle, specifically?": the word's sense asked, with no verb of the person's.
  if (i + 1 < end && t[i].is("why") && (t[i + 1].is("the") || t[i + 1].is("a"))) return true;
  if (i >= end || !t[i].is("what")) return false;
  ++i;
  if (i < end && (t[i].is("exactly") || t[i].is("actually"))) ++i;
  if (i >= end) return false;
  // "What means when the doctor asks ...?", as Spanish and French speakers ask it.
  if (t[i].is("means")) return true;
  // "what does ... mean?": only with "mean" at its end ("what do I do?" asks for help).
  const bool does = t[i].is("does") || t[i].is("do");
  if (!(t[i].is("is") || t[i].is("are") || does)) return false;
  if (does && !t[end - 1].is("mean")) return false;
  ++i;
  if (i < end && (t[i].is("a") || t[i].is("the") || t[i].is("an"))) ++i;
  return i < end && !pointers.count(t[i].word);
}

// A question asking about a condition: from "what if" or the "if" of "would ... if" to
// the sentence's closing question mark, when nothing in it says when it happened. Returns,
// per token, whether it is in one.
// `guessed` marks, of those, the words of a guess asked of the bot ("do you think it's
// cancer?"): a history named there is feared, not had, but a symptom or a red flag named
// there is still read ("do you think I'm having a mini stroke?").
std::vector<bool> hypothetical_words(const std::vector<Token>& t, std::vector<bool>& guessed) {
  const int n = static_cast<int>(t.size());
  std::vector<bool> out(n, false);
  guessed.assign(n, false);
  int sentence = 0;
  for (int end = 0; end < n; ++end) {
    if (!t[end].sentence_end()) continue;
    if (t[end].is("?")) {
      int from = -1;
      bool would = false, guess = false;
      const bool supposed = std::any_of(t.begin() + sentence, t.begin() + end, [](const Token& w) {
        return w.is("hypothetically") || w.is("ever") || w.is("curious") || w.is("true");
      });
      // What a word means, asked: "What exactly is saddle area?", "what does saddle
      // numbness mean?". Not "what is this numbness ...?", "what is wrong with my legs?",
      // which ask about what the person has.
      if (defines_a_term(t, sentence, end)) from = sentence;
      for (int i = sentence; i < end && from < 0; ++i) {
        if (t[i].is("would")) would = true;
        // "what if", "would ... if", an "if" opening the question ("If someone's leg went
        // numb, would that count?"), or one in a question marked as supposing
        // ("Hypothetically, if I came off my bike ...?", "is it true that if ...?", "what
        // should I do if my feet ever start getting weaker?"); "in case" likewise.
        const bool opens = i == sentence || (i > sentence && t[i - 1].punct && i - 1 == sentence);
        const bool in_case = t[i].is("in") && i + 1 < end && t[i + 1].is("case");
        // "what happens if you cant feel down there?" asks as "what if" does.
        const bool what_if = i > sentence && (t[i - 1].is("what") || t[i - 1].is("happens") ||
                                              t[i - 1].is("happen"));
        if ((t[i].is("if") || in_case) && (would || opens || supposed || in_case || what_if))
          from = i;
        // A guess asked of the bot: "do you think it's cancer?", "could it be a clot?"
        // names what is feared, not what the person has.
        // ("do u think", "d'you reckon": the pronoun as typed).
        if (i >= sentence + 2 && (t[i].is("think") || t[i].is("reckon")) &&
            (t[i - 1].is("you") || t[i - 1].is("u") || t[i - 1].is("ya")) &&
            (t[i - 2].is("do") || t[i - 2].is("would"))) {
          from = i;
          guess = true;
        }
        // "does numbness mean cancer?": what is feared, asked.
        if (i > sentence && t[i].is("mean") &&
            std::any_of(t.begin() + sentence, t.begin() + i,
                        [](const Token& w) { return w.is("does") || w.is("do"); })) {
          from = i;
          guess = true;
        }
        if (i + 2 < end && (t[i].is("could") || t[i].is("might") || t[i].is("can")) &&
            (t[i + 1].is("it") || t[i + 1].is("this") || t[i + 1].is("that")) &&
            t[i + 2].is("be")) {
          from = i;
          guess = true;
        }
      }
      if (from >= 0 && any_in(t, dated_triggers(), from, end)) from = -1;
      for (int i = std::max(from, 0); from >= 0 && i <= end; ++i) {
        out[i] = true;
        guessed[i] = guess;
      }
    }
    sentence = end + 1;
  }
  // Whether something happened, asked inside a statement: "how would i even know if my
  // face drooped", "not sure whether my speech is off". From the "if" to the clause's end.
  static const WordSet knowing = {"know",    "tell",      "sure",   "certain", "notice", "check",
                                  "checked", "wondering", "wonder", "see",     "say"};
  for (int i = 1; i < n; ++i) {
    if (!(t[i].is("if") || t[i].is("whether"))) continue;
    const bool asked = knowing.count(t[i - 1].word) || (i > 1 && knowing.count(t[i - 2].word));
    if (!asked) continue;
    int end = i;
    while (end + 1 < n && !t[end + 1].punct && !terminators().count(t[end + 1].word)) ++end;
    if (any_in(t, dated_triggers(), i, end)) continue;
    for (int k = i; k <= end; ++k) out[k] = true;
  }
  // A term asked about inside a statement: "a parent asked me what 'saddle numbness'
  // actually means". From the "what" to "means", when someone asks or wonders just before
  // it ("I know what saddle numbness means and I have it" tells), a few words name the
  // term and none points at the person's own ("what my numbness means" tells of it).
  static const WordSet own = {"it", "this", "that", "my", "i", "his", "her", "he", "she", "they"};
  static const WordSet askers = {"asked",    "ask",    "asks",    "asking",   "wondering",
                                 "wondered", "wonder", "explain", "explained"};
  for (int i = 1; i < n; ++i) {
    if (!t[i].is("what")) continue;
    bool asked = false;
    for (int back = 1; back <= 2 && i - back >= 0 && !asked; ++back)
      asked = askers.count(t[i - back].word) != 0;
    if (!asked) continue;
    int term = 0, k = i + 1;
    for (; k < n && k <= i + 5 && !t[k].punct && !own.count(t[k].word); ++k) {
      if (t[k].is("means") || t[k].is("meant")) break;
      if (!t[k].is("actually") && !t[k].is("really") && !t[k].is("exactly")) ++term;
    }
    if (k >= n || term == 0 || !(t[k].is("means") || t[k].is("meant"))) continue;
    for (int m = i; m <= k; ++m) out[m] = true;
  }
  // Advice passed on about a sign: "my physio told me if I get saddle numbness I should
  // rush to A&E". From the "if" to the end of the clause that says what to do, when a
  // teller is just before it; "my dad says if he walks 50 yards his legs go numb" tells of
  // a symptom, with nothing to do.
  // Not "says": "my wife says if I keep walking my legs go numb" reports a symptom.
  static const WordSet tellers = {"told", "tell", "said", "advised", "warned", "explained"};
  static const WordSet to_do = {"should", "must", "need", "rush", "call", "ring", "seek"};
  for (int i = 1; i < n; ++i) {
    if (!t[i].is("if")) continue;
    // The teller just before the "if", or a few words before with what to do between
    // ("told me to seek emergency help if I ever developed ...").
    bool told = false, advice = false;
    for (int back = 1; back <= 6 && i - back >= 0 && !t[i - back].punct; ++back) {
      if (tellers.count(t[i - back].word) && (back <= 3 || advice)) told = true;
      advice = advice || to_do.count(t[i - back].word);
    }
    if (!told) continue;
    // To the end of the clause that says what to do ("..., I must go to hospital, but I
    // have no chest pain": the "but" is the person's own).
    int end = i;
    while (end + 1 < n && !t[end + 1].sentence_end() &&
           !(advice && (t[end + 1].punct || t[end + 1].is("but")))) {
      ++end;
      advice = advice || to_do.count(t[end].word);
    }
    // A time later in the sentence says the sign came: "..., and I can't feel it since
    // this morning".
    int sentence_end = end;
    while (sentence_end + 1 < n && !t[sentence_end + 1].sentence_end()) ++sentence_end;
    if (!advice || any_in(t, dated_triggers(), i, sentence_end)) continue;
    for (int k = i; k <= end; ++k) out[k] = true;
  }
  // What was read or heard about a sign: "I read on the internet that saddle anaesthesia
  // is a dangerous sign". From the "that" to the sentence's end, unless a time says it
  // came ("I read that numbness down there is serious and I've had it since Monday").
  static const WordSet learnt = {"read", "reading", "heard", "learned", "learnt"};
  static const WordSet readers = {"i", "we", "have", "keep", "been", "was"};
  for (int i = 1; i < n; ++i) {
    if (!learnt.count(t[i].word) || !readers.count(t[i - 1].word)) continue;
    int that = -1;
    for (int k = i + 1; k < n && k <= i + 5 && !t[k].sentence_end(); ++k)
      if (t[k].is("that") || t[k].is("about")) {
        that = k;
        break;
      }
    if (that < 0) continue;
    int end = that;
    while (end + 1 < n && !t[end + 1].sentence_end()) ++end;
    if (any_in(t, dated_triggers(), that, end)) continue;
    for (int k = that; k <= end; ++k) out[k] = true;
  }
  return out;
}

// The message opens with a no ("no but my sister has leukaemia", "nope, my mum does"):
// the patient answered for themselves, so a relative after it is someone else. Used only
// for findings that count whenever they happened (Segment::relative_apart): a carer's
// "no. my dad has been slurring since lunch" must still report the patient.
bool opens_with_no(const std::vector<Token>& t) {
  static const WordSet no_words = {"no", "nope", "nah", "never", "not"};
  // "me, no. My wife had breast cancer": the patient's no, said of themselves first.
  bool me = false;
  for (const auto& token : t) {
    if (token.punct) continue;
    if (!me && token.is("me")) {
      me = true;
      continue;
    }
    return no_words.count(token.word) != 0;
  }
  return false;
}

// The end of a first sentence that only disowns: "No, not me.", "not me!", "nope not me -".
// -1 when the message does not open so.
int not_me_sentence_end(const std::vector<Token>& t) {
  const int n = static_cast<int>(t.size());
  int i = 0;
  while (i < n && (plain_no_word(t[i].word) || t[i].is(","))) ++i;
  if (i + 1 >= n || !t[i].is("not") || !t[i + 1].is("me")) return -1;
  i += 2;
  return i < n && t[i].sentence_end() ? i : -1;
}

// Whether tokens [from, to] speak of the patient ("I", "my", "im"), not counting "my" before
// a relative.
bool says_first_person(const std::vector<Token>& t, int from, int to) {
  for (int i = from; i <= to; ++i) {
    // "my husband fell": the husband is the subject.
    if (t[i].is("my") && i < to && relatives().count(t[i + 1].word)) continue;
    if (first_person().count(t[i].word)) return true;
  }
  return false;
}

// A stranger on a screen as the subject of the segment, with no word of the patient's own
// in it: "watching greys anatomy on the night bus, some guy got paralysed after a car
// crash" (the sixty-eighth round), "watching hospital dramas at 3am, in one the bloke's legs
// gave way" (the seventieth). Only after a word of watching: a bystander who writes "some
// guy on the bus can't feel his legs" is writing about the patient.
bool stranger_subject(const std::vector<Token>& t, int from, int to) {
  static const WordSet watching = {"watching", "watched",  "watch",
                                   "binging",  "bingeing", "streaming"};
  static const WordSet determiners = {"some", "a", "this", "that", "the"};
  static const WordSet strangers = {"guy",   "bloke", "man",  "woman", "lady",
                                    "fella", "dude",  "chap", "girl",  "boy"};
  // "in one the bloke's legs gave way": which episode, before the subject.
  if (from + 2 < to && t[from].is("in") && t[from + 1].is("one")) from += 2;
  const bool named =
      t[from].is("someone") || t[from].is("somebody") ||
      (from < to && determiners.count(t[from].word) && strangers.count(t[from + 1].word));
  if (!named || says_first_person(t, from, to)) return false;
  // Watching a screen, not a match in front of one: a spectator who writes "watching my
  // son's rugby, a boy got tackled and can't feel his legs" is asking about that boy.
  static const WordSet screens = {"tv",       "telly",   "show",    "shows",       "series",
                                  "drama",    "dramas",  "film",    "films",       "movie",
                                  "movies",   "netflix", "episode", "greys",       "anatomy",
                                  "casualty", "youtube", "tiktok",  "documentary", "soap"};
  for (int i = 0; i < from; ++i) {
    if (!watching.count(t[i].word)) continue;
    for (int j = i + 1; j < from && j <= i + 5; ++j)
      if (screens.count(t[j].word)) return true;
  }
  return false;
}

// Words [from, to] tell a symptom of the legs in the third person ("says her legs are
// numb", "he's stumbling").
bool tells_their_symptom(const std::vector<Token>& t, int from, int to) {
  static const WordSet third_person = {"she", "shes", "he", "hes", "her", "his"};
  static constexpr std::string_view stems[] = {"numb", "tingl", "weak"};
  static const WordSet whole = {"stumbling", "wobbly", "dragging", "unsteady"};
  bool third = false, symptom = false;
  for (int i = from; i <= to; ++i) {
    const std::string& w = t[i].word;
    third = third || third_person.count(w);
    symptom = symptom || whole.count(w) ||
              std::any_of(std::begin(stems), std::end(stems), [&](std::string_view stem) {
                return std::string_view(w).substr(0, stem.size()) == stem;
              });
  }
  return third && symptom;
}

}  // namespace

// "for ages" that is one sitting, not months: "since Tuesday I sit on the loo for ages and
// only a dribble comes" tells a new trouble passing urine.
const PhraseList& one_long_sitting() {
  static const PhraseList list = compile_phrases(
      {"sit on the loo for ages", "sit on the toilet for ages", "sat on the loo for ages",
       "sat on the toilet for ages", "sitting on the loo for ages",
       "sitting on the toilet for ages", "stand there for ages", "stood there for ages",
       "standing there for ages", "wait for ages", "waited for ages", "waiting for ages"});
  return list;
}

bool Scopes::denies_current() const {
  return std::any_of(segments.begin(), segments.end(),
                     [](const Segment& s) { return s.nothing_new; });
}

bool Scopes::only_past() const {
  return !segments.empty() && std::all_of(segments.begin(), segments.end(), [](const Segment& s) {
    return s.time != TimeScope::current || s.nothing_new;
  });
}

bool Scopes::tells_of_now() const {
  return std::any_of(segments.begin(), segments.end(), [](const Segment& s) {
    return s.dated_now && s.time == TimeScope::current && !s.nothing_new && !s.states_nothing();
  });
}

bool Scopes::any(TimeScope time) const {
  return std::any_of(segments.begin(), segments.end(),
                     [&](const Segment& s) { return s.time == time && !s.nothing_new; });
}

Scopes read_scopes(const std::vector<Token>& t, const PhraseList& distant_past) {
  Scopes out;
  int n = static_cast<int>(t.size());
  out.segment_of.assign(t.size(), 0);
  // Most messages ask nothing: the search is skipped without a question mark, an "if" or a
  // "whether", or a word of what was read or heard ("I read that ...").
  const bool asks = std::any_of(t.begin(), t.end(), [](const Token& w) {
    return w.is("?") || w.is("if") || w.is("whether") || w.is("read") || w.is("reading") ||
           w.is("heard") || w.is("learned") || w.is("learnt") || w.is("means") || w.is("meant");
  });
  std::vector<bool> guessed;
  const std::vector<bool> hypothetical =
      asks ? hypothetical_words(t, guessed) : std::vector<bool>();
  // Whether tokens [from, to] tell of a time long past.
  auto tells_the_past = [&](int from, int to) {
    return any_in(t, historical_triggers(), from, to) ||
           (any_in(t, when_my_child(), from, to) && !any_in(t, born_lately(), from, to)) ||
           was_on_a_treatment(t, from, to) || names_a_time_of_life(t, from, to) ||
           any_in(t, distant_past, from, to) || names_a_year(t, from, to);
  };
  // Cut into segments; `after_comma` records that only a comma parts a segment from the
  // one before, so an untimed segment may inherit its time.
  std::vector<bool> after_comma;
  int start = 0;
  bool comma = false;
  auto close = [&](int end) {
    if (end >= start) {
      out.segments.push_back(Segment{start, end});
      after_comma.push_back(comma);
    }
  };
  for (int i = 0; i < n; ++i) {
    if (t[i].punct) {
      close(i - 1);
      start = i + 1;
      // A colon, like a comma, carries the time on ("2 yrs ago: L eye went blurry").
      comma = t[i].is(",") || t[i].is(":");
      continue;
    }
    // "now" starts a new stretch ("years ago ... and now"), but not in "not now".
    static const WordSet keep_with = {"not", "nothing", "right", "just", "until", "by", "for"};
    // Nor a clause-final "now" ("clean now", "gone now"), which times its own clause.
    bool last_word = i + 1 >= n || t[i + 1].punct;
    bool bound = (i > 0 && keep_with.count(t[i - 1].word)) || (t[i].is("now") && last_word);
    const bool opens_a_condition = asks && hypothetical[i] && (i == 0 || !hypothetical[i - 1]);
    // An "and" followed by a stretch up to now ends a stretch told of the past: "I had
    // breast cancer four years ago and for about two weeks I've had this pain in my back"
    // tells of the back today.
    const bool back_to_now =
        (and_then_a_stretch_to_now(t, i) && tells_the_past(start, i - 1)) ||
        (and_then_a_short_spell(t, i) && any_in(t, long_standing_triggers(), start, i - 1));
    if (i > start &&
        ((terminators().count(t[i].word) && !bound) || opens_a_condition || back_to_now)) {
      close(i - 1);
      start = i;
      comma = false;
    }
  }
  close(n - 1);
  const bool long_ago_told =
      any_in(t, long_standing_triggers(), 0, n - 1) || tells_the_past(0, n - 1);
  std::vector<bool> untimed;
  for (size_t s = 0; s < out.segments.size(); ++s) {
    Segment& seg = out.segments[s];
    for (int i = seg.first; i <= seg.last; ++i) out.segment_of[i] = static_cast<int>(s);
    // Punctuation belongs to the segment it ends.
    if (seg.last + 1 < n && t[seg.last + 1].punct)
      out.segment_of[seg.last + 1] = static_cast<int>(s);
    bool timed = true;
    if (any_in(t, denial_triggers(), seg.first, seg.last) || says_clean(t, seg.first, seg.last) ||
        (long_ago_told && any_in(t, unchanged_today(), seg.first, seg.last))) {
      seg.nothing_new = true;
      seg.time = TimeScope::long_standing;
    } else if (tells_the_past(seg.first, seg.last)) {
      seg.time = TimeScope::historical;
    } else if (any_in(t, long_standing_triggers(), seg.first, seg.last) &&
               !any_in(t, normal_until_now(), seg.first, seg.last) &&
               !any_in(t, one_long_sitting(), seg.first, seg.last)) {
      seg.time = TimeScope::long_standing;
    } else if (any_in(t, current_triggers(), seg.first, seg.last)) {
      // "Define recently.": the word asked about, not a time told.
      seg.dated_now = !t[seg.first].is("define");
    } else {
      timed = false;
    }
    // A comma carries the time on, but a "but" after "nothing new" turns it: "numb bits are
    // nothing new for me, but my left arm went dead" is now.
    const bool turns = s > 0 && out.segments[s - 1].nothing_new &&
                       (t[seg.first].is("but") || t[seg.first].is("however"));
    if (!timed && s > 0 && after_comma[s] && !turns) seg.time = out.segments[s - 1].time;
    untimed.push_back(!timed);
  }
  // A short trailing "but always have", "that's my prostate, nothing new" speaks of the
  // untimed words before it: long-standing reaches back (an old event does not, so "I
  // can't pee, I fell years ago" keeps the first part current).
  // A note that contrasts ("always been fine before") says the opposite: it stays put, as
  // does "no problems now" ("I couldn't pee, no problems now" still says it happened).
  auto contrasts = [&](const Segment& seg) {
    static const WordSet words = {"fine",    "normal", "ok",    "okay",   "before",
                                  "until",   "till",   "never", "used",   "problems",
                                  "problem", "issues", "issue", "trouble"};
    for (int i = seg.first; i <= seg.last; ++i)
      if (words.count(t[i].word)) return true;
    return false;
  };
  // A note whose subject points back ("but that has been so for years") speaks of the
  // words before it, however long it is.
  // So does one that says it has always been so ("but its always been like that"), or
  // names it by a pronoun just before its time ("but I have done that for years"; not
  // "I've had this back pain for years", which names something else).
  auto points_back = [&](const Segment& seg) {
    static const WordSet pronouns = {"that", "this", "it"};
    static const WordSet times = {"for", "since", "all", "always", "my"};
    int i = seg.first;
    if (i < seg.last && (t[i].is("but") || t[i].is("and"))) ++i;
    if (t[i].is("that") || t[i].is("which")) return true;
    for (int k = seg.first; k < seg.last; ++k) {
      if (t[k].is("like") && (t[k + 1].is("that") || t[k + 1].is("this"))) return true;
      if (k > i && pronouns.count(t[k].word) && times.count(t[k + 1].word)) return true;
    }
    return false;
  };
  for (size_t s = out.segments.size(); s-- > 1;) {
    const Segment& next = out.segments[s];
    bool short_note = (next.last - next.first < 6 || points_back(next)) && !contrasts(next);
    // "but ive had that since my 3rd baby 15 yrs ago": a note that points back to what came
    // before and dates its start long ago says it has gone on since, long-standing.
    static const PhraseList since_long_ago = compile_phrases({"since ... ago"});
    const bool ongoing_since = next.time == TimeScope::historical && points_back(next) &&
                               any_in(t, since_long_ago, next.first, next.last);
    if (untimed[s - 1] && (next.time == TimeScope::long_standing || ongoing_since) && short_note) {
      out.segments[s - 1].time = TimeScope::long_standing;
      out.segments[s - 1].nothing_new = next.nothing_new;
      untimed[s - 1] = false;
    } else if (untimed[s - 1] && next.time == TimeScope::historical && points_back(next) &&
               short_note) {
      // "a short course of steroid tablets, but that was ten years ago": a note whose
      // subject points back dates what it points to.
      out.segments[s - 1].time = TimeScope::historical;
      untimed[s - 1] = false;
    }
  }
  // A short "no different today" closing a sentence speaks of all the untimed words of
  // that sentence, past a clause that names something else: "breathless on hills but I've
  // had asthma for years, no different today". Only beside something long-standing or
  // past: "cant pee properly, no change today" tells that it goes on.
  const bool anchored = std::any_of(out.segments.begin(), out.segments.end(), [](const Segment& g) {
    return !g.nothing_new && g.time != TimeScope::current;
  });
  for (size_t s = out.segments.size(); anchored && s-- > 1;) {
    const Segment& note = out.segments[s];
    // Not "I couldn't pee, no problems now", which still says it happened.
    if (!note.nothing_new || note.last - note.first >= 6 || contrasts(note)) continue;
    for (size_t k = s; k-- > 0;) {
      const int end = out.segments[k].last;
      if (t[end].sentence_end() || (end + 1 < n && t[end + 1].sentence_end())) break;
      if (!untimed[k]) continue;
      out.segments[k].time = TimeScope::long_standing;
      untimed[k] = false;
    }
  }
  const bool patient_denies = opens_with_no(t);
  // "No, not me. Klaus fell from the ladder last week": after a first sentence that
  // disowns, what the message tells without a word of the patient's own is another's.
  const int not_me_end = not_me_sentence_end(t);
  // Most messages disown nothing: then no segment is searched for another person.
  const bool disowns = disowned(t, 0, n - 1);
  // A carer who writes only of the patient, never of themselves, and tells the patient's
  // numbness or weakness in the third person ("Mum had breast cancer 12 years ago but she
  // forgets ... now she's stumbling and says her legs are numb"): what the relative had is
  // the patient's own history, not family history. Not a story told of the relative alone
  // ("My grandad had a stroke last year: his face drooped").
  const bool of_the_patient_only =
      !says_first_person(t, 0, n - 1) &&
      std::any_of(out.segments.begin(), out.segments.end(),
                  [&](const Segment& seg) { return tells_their_symptom(t, seg.first, seg.last); });
  for (size_t s = 0; s < out.segments.size(); ++s) {
    Segment& seg = out.segments[s];
    RelativeEvent relative = relative_event(t, seg.first, seg.last);
    if (relative == RelativeEvent::had && of_the_patient_only) relative = RelativeEvent::none;
    // A relative who has something now is a carer's report, unless the patient sets
    // themselves apart ("my aunt has bladder problems but I don't"). A closing "I'm fine"
    // does so only for an event the message does not date: after "my dad had a fall
    // yesterday" it is more likely the carer speaking of themselves, and reading the
    // patient's red flag as a no is the error not to make.
    const bool apart =
        says_not_me(t, seg.first, n - 1) || (untimed[s] && ends_saying_fine(t, seg.first, n - 1));
    seg.family = relative == RelativeEvent::certain ||
                 (relative == RelativeEvent::had && (seg.time != TimeScope::current || apart)) ||
                 (relative == RelativeEvent::has && apart) ||
                 (disowns && disowned(t, seg.last, n - 1) &&
                  another_person_subject(t, seg.first, seg.last)) ||
                 // A spouse, child or friend who has it while the patient is fine ("the baby has a
                 // temperature, I'm fine").
                 (apart && another_person_subject(t, seg.first, seg.last)) ||
                 stranger_subject(t, seg.first, seg.last) ||
                 (not_me_end >= 0 && seg.first > not_me_end &&
                  (another_person_subject(t, seg.first, seg.last) ||
                   !says_first_person(t, seg.first, seg.last)));
    // "My husband has MND, he's the one who chokes on drinks ... this is about me": a
    // pronoun after a comma goes on with the other person named before it.
    static const WordSet pronouns = {"he", "hes", "she", "shes", "they"};
    if (!seg.family && s > 0 && after_comma[s] && out.segments[s - 1].family && disowns &&
        pronouns.count(t[seg.first].word))
      seg.family = true;
    seg.guessed = asks && guessed[seg.first];
    seg.hypothetical = asks && hypothetical[seg.first] && !seg.guessed;
    seg.relative_had = relative == RelativeEvent::had;
    // A spouse, child or friend likewise ("no, but my husband smokes in the house").
    seg.relative_apart = patient_denies && (relative != RelativeEvent::none ||
                                            another_person_subject(t, seg.first, seg.last));
    // What follows a colon tells more of the same ("My grandad had a stroke last year: his
    // face drooped and his speech went slurred"): family history goes on, unless the
    // patient speaks of themselves.
    if (s > 0 && out.segments[s - 1].family && seg.first > 0 && t[seg.first - 1].is(":"))
      seg.family = seg.family || !says_first_person(t, seg.first, seg.last);
  }
  // A plot told on a screen ("just watched a drama where the grandma's face drooped and
  // she slurred"): from the screen's "where" or "about" to the sentence's end or a turn
  // back to oneself ("anyway my foot fell asleep during it"), nobody's symptom.
  for (int story = plot_start(t); story >= 0; story = plot_start(t, story + 1)) {
    int end = story;
    while (end < n && !t[end].sentence_end() && !t[end].is("anyway") && !t[end].is("but")) ++end;
    for (auto& seg : out.segments)
      if (seg.last >= story && seg.first < end) seg.family = true;
  }
  return out;
}

}  // namespace triagebot::dialogs
