// The stored-session decoder: the `session` column as the storage writer reads it back
// (JSON text → read_json → session_from_json, which reads the engine's private state into
// its typed form), then one engine step on it. A damaged row must be an Error (the writer
// answers corrupt_session), never a crash. Input: the column's text.
//
// Differential on the way: read_json (simdjson) must give nlohmann's tree, type for type,
// whenever it reads a text, and refuse what nlohmann refuses; session_to_text must write
// session_to_json's dump byte for byte, and that text must read back into a session that
// writes it again; session_from_text must read a text as read_json and session_from_json
// do, error for error.
#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "dialogs/engine.h"
#include "dialogs/json_reader.h"
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

// Equal as trees and as types (nlohmann's == calls 2u and 2 equal).
bool same_tree(const nlohmann::json& a, const nlohmann::json& b) {
  // "-0" is the one integer whose sign read_json cannot see (json_reader.h): 0 either way.
  if (a.is_number_integer() && b.is_number_integer() && a == 0 && b == 0) return true;
  if (a.type() != b.type() || a.size() != b.size()) return false;
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key()) || !same_tree(it.value(), b.at(it.key()))) return false;
    }
    return true;
  }
  if (a.is_array()) {
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same_tree(a[i], b[i])) return false;
    }
    return true;
  }
  return a.dump() == b.dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = triagebot::fuzz::as_text(data, size);
  auto read = dialogs::read_json(text);
  // session_from_text reads straight what read_json then session_from_json read.
  const auto direct = dialogs::session_from_text(text);
  if (!read && direct) __builtin_trap();
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded() && read) __builtin_trap();  // read what nlohmann refuses
  // (nlohmann reading what read_json refuses is the documented case of numbers no
  // 64-bit type holds.)
  if (!read) return 0;
  if (!same_tree(*read, parsed)) __builtin_trap();
  auto session = dialogs::session_from_json(std::move(*read));
  if (bool(direct) != bool(session)) __builtin_trap();
  if (!session) {
    if (direct.error().message != session.error().message) __builtin_trap();
    return 0;
  }
  if (!(direct->engine_state == session->engine_state) ||
      dialogs::session_to_text(*direct) != dialogs::session_to_text(*session)) {
    __builtin_trap();
  }
  const std::string stored = dialogs::session_to_text(*session);
  if (stored != dialogs::session_to_json(*session).dump()) __builtin_trap();
  // The typed engine state keeps what it read: written and read again, it is written the
  // same (members it does not know were dropped on the first read).
  auto again = dialogs::session_from_json(nlohmann::json::parse(stored));
  if (!again || dialogs::session_to_text(*again) != stored) __builtin_trap();
  const auto now = std::chrono::system_clock::time_point(
      std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds));
  // A typed answer and a button press: the two ways a stored session is resumed.
  auto typed = dialogs::step(knowledge(), {}, *session, dialogs::Input::typed("yes"), now);
  (void)dialogs::session_to_json(typed.next);
  (void)dialogs::step(knowledge(), {}, *session, dialogs::Input::pressed("yes"), now);
  return 0;
}
