// A session as storage reads it back after its stored engine state was edited: for tests
// of odd or older stored states (a member missing, or of another type), which must go
// through session_from_json as a stored row does, since the typed state cannot hold them.
#pragma once

#include <gtest/gtest.h>

#include <utility>

#include <nlohmann/json.hpp>

#include "dialogs/session.h"

namespace triagebot::dialogs::testing {

// `session` written as storage writes it, its "engine_state" object changed by `edit`,
// and read back. A session that does not read back fails the test and is a new one.
template <class Edit>
dialogs::Session with_stored_state(const dialogs::Session& session, Edit&& edit) {
  nlohmann::json stored = dialogs::session_to_json(session);
  std::forward<Edit>(edit)(stored["engine_state"]);
  auto read = dialogs::session_from_json(stored);
  EXPECT_TRUE(read) << read.error().message;
  return read ? std::move(*read) : dialogs::Session{};
}

// A new session whose stored engine state is `state`.
inline dialogs::Session with_stored_state(const nlohmann::json& state) {
  return with_stored_state(dialogs::Session{}, [&](nlohmann::json& s) { s = state; });
}

}  // namespace triagebot::dialogs::testing
