// The stored-session decoder: the `session` column as the storage writer reads it back
// (JSON text → session_from_json), then one engine step on it, which decodes the
// engine's private state. A damaged row must be an Error (the writer answers
// corrupt_session), never a crash. Input: the column's text.
#include <chrono>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "dialogs/knowledge.h"
#include "dialogs/session.h"
#include "fuzz/fuzz_input.h"

namespace dialogs = triagebot::dialogs;

namespace {

const dialogs::Knowledge& knowledge() {
  static const dialogs::Knowledge loaded = [] {
    auto result = dialogs::load_knowledge(dialogs::builtin_knowledge_json());
    if (!result) __builtin_trap();
    return std::move(*result);
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = triagebot::fuzz::as_text(data, size);
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return 0;
  auto session = dialogs::session_from_json(json);
  if (!session) return 0;
  const auto now = std::chrono::system_clock::time_point(
      std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds));
  // A typed answer and a button press: the two ways a stored session is resumed.
  auto typed = dialogs::step(knowledge(), {}, *session, dialogs::Input::typed("yes"), now);
  (void)dialogs::session_to_json(typed.next);
  (void)dialogs::step(knowledge(), {}, *session, dialogs::Input::pressed("yes"), now);
  return 0;
}
