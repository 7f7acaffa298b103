// Result<T>: a value or an Error, for failures that are part of normal operation
// (bad input, a full queue, a broken knowledge file). Exceptions are left for bugs
// (STYLE.md §4). Member names follow std::expected so it can be swapped in later.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json_fwd.hpp>

namespace triagebot {

// Why an operation failed, as a closed set a caller can switch on (LevelDB's Status
// codes, not words compared as strings). Each code has one stable word, to_string(),
// which becomes the JSON "error" field at the HTTP boundary and the "code" of log lines:
// those words are part of the outside contract (API.md) and never change.
enum class ErrorCode {
  // The request or input
  bad_request,   // unreadable or out-of-range input: HTTP 400
  unauthorized,  // a missing or wrong secret: HTTP 401
  not_found,     // HTTP 404
  conflict,      // HTTP 409
  overloaded,    // a full queue: HTTP 503 with Retry-After
  closed,        // the server is shutting down
  cancelled,     // the caller gave up
  usage,         // a command line that cannot be run
  // Configuration and start-up
  bad_config,
  bad_url,
  bad_address,
  listen_failed,
  already_started,
  database_in_use,  // another long-running triagebot holds the database's lock
  // Knowledge and reading
  bad_knowledge,
  bad_phrase,
  dictionary_missing,
  dictionary_unreadable,
  // Stored state
  storage,
  bad_row,
  bad_session,
  corrupt_session,
  unsupported_session_version,
  schema_mismatch,
  schema_too_new,
  // Talking to a platform
  connection,
  timeout,             // no answer in time
  response_too_large,  // an answer over the client's cap
  message_too_large,   // a WebSocket message over the client's cap
  handshake,           // a WebSocket upgrade refused
  tls,
  bad_response,
  api_error,
  blocked,      // the person blocked the bot
  unreachable,  // a health check's target did not answer
  internal,     // a bug: the message says where
};

// The code's stable word ("bad_request").
std::string_view to_string(ErrorCode code);
std::ostream& operator<<(std::ostream& out, ErrorCode code);
// So that a log line or JSON answer can carry {"code", error.code} as its word.
void to_json(nlohmann::json& json, ErrorCode code);

// `message` is for humans and must never carry message text or secrets.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace triagebot
