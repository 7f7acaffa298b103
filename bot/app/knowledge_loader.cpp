#include "bot/app/knowledge_loader.h"

#include <fstream>
#include <sstream>

namespace triagebot::bot {

Result<dialogs::Knowledge> load_configured_knowledge(const Config& config) {
  if (!config.knowledge) {
    auto knowledge = dialogs::load_knowledge(dialogs::builtin_knowledge_json());
    if (!knowledge) {
      return make_error(ErrorCode::bad_knowledge,
                        "built-in knowledge base: " + knowledge.error().message);
    }
    return knowledge;
  }
  const std::string path = config.knowledge->string();
  std::ifstream file(*config.knowledge, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file.good() && !file.eof()) {
    return make_error(ErrorCode::bad_knowledge, "TRIAGEBOT_KNOWLEDGE: cannot read " + path);
  }
  auto knowledge = dialogs::load_knowledge(text.str());
  if (!knowledge) {
    return make_error(ErrorCode::bad_knowledge,
                      "TRIAGEBOT_KNOWLEDGE: " + path + ": " + knowledge.error().message);
  }
  return knowledge;
}

}  // namespace triagebot::bot
