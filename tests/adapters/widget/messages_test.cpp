#include "adapters/widget/messages.h"

#include <gtest/gtest.h>

namespace triagebot::adapters::widget {
namespace messages_test {
namespace {

using nlohmann::json;
using namespace std::chrono;

TEST(WidgetMessages, FormatsRfc3339InUtcWithMilliseconds) {
  const system_clock::time_point at = sys_days{year{2024} / 5 / 1} + 9h + 30min + 250ms;
  EXPECT_EQ(format_rfc3339(at), "2024-05-01T09:30:00.250Z");
  EXPECT_EQ(format_rfc3339(system_clock::time_point{}), "1970-01-01T00:00:00.000Z");
}

TEST(WidgetMessages, PlainBotMessageHasOnlyFromTextAt) {
  EXPECT_EQ(message_json(From::bot, "Hello", "2024-05-01T09:30:00.000Z"),
            json::parse(R"({"from":"bot","text":"Hello","at":"2024-05-01T09:30:00.000Z"})"));
}

TEST(WidgetMessages, UserMessage) {
  EXPECT_EQ(message_json(From::user, "No", "2024-05-01T09:30:01.000Z")["from"], "user");
}

TEST(WidgetMessages, ChoicesAreListedWithIdAndLabel) {
  auto message = message_json(From::bot, "Any back pain?", "2024-05-01T09:30:00.000Z",
                              {{"yes", "Yes"}, {"no", "No"}});
  EXPECT_EQ(message["choices"],
            json::parse(R"([{"id":"yes","label":"Yes"},{"id":"no","label":"No"}])"));
  EXPECT_FALSE(message.contains("assessment"));
}

TEST(WidgetMessages, AssessmentRidesAlongInApiShape) {
  dialogs::Reply reply;
  reply.text = "Call 911 now.";
  reply.assessment =
      dialogs::Assessment{.triage = dialogs::Triage::emergency,
                          .causes = {{.id = "cauda_equina",
                                      .name = "Cauda equina syndrome",
                                      .score = 0.5,
                                      .why = {"you said you cannot control your bladder"}}},
                          .red_flags = {"saddle_anaesthesia"}};
  const auto message = reply_message_json(reply, "2024-05-01T09:30:00.000Z");
  EXPECT_EQ(message, json::parse(R"({
    "from": "bot", "text": "Call 911 now.", "at": "2024-05-01T09:30:00.000Z",
    "assessment": {"triage": "emergency",
                   "causes": [{"id": "cauda_equina", "name": "Cauda equina syndrome",
                               "score": 0.5, "why": ["you said you cannot control your bladder"]}],
                   "red_flags": ["saddle_anaesthesia"]}})"));
  EXPECT_FALSE(message.contains("choices"));
}

TEST(WidgetMessages, ResponseBodies) {
  auto messages = json::array({message_json(From::bot, "Hi", "2024-05-01T09:30:00.000Z")});
  EXPECT_EQ(session_created_json("abc", "tok", messages),
            json({{"session_id", "abc"}, {"token", "tok"}, {"messages", messages}}));
  EXPECT_EQ(messages_json(messages), json({{"messages", messages}}));
  EXPECT_EQ(error_json("bad_request", "nope"),
            json({{"error", "bad_request"}, {"message", "nope"}}));
}

}  // namespace
}  // namespace messages_test
}  // namespace triagebot::adapters::widget
