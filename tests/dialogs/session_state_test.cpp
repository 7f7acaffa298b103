// The typed engine state against its stored JSON: storage keeps the text, so the text a
// state is written as, and the state a stored text reads into, are a contract
// (dialogs/session.h, docs/architecture.md "The session").
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "dialogs/engine_state.h"
#include "dialogs/json_reader.h"
#include "dialogs/session.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing::session_state_test {
namespace {

// A session as a build before the typed state stored it (bench/dialogs' --texts-print,
// the server bench's texts on a completed interview), but with every member of the engine
// state set: the kept words of two messages with their time, and hedges_mean_no.
constexpr const char* kFullStored =
    R"({"engine_state":{"asked":["q_stroke","q_saddle","q_age"],"earlier_words":"my chest",)"
    R"("findings":{"age_40_59":true,"age_60_69":false,"one_leg":true,"side_left":true},)"
    R"("hedges_mean_no":true,"language":"fr","notes":["child"],"pending":"q_age",)"
    R"("pending_for":"stroke_signs","plainer":true,"previous_at":1700000030,)"
    R"("previous_ended":true,"previous_words":"it's \"crushing\" café","questions":4,)"
    R"("said":{"age_40_59":"","one_leg":"my left leg is numb","side_left":"my left leg"},)"
    R"("started":true,"started_at":1700000000,"unsure_screens":["q_saddle"]},)"
    R"("red_flags":["stroke_signs"],"schema_version":1,"status":"completed","triage":"routine"})";

EngineState full_state() {
  EngineState s;
  s.started = true;
  s.previous_ended = true;
  s.findings = {{"age_40_59", true}, {"age_60_69", false}, {"one_leg", true}, {"side_left", true}};
  s.said = {{"age_40_59", ""}, {"one_leg", "my left leg is numb"}, {"side_left", "my left leg"}};
  s.asked = {"q_stroke", "q_saddle", "q_age"};
  s.pending = "q_age";
  s.plainer = true;
  s.pending_for = "stroke_signs";
  s.unsure_screens = {"q_saddle"};
  s.hedges_mean_no = true;
  s.notes = {"child"};
  s.questions = 4;
  s.started_at = 1700000000;
  s.language = "fr";
  s.previous_words = "it's \"crushing\" caf\u00e9";
  s.earlier_words = "my chest";
  s.previous_at = 1700000030;
  s.written = true;  // as read from a stored state
  return s;
}

// The stored text read as storage reads it (read_json, session_from_json).
Session read_stored(const std::string& text) {
  auto tree = read_json(text);
  EXPECT_TRUE(tree) << text;
  if (!tree) return {};
  auto session = session_from_json(std::move(*tree));
  EXPECT_TRUE(session) << session.error().message;
  return session ? std::move(*session) : Session{};
}

TEST(SessionState, AFullStoredStateReadsIntoEveryMemberAndIsWrittenBackByteForByte) {
  const Session s = read_stored(kFullStored);
  EXPECT_TRUE(s.engine_state == full_state());
  EXPECT_EQ(s.status, SessionStatus::completed);
  EXPECT_EQ(session_to_text(s), kFullStored);
  EXPECT_EQ(session_to_json(s).dump(), kFullStored);
  // And the typed value written first: the same text.
  Session typed = s;
  typed.engine_state = full_state();
  EXPECT_EQ(session_to_text(typed), kFullStored);
}

TEST(SessionState, MembersTheStateDoesNotKnowAreDropped) {
  nlohmann::json stored = nlohmann::json::parse(kFullStored);
  nlohmann::json with_unknown = stored;
  with_unknown["engine_state"]["turns"] = 3;
  with_unknown["engine_state"]["a_future_member"] = {{"nested", {1, 2}}};
  with_unknown["engine_state"]["zzz"] = "last";
  const Session s = read_stored(with_unknown.dump());
  EXPECT_TRUE(s.engine_state == full_state());
  EXPECT_EQ(session_to_text(s), kFullStored);
  // A state of unknown members alone is a state never written.
  const Session only_unknown =
      read_stored(R"({"engine_state":{"turns":3},"schema_version":1,"status":"active"})");
  EXPECT_TRUE(only_unknown.engine_state == EngineState{});
  EXPECT_EQ(session_to_json(only_unknown)["engine_state"], nlohmann::json::object());
}

// A new session's state is {} as it always was; a state a step wrote is stored whole,
// every member, even when each holds its default.
TEST(SessionState, ANeverWrittenStateIsStoredAsAnEmptyObject) {
  EXPECT_EQ(session_to_json(Session{})["engine_state"], nlohmann::json::object());
  const Session fresh = read_stored(session_to_text(Session{}));
  EXPECT_TRUE(fresh.engine_state == EngineState{});
  Session written;
  written.engine_state.written = true;
  const nlohmann::json whole = session_to_json(written)["engine_state"];
  EXPECT_EQ(whole.size(), 13u) << whole.dump();  // all but those written only when set
  EXPECT_EQ(session_to_text(read_stored(session_to_text(written))), session_to_text(written));
  // One member set is enough to write it whole.
  Session one;
  one.engine_state.questions = 1;
  EXPECT_EQ(session_to_json(one)["engine_state"].size(), 13u);
}

// Members written only when set stay so: kept words without their time (a session stored
// before the time was kept) keep no time, and earlier words or a time without words are
// not written.
TEST(SessionState, MembersWrittenOnlyWhenSetStaySo) {
  Session s;
  s.engine_state.started = true;
  s.engine_state.earlier_words = "alone";
  s.engine_state.previous_at = 1700000000;
  nlohmann::json state = session_to_json(s)["engine_state"];
  EXPECT_FALSE(state.contains("earlier_words"));
  EXPECT_FALSE(state.contains("previous_at"));
  EXPECT_FALSE(state.contains("previous_words"));
  EXPECT_FALSE(state.contains("hedges_mean_no"));
  s.engine_state.previous_words = "my chest";
  s.engine_state.previous_at.reset();
  state = session_to_json(s)["engine_state"];
  EXPECT_EQ(state["previous_words"], "my chest");
  EXPECT_EQ(state["earlier_words"], "alone");
  EXPECT_FALSE(state.contains("previous_at"));
}

// Members of another type read as their defaults (never thrown: a damaged row must not
// stop the process), and the session still reads.
TEST(SessionState, MembersOfAnotherTypeReadAsTheirDefaults) {
  const Session s = read_stored(
      R"({"engine_state":{"asked":[1,"q_age",null],"findings":{"one_leg":"yes","both_legs":false},)"
      R"("pending":7,"previous_at":"yesterday","questions":2.5,"said":[],"started":"true"},)"
      R"("schema_version":1,"status":"active"})");
  EngineState expected;
  expected.asked = {"q_age"};
  expected.findings = {{"both_legs", false}};
  expected.written = true;
  EXPECT_TRUE(s.engine_state == expected);
}

// session_to_text writes the state's text itself: every string, number and order must
// come out as nlohmann's dump of the tree writes it.
TEST(SessionState, TheTextIsTheTreesDumpForOddValues) {
  const std::vector<std::string> odd = {"",
                                        "plain",
                                        "quote \" and back\\slash",
                                        "tab\tnew\nline\x01\x1f",
                                        "caf\u00e9 \u2014 \U0001F600",
                                        "del\x7f",
                                        "/slash/ {braces} [brackets]"};
  for (const auto& text : odd) {
    Session s;
    s.engine_state = full_state();
    s.engine_state.asked = {text, "q_age"};
    s.engine_state.findings = {{text, true}, {text + "~", false}};
    s.engine_state.said = {{text, text}};
    s.engine_state.pending = s.engine_state.pending_for = s.engine_state.language = text;
    s.engine_state.previous_words = text.empty() ? "x" : text;
    s.engine_state.earlier_words = s.engine_state.notes.emplace_back(text);
    s.engine_state.unsure_screens = {text, text};
    EXPECT_EQ(session_to_text(s), session_to_json(s).dump()) << text;
  }
  // Numbers at their ends, and lists out of id order or with an id twice.
  Session s;
  s.engine_state = full_state();
  s.engine_state.questions = -2147483647 - 1;
  s.engine_state.started_at = -1;
  s.engine_state.previous_at = 9223372036854775807;
  s.engine_state.said = {{"b", "2"}, {"a", "1"}, {"a", "3"}};
  s.engine_state.findings = {{"z", true}, {"a", false}, {"z", false}};
  EXPECT_EQ(session_to_text(s), session_to_json(s).dump());
}

// session_to_text writes the state without building the session's tree; it must be the
// tree's dump for every state an interview passes through.
TEST(SessionState, TheTextIsTheTreesDumpAlongAWholeInterview) {
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  const EngineOptions options = server_options("999");
  Turn t = step(builtin(), options, Session{},
                Input::typed("my left leg has gone numb and I'm not sure since when"), at);
  int states = 0;
  for (int i = 0; i < 40; ++i) {
    ++states;
    EXPECT_EQ(session_to_text(t.next), session_to_json(t.next).dump());
    // And it reads back into the same state (said in id order, as stored).
    const Session back = read_stored(session_to_text(t.next));
    EXPECT_EQ(session_to_text(back), session_to_text(t.next));
    if (t.next.status == SessionStatus::completed) break;
    const Reply* q = nullptr;
    for (const auto& r : t.replies)
      if (!r.choices.empty()) q = &r;
    ASSERT_TRUE(q);
    // Alternate a typed hedge and a button, so re-asks and kept words appear too.
    t = i % 3 == 1 ? step(builtin(), options, t.next, Input::typed("not that I've noticed"), at)
                   : step(builtin(), options, t.next, Input::pressed(q->choices.back().id), at);
  }
  EXPECT_GT(states, 5);
  EXPECT_EQ(t.next.status, SessionStatus::completed);
}

// session_from_text reads a stored text straight into the typed state; it must give what
// read_json and session_from_json give, error for error.
void expect_same_read(const std::string& text) {
  auto direct = session_from_text(text);
  auto tree = read_json(text);
  if (!tree) {
    ASSERT_FALSE(direct) << text;
    EXPECT_EQ(direct.error().message, "session: not JSON");
    return;
  }
  auto via_tree = session_from_json(std::move(*tree));
  ASSERT_EQ(bool(direct), bool(via_tree)) << text;
  if (!via_tree) {
    EXPECT_EQ(direct.error().code, via_tree.error().code) << text;
    EXPECT_EQ(direct.error().message, via_tree.error().message) << text;
    return;
  }
  EXPECT_TRUE(direct->engine_state == via_tree->engine_state) << text;
  EXPECT_EQ(session_to_text(*direct), session_to_text(*via_tree)) << text;
}

TEST(SessionState, ATextIsReadStraightAsThroughItsTree) {
  const std::string rest = R"(,"schema_version":1,"status":"active"})";
  const std::vector<std::string> texts = {
      kFullStored,
      session_to_text(Session{}),
      // Repeated members (the last wins), inside the state and out, odd types, numbers
      // at their ends, unknown members.
      R"({"engine_state":{"pending":"a","pending":7,"asked":["x"],"asked":["y",1],)"
      R"("findings":{"b":true,"a":false,"b":"no","c":true,"a":true},)"
      R"("said":{"z":"1","y":2,"z":"3"},"questions":4294967297,"started_at":-5,)"
      R"("previous_at":18446744073709551615,"previous_words":"w","x":{}})" +
          rest,
      R"({"engine_state":{"turns":3})" + rest,
      // Found by stored_session_fuzzer: a known member of another type alone still makes
      // the state one that was written.
      R"({"engine_state":{"stasted":true,"findings":[":1,saddle"],"questIons":6})" + rest,
      R"({"engine_state":{"said":"x"})" + rest,
      R"({"engine_state":{"questions":1.5,"started":1,"notes":"n"})" + rest,
      R"({"schema_version":1,"schema_version":2,"status":"active"})",
      R"({"schema_version":2,"schema_version":1,"status":"completed","triage":"urgent",)"
      R"("red_flags":["a","b"]})",
      R"({"schema_version":18446744073709551615,"status":"active"})",
      R"({"schema_version":1.0,"status":"active"})",
      R"({"schema_version":1,"status":"done"})",
      R"({"schema_version":1,"status":"active","triage":"later"})",
      R"({"schema_version":1,"status":"active","triage":null,"red_flags":[1]})",
      R"({"schema_version":1,"status":"active","red_flags":{}})",
      R"({"schema_version":1,"status":"active","engine_state":[]})",
      R"({"schema_version":1})",
      R"([1,2])",
      R"({"schema_version":1,"status":"active")",
      "{\"schema_version\":1,\"status\":\"\xff\"}",
  };
  for (const auto& text : texts) expect_same_read(text);
  // Every state of an interview, as stored.
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  Turn t = step(builtin(), server_options("999"), Session{},
                Input::typed("my left leg is numb, I'm 45, for a week"), at);
  for (int i = 0; i < 30 && t.next.status == SessionStatus::active; ++i) {
    expect_same_read(session_to_text(t.next));
    const Reply* q = nullptr;
    for (const auto& r : t.replies)
      if (!r.choices.empty()) q = &r;
    if (!q) break;
    t = step(builtin(), server_options("999"), t.next, Input::pressed(q->choices[0].id), at);
  }
  expect_same_read(session_to_text(t.next));
}

}  // namespace
}  // namespace triagebot::dialogs::testing::session_state_test
