// The knowledge base: questions, causes, red flags, triage texts, phrases and sources,
// loaded from JSON and fully validated once at start (DESIGN.md). Immutable after load.
// OWNED BY THE DIALOGS WORK: the loading functions below are the contract the shell uses.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::dialogs {

struct KnowledgeData;  // the parsed, validated tables (defined by the engine)

class Knowledge {
 public:
  explicit Knowledge(std::shared_ptr<const KnowledgeData> data) : data_(std::move(data)) {}
  const KnowledgeData& data() const { return *data_; }

 private:
  std::shared_ptr<const KnowledgeData> data_;
};

// The knowledge base compiled into the binary (dialogs/knowledge/leg_numbness.json).
std::string_view builtin_knowledge_json();

// Parses and validates; a broken file is an Error whose message names the place
// (e.g. "questions[3].choices[1]: unknown finding 'foo'").
Result<Knowledge> load_knowledge(std::string_view json_text);

}  // namespace triagebot::dialogs
