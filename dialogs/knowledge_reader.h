// Internal to the knowledge loader: typed reads from the knowledge JSON that fail with
// the place named ("causes[3].prior: probability out of range [0, 1]"). A failure is
// thrown as Failure and turned into a Result by load_knowledge(), the only caller.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dialogs/reply.h"
#include "dialogs/text_match.h"

namespace triagebot::dialogs {
struct KnowledgeData;
}

namespace triagebot::dialogs::knowledge_reader {

struct Failure {
  std::string message;
};

[[noreturn]] void fail(const std::string& where, const std::string& what);
const nlohmann::json& member(const nlohmann::json& obj, const std::string& where, const char* key);
std::string str(const nlohmann::json& obj, const std::string& where, const char* key,
                bool required = true);
double number(const nlohmann::json& obj, const std::string& where, const char* key);
double probability(const nlohmann::json& v, const std::string& where);
const nlohmann::json& array(const nlohmann::json& obj, const std::string& where, const char* key,
                            bool required = true);
Triage triage_of(const nlohmann::json& v, const std::string& where);
std::vector<Phrase> phrases(const nlohmann::json& obj, const std::string& where, const char* key);
WordSet word_set(const nlohmann::json& lex, const char* key);
void build_vocabulary(KnowledgeData& knowledge);
void build_phrase_index(KnowledgeData& knowledge);

}  // namespace triagebot::dialogs::knowledge_reader
