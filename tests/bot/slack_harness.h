// End-to-end Slack tests: the real `triagebot` binary against a fake Slack Web API on
// 127.0.0.1 (tests/support/fake_api_server.h, scripted with Slack's answers here).
//
// SlackBot runs `triagebot serve` with the Slack variables pointing at the fake, short
// outbox delays, and its database in a directory the test owns. It posts signed Events
// API bodies and interactivity forms as Slack does (v0 HMAC-SHA256 over the raw body).
// The free functions build payloads shaped like platforms/fixtures with the ids a test
// chooses, and read what the fake received.
//
// Threads: everything here is used from the test's thread.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/bot/telegram_harness.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/http_client.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

namespace triagebot::testing::slack_bot {

inline constexpr std::string_view kToken = "xoxb-1111-2222-TESTtoken";
inline constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
inline constexpr std::string_view kTeam = "T04QZ7R9B2L";
inline constexpr std::string_view kUser = "U05MAR1AJ7K";
inline constexpr std::string_view kBotUser = "U07BOT4TRI";
inline constexpr std::string_view kDm = "D07QK1M2R3S";
inline constexpr std::string_view kChannel = "C06CLINIC42";
inline constexpr std::string_view kEmergencyNumber = "112";

// ---- payloads -------------------------------------------------------------------------

// message.im from kUser in kDm (slack_event_message_im.json's shape).
nlohmann::json dm_event(const std::string& event_id, const std::string& text);
// app_mention of our bot in kChannel, optionally inside a thread.
nlohmann::json mention_event(const std::string& event_id, const std::string& text,
                             const std::string& thread_ts = "");
// message.im with a subtype ("bot_message", "message_changed", "channel_join" ...).
nlohmann::json subtype_event(const std::string& event_id, const std::string& subtype);
// A press of `value` (label `label`) on our message `message_ts` in kDm.
nlohmann::json press_payload(const std::string& message_ts, const std::string& value,
                             const std::string& label, const std::string& question_text,
                             const std::string& action_ts);
// "payload=<url-encoded JSON>", as Slack posts interactions.
std::string form_body(const nlohmann::json& payload);
// The fields Slack sends for `<command> <text>` typed by `user` in kChannel (Socket
// Mode's payload); command_form() encodes them as the form Slack posts over HTTP.
nlohmann::json slash_command(const std::string& text, const std::string& trigger_id,
                             std::string_view user = kUser, std::string_view command = "/triage");
// "name=value&..." of a JSON object's string values, URL-encoded, in the object's order.
std::string command_form(const nlohmann::json& fields);

// X-Slack-Request-Timestamp and X-Slack-Signature for `body`, signed `age` ago.
HeaderList signed_headers(const std::string& body, std::string_view secret = kSecret,
                          std::chrono::seconds age = std::chrono::seconds(0));

// ---- the fake Web API ------------------------------------------------------------------

// auth.test names kBotUser; conversations.open answers kDm.
void script_slack_api(FakeApiServer& fake);
// The JSON bodies of every call to that method ("chat.postMessage"), oldest first.
std::vector<nlohmann::json> calls_to(const FakeApiServer& fake, std::string_view method);
// Every postMessage into kDm (directly or after conversations.open).
std::vector<nlohmann::json> dm_posts(const FakeApiServer& fake);
bool has_buttons(const nlohmann::json& post);
bool is_assessment(const nlohmann::json& post);  // the disclaimer ends it
// The buttons of a post: {value, label} pairs.
std::vector<std::pair<std::string, std::string>> buttons(const nlohmann::json& post);
// "No" of a yes/no question, else the first button.
std::pair<std::string, std::string> harmless_button(const nlohmann::json& post);

// ---- the bot ---------------------------------------------------------------------------

struct SlackBotOptions {
  std::vector<std::string> args = {"serve"};
  EnvVars env = {};
};

class SlackBot {
 public:
  explicit SlackBot(FakeApiServer& fake, SlackBotOptions options = {});

  void start();
  void stop();  // SIGTERM; expects exit code 0
  ServerProcess& process() { return *process_; }

  // POST /webhooks/slack/events, signed unless `headers` is given.
  HttpResult post_event(const nlohmann::json& event);
  HttpResult post_raw(std::string_view path, const std::string& body, const HeaderList& headers);
  // POST /webhooks/slack/interactions, signed.
  HttpResult press(const nlohmann::json& payload);
  // POST /webhooks/slack/commands: the form of `fields`, signed.
  HttpResult command(const nlohmann::json& fields);

  const std::filesystem::path& db() const { return db_; }
  std::int64_t query(const std::string& sql) const { return telegram_bot::query_int(db_, sql); }
  std::vector<telegram_bot::OutboxRecord> outbox() const {
    return telegram_bot::outbox_records(db_);
  }

 private:
  FakeApiServer& fake_;
  SlackBotOptions options_;
  TempDir dir_;
  std::filesystem::path db_;
  std::unique_ptr<ServerProcess> process_;
};

}  // namespace triagebot::testing::slack_bot
