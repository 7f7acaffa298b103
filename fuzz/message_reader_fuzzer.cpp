// The free-text reader (dialogs::read_message) over the built-in knowledge base: what
// any person may type, with its "*word" corrections applied first as the engine does
// (dialogs/star_corrections.h). The first byte picks the pending question (none for an
// opening message), the rest is the text. Spelling correction is off (it lives in nlp/, behind
// an interface), so this exercises the reader's own tokenising and phrase matching.
#include <optional>

#include "dialogs/knowledge.h"
#include "dialogs/parser.h"
#include "dialogs/star_corrections.h"
#include "fuzz/fuzz_input.h"

namespace dialogs = triagebot::dialogs;

namespace {

const dialogs::Knowledge& knowledge() {
  static const dialogs::Knowledge loaded = [] {
    auto result = dialogs::load_knowledge(dialogs::builtin_knowledge_json());
    if (!result) __builtin_trap();  // the built-in base always loads (dialogs tests)
    return std::move(*result);
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& questions = knowledge().data().questions;
  const std::size_t pick = data[0] % (questions.size() + 1);
  const dialogs::QuestionDef* pending = pick < questions.size() ? &questions[pick] : nullptr;
  const std::string_view typed = triagebot::fuzz::as_text(data + 1, size - 1);
  const std::optional<std::string> corrected = dialogs::apply_star_corrections(typed);
  (void)dialogs::read_message(knowledge().data(), corrected ? *corrected : typed, pending, nullptr);
  return 0;
}
