// Abuse at home, told beside a numb leg (docs/safety.md "Abuse at home"): not one of the
// brief's medical emergencies, but a disclosure the bot must answer on the turn it is
// made, whatever question is pending, with the emergency number and a way to delete the
// chat; and the everyday look-alikes (sport, a film, an accident, "he's never hit me")
// must stay silent.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "dialogs/safety_replies.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/safety_probe.h"
#include "tests/dialogs/server_steps.h"

namespace triagebot::dialogs::testing::abuse_disclosure_test {
namespace {

TEST(AbuseDisclosure, SaidPlainlyOrAsFearIsAnswered) {
  for (const char* text :
       {"my husband beats me and now my leg is numb", "he hits me when hes drunk",
        "my boyfriend kicked me in the back last night and my legs are tingly",
        "my partner strangled me and i blacked out, now my foot is numb",
        "i was beaten by my husband", "im scared of my husband", "i dont feel safe at home",
        "i'm in an abusive relationship", "he threatened to kill me", "my carer hurts me",
        "my son pushes me around and shoved me into the door"}) {
    EXPECT_TRUE(safety_fires(text, SafetyCategory::abuse)) << text;
  }
}

TEST(AbuseDisclosure, LookAlikesStaySilent) {
  for (const char* text :
       {"he has never hit me", "my husband doesnt hit me, he's lovely",
        "my son kicked me by accident playing football", "the ball hit me on the shin",
        "it hit me that the numbness started after the flight", "my brother hit me in the game",
        "the car hit me years ago, leg numb since", "she hurt her back lifting me",
        "i'm scared of needles", "my dad hit his head", "watching a film about domestic violence",
        "my son beat me at chess again", "my wife will kill me if im late"}) {
    EXPECT_FALSE(safety_fires(text, SafetyCategory::abuse)) << text;
  }
}

TEST(AbuseDisclosure, TheAnswerNamesTheNumberAndHowToDeleteTheChat) {
  const std::string reply = safety_answer({SafetyCategory::abuse}, "en", HelpNumbers{"112", "988"});
  EXPECT_NE(reply.find("112"), std::string::npos) << reply;
  EXPECT_NE(reply.find("/forget"), std::string::npos) << reply;
  EXPECT_EQ(reply.find("988"), std::string::npos) << reply;
}

TEST(AbuseDisclosure, AnsweredInTheMiddleOfTheInterview) {
  Turn t = say_at(mid_interview(), "no. my husband beats me if that matters");
  EXPECT_NE(std::find(t.safety.begin(), t.safety.end(), "abuse"), t.safety.end());
  std::string text;
  for (const auto& r : t.replies) text += r.text + "\n";
  EXPECT_NE(text.find("/forget"), std::string::npos) << text;
  EXPECT_FALSE(t.assessment) << "the interview carries on";
}

}  // namespace
}  // namespace triagebot::dialogs::testing::abuse_disclosure_test
