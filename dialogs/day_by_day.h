// A story told day by day: "Thursday my toes went all tingly, Friday I was struggling up
// the stairs, yesterday I needed the missus to haul me off the couch, and today my
// fingers feel weak". People tell an illness that moves on this way more often than they
// say "worse" or "spreading": each day names what it did then. A finding marked
// `from_day_by_day` in the knowledge base (worsening) is read from such a story, so a
// rule about weakness that climbs (Guillain-Barré) sees it. Pure; any thread.
#pragma once

#include <optional>
#include <vector>

#include "dialogs/phrase_list.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {

// The tokens [first, last] of the story, when the message has one: three or more days
// named in order ("monday" ... "sunday" one after the other, then "the day before
// yesterday", "yesterday", "last night", "this morning", "today", "now"; "the next day"
// and "the day after" follow whatever came before), each opening its clause (after a
// mark, "and", "then", "but", "by", "on" or "at"), and at least two of the days after the
// first naming a symptom (`symptom_words`) or what it did (`story_words`: "struggled",
// "gave way") in their clause. "Monday I saw the GP, Tuesday the physio, and today I'm
// writing to you" names no symptom after its first day, and is no story of an illness.
// Times of one day count as days ("06:00 numb to the ankle. 12:00 to mid-shin. 18:00 to
// the knee"), later and later.
struct DayByDay {
  int first = 0, last = 0;
};
std::optional<DayByDay> day_by_day_story(const std::vector<Token>& t,
                                         const PhraseList& symptom_words,
                                         const PhraseList& story_words);

}  // namespace triagebot::dialogs
