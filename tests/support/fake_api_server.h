// FakeApiServer: a real HTTP/1.1 server (Boost.Beast) on 127.0.0.1, port 0, that plays
// a platform API (Telegram Bot API, Slack Web API) for tests. It records every request
// and answers from a script the test programs.
//
// Ownership and threads: the object owns one io_context and one thread, started by the
// constructor and stopped and joined by the destructor. Every public method is safe to
// call from any thread (state sits behind one mutex; network work is posted to the
// server's thread).
//
// How a request is answered, first match wins:
//  1. stall mode (set_stall(true)): the request is recorded and never answered; the
//     connection stays open until go_down() or destruction. Use it to test timeouts.
//  2. the one-shot queue (enqueue): the oldest queued answer whose path suffix matches
//     the request path (empty suffix = any path) is used once and removed.
//  3. defaults set with set_default(path suffix, answer), longest matching suffix wins.
//  4. built-in Telegram behaviour, chosen by path suffix:
//     - "/sendMessage": 200 {"ok":true,"result":{"message_id":<n>,"date":...,"chat":
//       {"id":<chat_id>},"text":<text>}} with message ids counting up from 1
//     - "/setWebhook", "/deleteWebhook": remember/forget the url, allowed_updates and
//       secret_token of the JSON body; "/getWebhookInfo" reports them with
//       pending_update_count
//     - "/getUpdates": hands out the updates queued with add_update(), honouring the JSON
//       body's "offset" (every update below it is confirmed and dropped, as Telegram
//       does), "limit" and "timeout" (with nothing to hand out, the request is held
//       open until an update arrives or the timeout passes, then answers
//       {"ok":true,"result":[]}). While a webhook is set it answers 409 "Conflict: can't
//       use getUpdates method while webhook is active..."; a second getUpdates arriving
//       while one is held makes the held one answer 409 "Conflict: terminated by other
//       getUpdates request...".
//  5. anything else: 200 {"ok":true,"result":true} (also Slack's Web API "ok" shape).
// Any answer may carry a delay (FakeAnswer::delay), to play a slow API.
//
// go_down() closes the listener and every open connection, so new connections are
// refused; come_up() listens again on the SAME port. Paths are recorded verbatim (they
// hold the test token; nothing here logs).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/http_types.h"

namespace triagebot::testing {

struct RecordedRequest {
  std::string method;
  std::string path;   // target without the query string
  std::string query;  // after '?', empty when none
  adapters::Headers headers;
  std::string body;
  std::chrono::steady_clock::time_point at;
  std::size_t connection = 0;  // 1-based number of the accepted connection that carried it

  // The body as JSON (discarded value when it is not JSON).
  nlohmann::json json() const;
};

struct FakeAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body = R"({"ok":true,"result":true})";
  // How long the server waits before answering (a slow platform API); the connection
  // stays open meanwhile and other connections are served.
  std::chrono::milliseconds delay{0};

  // Telegram's shapes, for brevity in tests.
  static FakeAnswer ok(nlohmann::json result = true);
  static FakeAnswer telegram_error(int status, std::string description,
                                   nlohmann::json parameters = nullptr);
  static FakeAnswer too_many_requests(int retry_after_seconds);  // 429 with retry_after
  static FakeAnswer server_error();                              // 500
  static FakeAnswer blocked();  // 403 "Forbidden: bot was blocked by the user"
};

class FakeApiServer {
 public:
  FakeApiServer();  // listening when it returns
  ~FakeApiServer();
  FakeApiServer(const FakeApiServer&) = delete;
  FakeApiServer& operator=(const FakeApiServer&) = delete;

  std::uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  // Scripting (see the order above).
  void set_default(std::string path_suffix, FakeAnswer answer);
  void enqueue(FakeAnswer answer, std::string path_suffix = "");
  void set_stall(bool stall);
  void go_down();  // returns once the listener and all connections are closed
  void come_up();  // returns once listening again on the same port

  // Observation.
  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedRequest> requests_to(std::string_view path_suffix) const;
  // Polls (never sleeps blindly) until at least n requests were recorded.
  bool wait_for_requests(std::size_t n,
                         std::chrono::milliseconds deadline = std::chrono::seconds(10)) const;
  std::size_t accepted_connections() const;

  // getUpdates queue. Assigns update_id (one above the last) when the update has none;
  // returns the id. Wakes a held getUpdates.
  std::int64_t add_update(nlohmann::json update);
  std::size_t pending_updates() const;  // queued and not yet confirmed by an offset

  // Webhook state kept by the built-in setWebhook/deleteWebhook.
  std::string webhook_url() const;
  nlohmann::json webhook_settings() const;  // last setWebhook body; null when none

  // Implementation detail (defined in the .cpp); public only so the server's
  // connection objects can name it.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace triagebot::testing
