// `triagebot chat` driven through string streams, as a script would pipe it.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "bot/cli/chat_command.h"
#include "dialogs/knowledge.h"

namespace triagebot::bot {
namespace chat_command_test {
namespace {

const dialogs::Knowledge& knowledge() {
  static const dialogs::Knowledge k = *dialogs::load_knowledge(dialogs::builtin_knowledge_json());
  return k;
}

TEST(ChatCommand, NumbersChoicesAndAcceptsANumberAsThatChoice) {
  std::istringstream in("my left leg is numb\n1\n");
  std::ostringstream out;
  EXPECT_EQ(run_chat(knowledge(), dialogs::EngineOptions{"999"}, in, out), 0);
  std::string text = out.str();
  EXPECT_NE(text.find("triagebot"), std::string::npos);
  EXPECT_NE(text.find("  1) Yes\n  2) No\n  3) Not sure\n"), std::string::npos);
  // Choice 1 on the stroke screen is "Yes": the emergency advice must follow.
  EXPECT_NE(text.find("Call 999"), std::string::npos);
  EXPECT_NE(text.find("stroke"), std::string::npos);
}

TEST(ChatCommand, RunsAWholeInterviewFromPipedTextToAnAssessment) {
  std::string script =
      "My left calf goes numb every time I walk 300 metres, standing still sorts it\n";
  for (int i = 0; i < 20; ++i) script += "no\n";
  std::istringstream in(script);
  std::ostringstream out;
  EXPECT_EQ(run_chat(knowledge(), dialogs::EngineOptions{"911"}, in, out), 0);
  EXPECT_NE(out.str().find("How urgent:"), std::string::npos);
  EXPECT_NE(out.str().find("Peripheral artery disease"), std::string::npos);
}

TEST(ChatCommand, EndOfInputEndsCleanly) {
  std::istringstream in("");
  std::ostringstream out;
  EXPECT_EQ(run_chat(knowledge(), dialogs::EngineOptions{"911"}, in, out), 0);
  EXPECT_NE(out.str().find("Tell me"), std::string::npos);
}

}  // namespace
}  // namespace chat_command_test
}  // namespace triagebot::bot
