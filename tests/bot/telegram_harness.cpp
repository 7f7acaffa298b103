#include "tests/bot/telegram_harness.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "storage/outbox_parts.h"
#include "tests/adapters/telegram/fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/wait.h"

namespace triagebot::testing::telegram_bot {

using nlohmann::json;

namespace {

json user(std::int64_t id) {
  return {{"id", id}, {"is_bot", false}, {"first_name", "Dana"}, {"language_code", "en"}};
}

json private_chat(std::int64_t id) {
  return {{"id", id}, {"first_name", "Dana"}, {"type", "private"}};
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

json private_text(std::int64_t update_id, std::string text, std::int64_t chat) {
  return {{"update_id", update_id},
          {"message",
           {{"message_id", update_id % 100000},
            {"from", user(chat)},
            {"chat", private_chat(chat)},
            {"date", unix_now()},
            {"text", std::move(text)}}}};
}

json button_press(std::int64_t update_id, std::string data, std::int64_t chat) {
  return {{"update_id", update_id},
          {"callback_query",
           {{"id", callback_id(update_id)},
            {"from", user(chat)},
            {"message",
             {{"message_id", 1},
              {"chat", private_chat(chat)},
              {"date", unix_now()},
              {"text", "a question"}}},
            {"chat_instance", "-4098113277410093358"},
            {"data", std::move(data)}}}};
}

json press_on(std::int64_t update_id, const json& question, std::int64_t message_id,
              std::string data) {
  json update = button_press(update_id, std::move(data), question.value("chat_id", kChat));
  json& message = update["callback_query"]["message"];
  message["message_id"] = message_id;
  message["text"] = question.value("text", "");
  if (question.contains("reply_markup")) message["reply_markup"] = question["reply_markup"];
  return update;
}

std::string callback_id(std::int64_t update_id) {
  std::string id = "cb-";
  id += std::to_string(update_id);
  return id;
}

json group_text(std::int64_t update_id, std::string text) {
  return {{"update_id", update_id},
          {"message",
           {{"message_id", 55},
            {"from", user(kChat)},
            {"chat", {{"id", kGroupChat}, {"title", "Running club"}, {"type", "supergroup"}}},
            {"date", unix_now()},
            {"text", std::move(text)}}}};
}

json fixture_update(const std::string& file, std::int64_t update_id) {
  json update = json::parse(telegram_fixture(file));
  update["update_id"] = update_id;
  return update;
}

std::vector<json> sent_messages(const FakeApiServer& fake) {
  std::vector<json> bodies;
  for (const auto& request : fake.requests_to("/sendMessage")) bodies.push_back(request.json());
  return bodies;
}

std::int64_t sent_message_id(std::size_t index) { return static_cast<std::int64_t>(index) + 1; }

std::vector<json> edits(const FakeApiServer& fake) {
  std::vector<json> bodies;
  for (const auto& request : fake.requests()) {
    if (request.path.ends_with("/editMessageText") ||
        request.path.ends_with("/editMessageReplyMarkup")) {
      bodies.push_back(request.json());
    }
  }
  return bodies;
}

bool wait_for_sent(const FakeApiServer& fake, std::size_t n, std::chrono::milliseconds deadline) {
  return wait_until([&] { return fake.requests_to("/sendMessage").size() >= n; }, deadline);
}

std::vector<std::string> callback_data(const json& message) {
  std::vector<std::string> data;
  if (!message.contains("reply_markup")) return data;
  for (const auto& row : message["reply_markup"]["inline_keyboard"]) {
    for (const auto& button : row) data.push_back(button.value("callback_data", ""));
  }
  return data;
}

const std::vector<std::string>& knowledge_choice_ids() {
  static const std::vector<std::string> ids = [] {
    std::ifstream in(std::string(TRIAGEBOT_SOURCE_DIR) + "/dialogs/knowledge/leg_numbness.json");
    const json knowledge = json::parse(in);
    std::vector<std::string> out;
    for (const auto& question : knowledge["questions"]) {
      const std::string id = question["id"];
      // SCHEMA.md: yes_no questions get <id>:yes/no/unsure; others their keys + unsure.
      if (question["kind"] == "yes_no") {
        out.push_back(id + ":yes");
        out.push_back(id + ":no");
      }
      for (const auto& choice : question.value("choices", json::array())) {
        out.push_back(id + ":" + choice["key"].get<std::string>());
      }
      out.push_back(id + ":unsure");
    }
    return out;
  }();
  return ids;
}

bool is_assessment(const json& message) {
  return message.value("text", "").find("not a diagnosis") != std::string::npos;
}

std::string harmless_choice(const json& question) {
  std::vector<json> buttons;
  for (const auto& row : question["reply_markup"]["inline_keyboard"]) {
    for (const auto& button : row) buttons.push_back(button);
  }
  const bool yes_no = buttons.size() == 3 && buttons[1]["text"] == "No";
  return buttons.at(yes_no ? 1 : 0)["callback_data"];
}

int walk_interview(const FakeApiServer& fake, const std::string& opening,
                   const std::function<void(const json&)>& deliver,
                   const std::function<std::int64_t()>& next_id) {
  std::size_t handled = 0;  // sendMessage calls looked at so far
  deliver(private_text(next_id(), opening));
  for (int pressed = 0; pressed < 30; ++pressed) {
    // A turn ends with its question (it carries the keyboard) or with the assessment.
    json last;
    std::size_t last_index = 0;
    const bool arrived = wait_until([&] {
      const auto sent = sent_messages(fake);
      for (; handled < sent.size(); ++handled) {
        if (sent[handled].contains("reply_markup") || is_assessment(sent[handled])) {
          last_index = handled;
          last = sent[handled++];
          return true;
        }
      }
      return false;
    });
    if (!arrived) {
      ADD_FAILURE() << "no question or assessment after " << pressed << " presses";
      return -1;
    }
    if (is_assessment(last)) return pressed;
    deliver(press_on(next_id(), last, sent_message_id(last_index), harmless_choice(last)));
  }
  ADD_FAILURE() << "the interview did not end within 30 presses";
  return -1;
}

std::optional<double> metric_value(const std::string& exposition, std::string_view series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nullopt;
}

bool wait_until_settled(const std::filesystem::path& db, Settled how,
                        std::chrono::milliseconds deadline) {
  return wait_until(
      [&] {
        const auto rows = outbox_records(db);
        return !rows.empty() && std::all_of(rows.begin(), rows.end(), [&](const auto& row) {
          return row.status == "delivered" || (how == Settled::finally && row.status == "dead");
        });
      },
      deadline);
}

TelegramBot::TelegramBot(FakeApiServer& fake, TelegramBotOptions options)
    : fake_(fake), options_(std::move(options)), db_(dir_ / "triagebot.db") {
  start();
}

void TelegramBot::start() {
  EnvVars env = {
      {"TRIAGEBOT_DB", db_.string()},
      {"TRIAGEBOT_TELEGRAM_TOKEN", std::string(kBotToken)},
      {"TRIAGEBOT_TELEGRAM_SECRET", std::string(kBotSecret)},
      {"TRIAGEBOT_TELEGRAM_API", fake_.base_url()},
      {"TRIAGEBOT_EMERGENCY_NUMBER", std::string(kEmergencyNumber)},
      // Milliseconds instead of Telegram's pace, so every retry path runs in well
      // under a second (docs/configuration.md).
      {"TRIAGEBOT_OUTBOX_BACKOFF", "50ms"},
      {"TRIAGEBOT_OUTBOX_BACKOFF_MAX", "200ms"},
      {"TRIAGEBOT_OUTBOX_CHAT_INTERVAL", "10ms"},
  };
  if (options_.with_username) {
    env.emplace_back("TRIAGEBOT_TELEGRAM_USERNAME", std::string(kBotUsername));
  }
  env.insert(env.end(), options_.env.begin(), options_.env.end());
  process_ = std::make_unique<ServerProcess>(
      ServerProcessOptions{.args = options_.args, .env = std::move(env)});
  ASSERT_TRUE(process_->wait_for_listening()) << process_->stderr_text();
}

void TelegramBot::stop() {
  process_->terminate();
  EXPECT_EQ(process_->wait_for_exit(), 0) << process_->stderr_text();
}

void TelegramBot::kill() {
  process_->kill();
  EXPECT_EQ(process_->wait_for_exit(), 128 + 9);
}

int TelegramBot::post(const json& update, std::string_view secret) {
  HttpClient client(process_->host(), process_->port());
  HeaderList headers = {{"Content-Type", "application/json"}};
  if (!secret.empty()) headers.emplace_back("X-Telegram-Bot-Api-Secret-Token", secret);
  return client.post("/webhooks/telegram", update.dump(), headers).status;
}

std::string TelegramBot::metrics() {
  HttpClient client(process_->host(), process_->port());
  return client.get("/metrics").body;
}

double TelegramBot::sends(std::string_view outcome) {
  const std::string series = "triagebot_outbox_sends_total{platform=\"telegram\",outcome=\"" +
                             std::string(outcome) + "\"}";
  return metric_value(metrics(), series).value_or(0);
}

std::vector<OutboxRecord> outbox_records(const std::filesystem::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db,
                          "SELECT id, status, payload, COALESCE(last_error, ''), attempts"
                          " FROM outbox ORDER BY id");
  std::vector<OutboxRecord> rows;
  while (query.executeStep()) {
    OutboxRecord row;
    row.id = query.getColumn(0).getInt64();
    row.status = query.getColumn(1).getString();
    const auto payload = json::parse(query.getColumn(2).getString());
    row.kind = payload.value("kind", "");
    row.parts = static_cast<int>(storage::outbox_part_count(payload));
    row.last_error = query.getColumn(3).getString();
    row.attempts = query.getColumn(4).getInt();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::size_t outbox_messages(const std::vector<OutboxRecord>& rows) {
  std::size_t messages = 0;
  for (const auto& row : rows) messages += static_cast<std::size_t>(row.parts);
  return messages;
}

std::string outbox_messages_sql(const std::string& where) {
  return "SELECT COALESCE(SUM(CASE WHEN json_type(payload, '$.parts') = 'array'"
         " THEN json_array_length(payload, '$.parts') ELSE 1 END), 0) FROM outbox " +
         where;
}

std::int64_t query_int(const std::filesystem::path& path, const std::string& sql) {
  SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
  SQLite::Statement statement(db, sql);
  statement.executeStep();
  return statement.getColumn(0).getInt64();
}

}  // namespace triagebot::testing::telegram_bot
