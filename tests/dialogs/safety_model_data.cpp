#include "tests/dialogs/safety_model_data.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "dialogs/safety_screen.h"
#include "tests/dialogs/simulated_patient.h"
#include "tests/dialogs/test_spelling.h"

namespace triagebot::dialogs::testing {
namespace {

std::vector<nlohmann::json> lines_of(const char* name) {
  std::ifstream in(vignette_data_file(name));
  EXPECT_TRUE(in) << name;
  std::vector<nlohmann::json> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::vector<nlohmann::json> crisis_set() {
  auto out = lines_of("safety-utterances-dev.jsonl");
  for (auto& line : lines_of("safety-utterances-extra.jsonl")) out.push_back(std::move(line));
  return out;
}

safety::LabelledMessage labelled(const nlohmann::json& line) {
  safety::LabelledMessage out{line["text"], std::nullopt};
  if (line["category"] != "none")
    out.category = safety_category_from_string(line["category"].get<std::string>());
  return out;
}

bool noted(const nlohmann::json& line, const std::string& prefix) {
  return !prefix.empty() && line.value("note", "").rfind(prefix, 0) == 0;
}

}  // namespace

std::vector<std::string> ordinary_messages() {
  std::vector<std::string> all;
  for (const char* name : {"vignettes-dev.jsonl", "vignettes-dev-hard.jsonl",
                           "vignettes-extra.jsonl", "vignettes-extra-hard.jsonl"}) {
    for (const auto& vignette : lines_of(name)) {
      all.push_back(vignette["opening"]);
      for (const auto& fact : vignette["facts"]) all.push_back(fact["say"]);
    }
  }
  for (const char* name : {"answers-dev.jsonl", "answers-extra.jsonl", "answers-open.jsonl"})
    for (const auto& line : lines_of(name)) all.push_back(line["answer"]);
  for (const auto& line : lines_of("openings-extra.jsonl")) all.push_back(line["opening"]);
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (auto& text : all) {
    if (!seen.insert(text).second) continue;
    const auto clauses = safety::clauses_of(text);
    if (screen_by_rules(index_clauses(clauses, &spelling()), &spelling()).empty())
      out.push_back(std::move(text));
  }
  return out;
}

std::vector<safety::LabelledMessage> crisis_lines(const std::string& held_out) {
  std::vector<safety::LabelledMessage> out;
  for (const auto& line : crisis_set())
    if (!noted(line, held_out)) out.push_back(labelled(line));
  return out;
}

std::vector<safety::LabelledMessage> crisis_lines_noted(const std::string& prefix) {
  std::vector<safety::LabelledMessage> out;
  for (const auto& line : crisis_set())
    if (noted(line, prefix)) out.push_back(labelled(line));
  return out;
}

std::vector<safety::LabelledMessage> safety_training_messages(const std::string& held_out) {
  auto out = crisis_lines(held_out);
  for (auto& text : ordinary_messages()) out.push_back({std::move(text), std::nullopt});
  return out;
}

}  // namespace triagebot::dialogs::testing
