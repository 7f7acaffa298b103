// Internal to storage/: the fence around SQLiteCpp's exceptions (STYLE.md §4). Every
// public storage function runs its body through guarded(), which turns an
// SQLite::Exception into Error{ErrorCode::storage, "<what>: <sqlite message>"}. SQLite's messages
// name tables and constraints, never row contents, so they are safe to log.
#pragma once

#include <SQLiteCpp/Exception.h>

#include <string>
#include <string_view>

#include "dialogs/result.h"

namespace triagebot::storage {

inline Error storage_error(std::string_view what, const std::exception& e) {
  return make_error(ErrorCode::storage, std::string(what) + ": " + e.what());
}

template <class Body>
auto guarded(const char* what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    return storage_error(what, e);
  }
}

}  // namespace triagebot::storage
