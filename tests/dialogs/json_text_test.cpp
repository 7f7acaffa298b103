// The JSON written straight into text (dialogs/json_text.h, dialogs::append_json) is
// byte for byte what nlohmann's dump() writes for the same values, or fails as it fails:
// the stored session, the transcript rows and the outbox payloads are written that way,
// and the review, the dispatcher and the replay read them back with nlohmann.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/json_text.h"
#include "dialogs/reply.h"
#include "dialogs/session.h"
#include "tests/dialogs/step_record.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs {
namespace json_text_test {
namespace {

using nlohmann::json;

// What nlohmann writes for `text`, or "(throws)" when its strict UTF-8 check refuses it.
std::string nlohmann_text(const std::string& text) {
  try {
    return json(text).dump();
  } catch (const json::exception&) {
    return "(throws)";
  }
}

std::string hex(const std::string& text) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += digits[c >> 4];
    out += digits[c & 15];
    out += ' ';
  }
  return out;
}

std::string our_text(const std::string& text) {
  try {
    std::string out;
    append_json_string(out, text);
    return out;
  } catch (const json::exception&) {
    return "(throws)";
  }
}

TEST(JsonText, StringsAreWrittenAsNlohmannWritesThem) {
  const std::vector<std::string> cases = {
      "",
      "plain words",
      "a \"quoted\" word and a back\\slash",
      "\\\"",
      "ends with a quote\"",
      "line\nbreak, tab\t, return\r, bell\x07, nul in the middle",
      std::string("nul\0inside", 10),
      "delete \x7f stays",
      "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x9a\xa8 emergency",                       // é — 🚨
      "\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",  // the edges
      "\xc0\x80",          // an overlong NUL
      "\xc1\xbf",          // an overlong
      "\xe0\x9f\xbf",      // an overlong three-byte form
      "\xed\xa0\x80",      // a surrogate
      "\xf4\x90\x80\x80",  // past U+10FFFF
      "\xf5\x80\x80\x80",  // no such lead byte
      "\x80",              // a lone continuation byte
      "\xe2\x80",          // cut short
      "ok \xf0\x9f\x9a",   // cut short at the end
      "\xc3\xa9\"\\",      // UTF-8 then escapes
  };
  for (const auto& text : cases) EXPECT_EQ(our_text(text), nlohmann_text(text)) << hex(text);
}

// Each byte below 0x20, alone, between letters and in a run, escaped as nlohmann escapes
// it (short forms for \b \t \n \f \r, \u00xx for the rest): written here, not handed
// to nlohmann, since a reply's line breaks made most replies take that path.
TEST(JsonText, EveryControlCharacterIsEscapedAsNlohmannDoes) {
  for (int c = 0; c < 0x20; ++c) {
    const std::string byte(1, static_cast<char>(c));
    for (const std::string& text : {byte, "ab" + byte + "cd", byte + byte + "plain text" + byte}) {
      EXPECT_EQ(our_text(text), nlohmann_text(text)) << hex(text);
    }
  }
}

// Random strings over the bytes that matter (quotes, escapes, controls, DEL, every kind of
// lead and continuation byte), so every path of the UTF-8 check meets nlohmann's decoder.
TEST(JsonText, RandomStringsAreWrittenOrRefusedAsNlohmannDoes) {
  const std::vector<unsigned char> alphabet = {'a',  ' ',  '"',  '\\', '\n', 0x01, 0x1f, 0x7f, 0x80,
                                               0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf,
                                               0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff};
  std::mt19937 random(20261205);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1), length(0, 8);
  int written = 0, refused = 0;
  for (int i = 0; i < 50000; ++i) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += static_cast<char>(alphabet[pick(random)]);
    const std::string expected = nlohmann_text(text);
    ASSERT_EQ(our_text(text), expected) << "case " << i << ": " << hex(text);
    ++(expected == "(throws)" ? refused : written);
  }
  // Both outcomes were exercised, many times over.
  EXPECT_GT(written, 5000);
  EXPECT_GT(refused, 5000);
}

// Longer strings, mostly plain ASCII with a special byte here and there at every offset,
// so that the 8-bytes-at-a-time scan meets each kind of byte in each position of a word.
TEST(JsonText, LongMostlyPlainStringsAreWrittenAsNlohmannWritesThem) {
  const std::vector<std::string> specials = {"\"",       "\\",           "\n",
                                             "\x01",     "\x1f",         "\x7f",
                                             "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x9a\xa8",
                                             "\xc3",     "\xed\xa0\x80", "\xff",
                                             " "};
  std::mt19937 random(5122026);
  std::uniform_int_distribution<std::size_t> length(0, 40), pick(0, specials.size() - 1),
      letter(0, 25), how_many(0, 2);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += static_cast<char>('a' + letter(random));
    for (std::size_t k = how_many(random); k > 0; --k) {
      std::uniform_int_distribution<std::size_t> where(0, text.size());
      text.insert(where(random), specials[pick(random)]);
    }
    ASSERT_EQ(our_text(text), nlohmann_text(text)) << "case " << i << ": " << hex(text);
  }
}

TEST(JsonText, NumbersAreWrittenAsNlohmannWritesThem) {
  for (double value : {0.0, 1.0, 0.1, 0.25, 1.0 / 3.0, 1e-7, 0.9999999999, 12345.5}) {
    std::string out;
    append_json_number(out, value);
    EXPECT_EQ(out, json(value).dump());
  }
}

Reply full_reply() {
  Assessment a;
  a.triage = Triage::urgent;
  a.causes.push_back({"sciatica", "Sciatica", 0.4, {"\"shooting pain\"", "worse when I cough"}});
  a.causes.push_back({"cauda_equina",
                      "Cauda equina \xe2\x80\x94 pressure",
                      1.0 / 3.0,
                      {},
                      "to_rule_out",
                      "must be ruled out"});
  a.red_flags = {"saddle_anaesthesia"};
  return Reply{"Your answers suggest \"sciatica\".\nSee a doctor.",
               {{"yes", "Yes"}, {"no", "No \xf0\x9f\x99\x82"}},
               a};
}

TEST(JsonText, RepliesAreWrittenAsTheirTreesDump) {
  const Reply full = full_reply();
  const std::vector<Reply> replies = {
      Reply{"Just text", {}, std::nullopt},
      Reply{"", {}, std::nullopt},
      Reply{"A question?", {{"yes", "Yes"}, {"no", "No"}, {"unsure", "Not sure"}}, std::nullopt},
      Reply{"An assessment without buttons", {}, full.assessment},
      full,
      Reply{"Empty assessment", {}, Assessment{}},
  };
  for (const auto& reply : replies) {
    std::string out;
    append_json(out, reply);
    EXPECT_EQ(out, json(reply).dump());
    std::string choices;
    append_json(choices, reply.choices);
    EXPECT_EQ(choices, json(reply.choices).dump());
  }
  std::string out;
  append_json(out, *full.assessment);
  EXPECT_EQ(out, json(*full.assessment).dump());
}

TEST(JsonText, ARegressionInAReplyIsSeen) {
  // The comparison above can fail: a reply whose text nlohmann escapes differently is
  // told apart by it (a control character must become \u0001, never a raw byte).
  std::string out;
  append_json(out, Reply{"bell\x01", {}, std::nullopt});
  EXPECT_EQ(out, R"({"text":"bell\u0001"})");
}

// Every reply the interview gives on the clinical sets (the steps the golden test hashes),
// and every session a step leaves, written both ways and read back as stored.
TEST(JsonText, EveryReplyAndSessionOfTheClinicalSetsIsWrittenAsItsTreeDumps) {
  std::size_t replies = 0, assessments = 0, sessions = 0;
  const std::size_t every = triagebot::testing::whole_set_stride();
  testing::play_steps(
      [&](const std::string& where, const Input&, const Turn& turn) {
        for (const auto& reply : turn.replies) {
          std::string out;
          append_json(out, reply);
          ASSERT_EQ(out, json(reply).dump()) << where;
          // What storage keeps reads back as the same reply.
          auto read_back = reply_from_json(json::parse(out));
          ASSERT_TRUE(read_back.has_value()) << where;
          ASSERT_EQ(json(*read_back).dump(), out) << where;
          ++replies;
          if (reply.assessment) ++assessments;
        }
        // The session the step left, written as storage writes it and read back.
        const std::string stored = session_to_text(turn.next);
        ASSERT_EQ(stored, session_to_json(turn.next).dump()) << where;
        auto next = session_from_json(json::parse(stored));
        ASSERT_TRUE(next.has_value()) << where;
        ASSERT_EQ(session_to_text(*next), stored) << where;
        ++sessions;
      },
      every);
  EXPECT_GT(sessions, 3000u / every);
  EXPECT_GT(replies, 4000u / every);
  EXPECT_GT(assessments, 400u / every);
}

}  // namespace
}  // namespace json_text_test
}  // namespace triagebot::dialogs
