// read_json must give the tree nlohmann::json::parse gives, type for type (a non-negative
// integer unsigned, a later duplicate key winning), refuse what nlohmann refuses, and keep
// exactly the members a reader names.
#include "dialogs/json_reader.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace triagebot::dialogs {
namespace json_reader_test {
namespace {

using nlohmann::json;

// Equal as trees and as types: nlohmann's == calls 2u and 2 equal.
::testing::AssertionResult same_tree(const json& a, const json& b) {
  if (a.type() != b.type()) {
    return ::testing::AssertionFailure() << a.dump() << " has type " << static_cast<int>(a.type())
                                         << ", " << b.dump() << " " << static_cast<int>(b.type());
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return ::testing::AssertionFailure() << a.dump() << " / " << b.dump();
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return ::testing::AssertionFailure() << "no " << it.key();
      if (auto same = same_tree(it.value(), b.at(it.key())); !same) return same;
    }
    return ::testing::AssertionSuccess();
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return ::testing::AssertionFailure() << a.dump() << " / " << b.dump();
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (auto same = same_tree(a[i], b[i]); !same) return same;
    }
    return ::testing::AssertionSuccess();
  }
  if (a.dump() != b.dump()) return ::testing::AssertionFailure() << a.dump() << " / " << b.dump();
  return ::testing::AssertionSuccess();
}

std::vector<std::string> corpus() {
  std::vector<std::string> texts = {
      R"({})",
      R"([])",
      R"("just a string")",
      R"(0)",
      R"(-7)",
      R"(18446744073709551615)",
      R"(-9223372036854775808)",
      R"(1.5e3)",
      R"(0.1)",
      R"(-2.5E-7)",
      R"([true, false, null, 1, -1, 1.25, "x", {"a": [[]]}])",
      R"({"b": 1, "a": 2, "b": 3})",
      R"({"text": "caf\u00e9 \ud83d\ude00 \"quoted\" \\ / \b\f\n\r\t \u0000"})",
      "{\"raw\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\"}",
      "  \n\t{\"spaced\" : [ 1 , 2 ] }  \n",
  };
  const std::filesystem::path root(TRIAGEBOT_SOURCE_DIR);
  for (const auto& folder :
       {root / "tests/adapters/slack/data", root / "tests/adapters/telegram/fixtures",
        root / "dialogs/knowledge"}) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      texts.push_back(text.str());
    }
  }
  return texts;
}

TEST(JsonReader, GivesNlohmannsTreeTypeForType) {
  const auto texts = corpus();
  ASSERT_GT(texts.size(), 25u) << "the fixtures were found";
  for (const auto& text : texts) {
    const json expected = json::parse(text);
    const auto read = read_json(text);
    ASSERT_TRUE(read) << text.substr(0, 200);
    EXPECT_TRUE(same_tree(*read, expected)) << text.substr(0, 200);
  }
}

// The one integer whose sign simdjson does not keep: the same value, written the same.
TEST(JsonReader, MinusZeroIsZero) {
  const auto read = read_json("[-0]");
  ASSERT_TRUE(read);
  EXPECT_EQ((*read)[0], 0);
  EXPECT_EQ(read->dump(), json::parse("[-0]").dump());
}

TEST(JsonReader, RefusesWhatIsNotJson) {
  for (const std::string text : {"",
                                 " ",
                                 "{",
                                 "}",
                                 "[1,]",
                                 "{\"a\":1,}",
                                 "{\"a\" 1}",
                                 "{'a': 1}",
                                 "nul",
                                 "tru",
                                 "01",
                                 "1.",
                                 ".5",
                                 "+1",
                                 "\"unterminated",
                                 "\"bad escape \\x\"",
                                 "\"\\ud800\"",
                                 "{} {}",
                                 "[1] x",
                                 "\"tab\tinside\"",
                                 "{\"a\":1}\x01",
                                 "\"\xff\xfe\"",
                                 "\"\xc3\"",
                                 "NaN",
                                 "[1e999999]",
                                 "18446744073709551616"}) {
    EXPECT_FALSE(read_json(text)) << text;
    // nlohmann refuses them too, but for the two numbers no 64-bit type holds.
    if (text != "[1e999999]" && text != "18446744073709551616") {
      EXPECT_TRUE(json::parse(text, nullptr, false).is_discarded()) << text;
    }
  }
}

TEST(JsonReader, KeepsOnlyTheNamedMembers) {
  constexpr std::string_view whole[] = {"type", "event_id", "list"};
  constexpr std::string_view part[] = {"text", "user"};
  const KeptMembers kept{whole, "event", part};
  const auto read = read_json(
      R"({"type":"event_callback","token":"t","event_id":"Ev1","list":[{"deep":{"x":1}}],)"
      R"("event":{"text":"hi","user":"U1","blocks":[{"type":"rich_text"}],"text":"later"},)"
      R"("authorizations":[{"is_bot":true}]})",
      kept);
  ASSERT_TRUE(read);
  EXPECT_TRUE(same_tree(*read, json::parse(R"({"type":"event_callback","event_id":"Ev1",)"
                                           R"("list":[{"deep":{"x":1}}],)"
                                           R"("event":{"text":"later","user":"U1"}})")));
  // The part member kept whole when it is not an object; anything else whole when the
  // text is not an object.
  EXPECT_TRUE(same_tree(*read_json(R"({"event":"text","other":1})", kept),
                        json::parse(R"({"event":"text"})")));
  EXPECT_TRUE(same_tree(*read_json(R"([{"other":1}])", kept), json::parse(R"([{"other":1}])")));
  EXPECT_FALSE(read_json(R"({"other": [1,}, "type": "x"})", kept)) << "skipped members are checked";
}

TEST(JsonReader, ReadsTextsBeyondTheReusedParsersSize) {
  std::string big = R"({"words":[)";
  for (int i = 0; i < 20000; ++i) big += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  big += "]}";
  ASSERT_GT(big.size(), 16u * 1024);
  const auto read = read_json(big);
  ASSERT_TRUE(read);
  EXPECT_TRUE(same_tree(*read, json::parse(big)));
  EXPECT_TRUE(read_json(R"({"small":true})")) << "and the reused parser still reads after it";
}

}  // namespace
}  // namespace json_reader_test
}  // namespace triagebot::dialogs
