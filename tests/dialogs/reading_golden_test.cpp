// The reader and the safety screen give exactly the readings they gave before the fast
// reader (issue 13): every message of the clinical dev sets (and the extra sets) is read
// as an opening message and as an answer to each question it answers, and screened for
// safety, and the result must equal the line recorded in
// tests/dialogs/data/readings-golden.jsonl, which the brute-force reader (every phrase
// tried at every word) wrote. A faster matcher that skips a phrase the old one matched
// changes a line here.
//
// When the reader is meant to read differently, write the file again with
// TRIAGEBOT_RECORD_READINGS=<path> and review its diff like code.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/knowledge_data.h"
#include "dialogs/parser.h"
#include "dialogs/safety_screen.h"
#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_knowledge.h"
#include "tests/dialogs/test_spelling.h"
#include "tests/support/checked_build.h"

namespace triagebot::dialogs {
namespace reading_golden_test {
namespace {

using nlohmann::json;

std::string data_file(const char* name) {
  return std::string(TRIAGEBOT_SOURCE_DIR) + "/tests/dialogs/data/" + name;
}

std::vector<json> lines_of(const char* name) { return testing::read_vignettes(data_file(name)); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Case {
  std::string text;
  std::string question;  // "" = read as an opening message
};

// Every message of the sets, with the questions it is an answer to: an answers file's
// line to its question; a vignette fact's words to every question the simulated patient
// would give them to (its text contains one of the fact's match strings).
std::vector<Case> cases(const KnowledgeData& k) {
  std::vector<Case> out;
  std::set<std::pair<std::string, std::string>> seen;
  auto add = [&](const std::string& text, const std::string& question) {
    if (seen.insert({text, question}).second) out.push_back({text, question});
  };
  std::vector<std::string> question_texts;
  for (const auto& q : k.questions) question_texts.push_back(lower(q.text));
  for (const char* file : {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl",
                           "vignettes-extra.jsonl", "vignettes-extra-hard.jsonl"}) {
    for (const auto& v : lines_of(file)) {
      add(v["opening"].get<std::string>(), "");
      for (const auto& fact : v["facts"]) {
        const std::string say = fact["say"].get<std::string>();
        add(say, "");
        const auto matches = fact["match"].get<std::vector<std::string>>();
        for (size_t i = 0; i < k.questions.size(); ++i) {
          const auto& q = k.questions[i];
          const std::string& text = question_texts[i];
          for (const auto& m : matches) {
            if (text.find(m) != std::string::npos) {
              add(say, q.id);
              break;
            }
          }
        }
      }
    }
  }
  for (const char* file : {"answers-dev.jsonl", "answers-extra.jsonl"}) {
    for (const auto& row : lines_of(file)) {
      add(row["answer"].get<std::string>(), row["question_id"].get<std::string>());
      add(row["answer"].get<std::string>(), "");
    }
  }
  for (const char* file : {"safety-utterances-dev.jsonl", "safety-utterances-extra.jsonl"}) {
    for (const auto& row : lines_of(file)) add(row["text"].get<std::string>(), "");
  }
  return out;
}

json reading_json(const KnowledgeData& k, const Reading& r) {
  json findings = json::object(), evidence = json::object(), flags = json::array();
  for (const auto& [f, value] : r.findings) findings[k.findings[f].id] = value;
  for (const auto& [f, words] : r.evidence) evidence[k.findings[f].id] = words;
  for (int f : r.red_flags) flags.push_back(k.red_flags[f].id);
  return json{{"findings", findings},
              {"evidence", evidence},
              {"red_flags", flags},
              {"age", r.age_years ? json(*r.age_years) : json()},
              {"duration", r.duration_days ? json(*r.duration_days) : json()},
              {"answer", static_cast<int>(r.answer)},
              {"choice", r.choice}};
}

json line_for(const KnowledgeData& k, const Case& c) {
  const SpellChecker* spelling = &testing::spelling();
  const QuestionDef* q = c.question.empty() ? nullptr : k.question(c.question);
  json line{{"text", c.text}, {"question", c.question}};
  line["reading"] = reading_json(k, read_message(k, c.text, q, spelling));
  if (c.question.empty()) {
    json safety = json::array();
    for (auto category : screen_for_safety(c.text, spelling))
      safety.push_back(std::string(to_string(category)));
    line["safety"] = safety;
    auto language = safety_language(c.text, spelling);
    line["safety_language"] = language ? json(*language) : json();
  }
  return line;
}

TEST(ReadingGolden, EveryDevMessageReadAsRecorded) {
  const KnowledgeData& k = testing::builtin().data();
  const auto all = cases(k);
  ASSERT_GT(all.size(), 1000u);
  if (const char* record = std::getenv("TRIAGEBOT_RECORD_READINGS"); record && *record) {
    std::ofstream out(record);
    for (const auto& c : all) out << line_for(k, c).dump() << "\n";
    std::printf("recorded %zu readings in %s\n", all.size(), record);
    return;
  }
  // Kept as text and compared as text: each line was written by dump(), whose output is
  // the same for the same tree (objects keep their keys sorted), and parsing every
  // recorded line back at the test code's -O0 was a third of this test's time.
  std::vector<std::string> golden;
  {
    std::ifstream in(data_file("readings-golden.jsonl"));
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) golden.push_back(std::move(line));
  }
  ASSERT_EQ(golden.size(), all.size()) << "the dev sets changed: record the file again";
  int differ = 0;
  const std::size_t every = triagebot::testing::whole_set_stride();
  for (size_t i = 0; i < all.size(); i += every) {
    json now = line_for(k, all[i]);
    if (now.dump() == golden[i]) continue;
    if (++differ <= 10)
      ADD_FAILURE() << "read differently now:\n  was " << golden[i] << "\n  now " << now.dump();
  }
  EXPECT_EQ(differ, 0) << "of " << all.size() << " readings";
  std::printf("%zu readings (every %zu. read), %d differ from the record\n", all.size(), every,
              differ);
}

}  // namespace
}  // namespace reading_golden_test
}  // namespace triagebot::dialogs
