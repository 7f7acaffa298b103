// End-to-end Telegram tests: the real `triagebot` binary against the fake Bot API on
// 127.0.0.1 (tests/support/fake_api_server.h).
//
// TelegramBot runs `triagebot serve` (or `telegram poll`) with the Telegram variables
// pointing at the fake, short outbox delays (so retries take milliseconds, not seconds)
// and its database in a directory the test owns, so stop()/kill() and start() again
// reopen the same file. It posts webhook updates with the secret header and reads
// /metrics and the database (read-only, through its own SQLite connection, as a second
// process may).
//
// The free functions build updates shaped like platforms/fixtures with the ids a test
// chooses, read what the fake received, and walk a whole interview by buttons.
//
// Threads: everything here is used from the test's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_api_server.h"
#include "tests/support/server_process.h"
#include "tests/support/temp_dir.h"

// Own namespace: the widget helpers have constants of the same names.
namespace triagebot::testing::telegram_bot {

inline constexpr std::string_view kBotToken = "123456:TEST-token";
inline constexpr std::string_view kBotSecret = "s3cret-Token_1";
inline constexpr std::string_view kBotUsername = "leg_triage_demo_bot";
inline constexpr std::string_view kEmergencyNumber = "112";
inline constexpr std::int64_t kChat = 6112309874;
inline constexpr std::int64_t kGroupChat = -1001234567890;

// ---- updates ------------------------------------------------------------------------

// A private text message from kChat's user (telegram_message.json's shape).
nlohmann::json private_text(std::int64_t update_id, std::string text, std::int64_t chat = kChat);
// A button press in the private chat (telegram_callback_query.json's shape), with the
// callback query id callback_id(update_id).
nlohmann::json button_press(std::int64_t update_id, std::string data, std::int64_t chat = kChat);
std::string callback_id(std::int64_t update_id);  // "cb-<update_id>"
// A press on a message the bot sent: `question` is that sendMessage body, `message_id`
// the id the fake gave it (sent_message_id); the callback carries the message's text
// and keyboard as Telegram shows them to the bot.
nlohmann::json press_on(std::int64_t update_id, const nlohmann::json& question,
                        std::int64_t message_id, std::string data);
// A message in a supergroup from kChat's user.
nlohmann::json group_text(std::int64_t update_id, std::string text);
// A file of tests/adapters/telegram/fixtures with its update_id replaced.
nlohmann::json fixture_update(const std::string& file, std::int64_t update_id);

// ---- what the fake received ---------------------------------------------------------

// The JSON bodies of every sendMessage call, oldest first.
std::vector<nlohmann::json> sent_messages(const FakeApiServer& fake);
// The message_id the fake answered the index-th sendMessage with (0-based): it numbers
// the messages it accepts from 1, so this holds while no sendMessage got a scripted answer.
std::int64_t sent_message_id(std::size_t index);
// The JSON bodies of every edit of a pressed message (editMessageText and
// editMessageReplyMarkup), oldest first.
std::vector<nlohmann::json> edits(const FakeApiServer& fake);
// Waits until at least n sendMessage calls arrived.
bool wait_for_sent(const FakeApiServer& fake, std::size_t n,
                   std::chrono::milliseconds deadline = std::chrono::seconds(10));
// The callback_data of every button of a sendMessage body (empty without a keyboard).
std::vector<std::string> callback_data(const nlohmann::json& message);
// Every choice id the built-in knowledge base can put on a button.
const std::vector<std::string>& knowledge_choice_ids();
bool is_assessment(const nlohmann::json& message);  // the disclaimer ends it
// The button that raises no red flag: "No" of a yes/no question, else the first one.
std::string harmless_choice(const nlohmann::json& question);

// ---- the interview ------------------------------------------------------------------

// Runs an interview: delivers `opening`, then answers each question by pressing its
// harmless_choice() (press_on the question's message) until the assessment arrives. `deliver` hands
// one update to the bot (webhook or getUpdates queue); `next_id` gives update ids. Returns the
// number of buttons pressed; fails the test if a turn's question does not arrive in time.
int walk_interview(const FakeApiServer& fake, const std::string& opening,
                   const std::function<void(const nlohmann::json&)>& deliver,
                   const std::function<std::int64_t()>& next_id);

// ---- the bot ------------------------------------------------------------------------

// ---- the database, read as another process would (read-only, own connection) --------

struct OutboxRecord {
  std::int64_t id = 0;
  std::string status;  // pending, sending, delivered, dead
  std::string kind;    // payload kind: reply, acknowledge, chosen_answer, group_pointer, text_only
  std::string last_error;
  int attempts = 0;
  int parts = 1;  // messages the row holds (storage/outbox_parts.h)
};
// Every outbox row, oldest first.
std::vector<OutboxRecord> outbox_records(const std::filesystem::path& db);
// The messages those rows hold: a turn's replies are one row with a part each.
std::size_t outbox_messages(const std::vector<OutboxRecord>& rows);
// "SELECT <the messages held by the outbox rows> FROM outbox", then `where` (e.g.
// "WHERE status = 'delivered'"): for query_int.
std::string outbox_messages_sql(const std::string& where = "");
// A single integer, e.g. "SELECT COUNT(*) FROM conversations".
std::int64_t query_int(const std::filesystem::path& db, const std::string& sql);

// Waits until the outbox has rows and each is delivered (Settled::delivered) or either
// delivered or dead (Settled::finally): after that nothing more goes out.
enum class Settled { delivered, finally };
bool wait_until_settled(const std::filesystem::path& db, Settled how = Settled::delivered,
                        std::chrono::milliseconds deadline = std::chrono::seconds(10));

struct TelegramBotOptions {
  std::vector<std::string> args = {"serve"};
  EnvVars env = {};           // on top of (and overriding) the defaults of TelegramBot
  bool with_username = true;  // false: learn it with getMe from the fake
};

class TelegramBot {
 public:
  // Starts at once and waits for the listening line (a test failure otherwise).
  explicit TelegramBot(FakeApiServer& fake, TelegramBotOptions options = {});

  void start();  // again, on the same database
  void stop();   // SIGTERM; expects exit code 0
  void kill();   // SIGKILL
  ServerProcess& process() { return *process_; }

  // POST /webhooks/telegram; the secret header is left out when `secret` is empty.
  int post(const nlohmann::json& update, std::string_view secret = kBotSecret);
  std::string metrics();
  // sends_total{platform="telegram",outcome=<outcome>} (0 while absent).
  double sends(std::string_view outcome);

  const std::filesystem::path& db() const { return db_; }
  std::vector<OutboxRecord> outbox() const { return outbox_records(db_); }
  std::int64_t query(const std::string& sql) const { return query_int(db_, sql); }
  bool settled(Settled how = Settled::delivered) const { return wait_until_settled(db_, how); }

  // Fresh update ids, one above the last.
  std::int64_t next_update_id() { return ++last_update_id_; }

 private:
  FakeApiServer& fake_;
  TelegramBotOptions options_;
  TempDir dir_;
  std::filesystem::path db_;
  std::unique_ptr<ServerProcess> process_;
  std::int64_t last_update_id_ = 804211000;
};

// One series of a Prometheus text exposition, e.g.
// `triagebot_outbox_sends_total{platform="telegram",outcome="dead"}`; nullopt if absent.
std::optional<double> metric_value(const std::string& exposition, std::string_view series);

}  // namespace triagebot::testing::telegram_bot
