// A story told day by day (dialogs/day_by_day.h): three days or more in order, each
// opening its clause, two of them naming a symptom; and the opening it decides, where
// weakness climbing to the hands is told without "worse" (the thirty-fourth round).
#include "dialogs/day_by_day.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/dialogs/server_steps.h"
#include "tests/dialogs/test_knowledge.h"

namespace triagebot::dialogs::testing::day_by_day_test {
namespace {

bool story(const std::string& text) {
  const Lexicon& lexicon = builtin().data().lexicon;
  return day_by_day_story(tokenize(text), lexicon.symptom_words, lexicon.story_words).has_value();
}

TEST(DayByDay, DaysInOrderEachNamingWhatHappened) {
  EXPECT_TRUE(
      story("Monday my feet went numb, Tuesday I was wobbly on the stairs, and today "
            "my legs are weak"));
  EXPECT_TRUE(
      story("on saturday my toes tingled. sunday the tingling was in my shins. then "
            "yesterday both knees went weak"));
  EXPECT_TRUE(
      story("yesterday my feet were numb, last night it was up to my knees and this "
            "morning my legs feel weak"));
  EXPECT_TRUE(
      story("Wednesday tingling toes, the next day weak ankles, and now I can hardly "
            "stand"));
}

TEST(DayByDay, NotAStoryOfAnIllnessMovingOn) {
  // Days out of order, too few, or naming no symptom after the first.
  EXPECT_FALSE(story("Friday my feet went numb, Tuesday I saw the GP and today they are weak"));
  EXPECT_FALSE(story("Monday my feet went numb and today my legs are weak"));
  EXPECT_FALSE(story("Monday my legs went numb, Tuesday I saw the GP, and today I'm writing"));
  // Standing still or getting better is no story of getting worse.
  EXPECT_FALSE(
      story("Monday my legs went weak, Tuesday I saw the GP, and today they are still "
            "weak"));
  EXPECT_FALSE(story("Monday my legs went numb, Tuesday they were weak, today they feel better"));
  // "still" that means "even so" is a worse day, not a day like the last (round 54's
  // stomach-flu diary).
  EXPECT_TRUE(
      story("Monday I walked 4 floors normally, Wednesday I stopped twice, today I took the "
            "lift and still needed the sink to pull myself up"));
  // Days not opening their clause: only mentioned.
  EXPECT_FALSE(
      story("my legs have been numb since monday and weak since tuesday and i see the "
            "gp on friday"));
}

// What a symptom did names it too ("struggled", "gave way"), and "then" is the next stage
// (the thirty-fifth and thirty-sixth rounds). Look-alikes: days that name only errands.
TEST(DayByDay, DaysThatTellWhatTheSymptomDid) {
  EXPECT_TRUE(
      story("Saturday my toes went numb, Sunday I struggled up the stairs, and today my "
            "knees gave way"));
  EXPECT_TRUE(
      story("Friday my feet started tingling, then my legs went weak and now my fingers "
            "are tingly too"));
  EXPECT_FALSE(
      story("Monday I tripped on the step, Tuesday I carried the heavy boxes, and "
            "today my legs are numb"));
  EXPECT_FALSE(story("my feet went numb, then I rang the GP, and now I'm writing to you"));
}

// Hours of one day, later and later, are a story too ("06:00 numb to the ankle. 12:00 to
// mid-shin. 18:00 to the knee"). Look-alikes: hours of errands, hours out of order, an
// hour that says it stayed the same.
TEST(DayByDay, HoursOfOneDayLaterAndLater) {
  EXPECT_TRUE(story("1. 06:00 numb to ankle. 2. 12:00 numb to mid-shin. 3. 18:00 numb to knee."));
  EXPECT_TRUE(
      story("6am my toes were numb, at 10am both feet were numb, by 2pm my legs were weak"));
  EXPECT_FALSE(
      story("at 9am I took the tablets, at 1pm I had lunch, and at 6pm my foot went numb"));
  EXPECT_FALSE(story("18:00 numb to the knee, 06:00 numb to the ankle, 12:00 numb to the shin"));
  EXPECT_FALSE(story("06:00 numb to ankle, 12:00 still numb to ankle, 18:00 the same"));
}

TEST(DayByDay, AnOpeningToldDayByDayStopsForClimbingWeakness) {
  EXPECT_TRUE(stops_at_opening(
      "Had flu a couple of weeks ago. Saturday my feet tingled, Sunday my legs were weak on the "
      "stairs, and yesterday my hands went weak holding a mug."));
  // The same days telling numbness that stays in the feet: asked on.
  EXPECT_FALSE(stops_at_opening(
      "Saturday my feet tingled, Sunday I went to the pharmacy, and yesterday the GP said "
      "it's probably my shoes."));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::day_by_day_test
