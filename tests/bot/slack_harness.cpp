#include "tests/bot/slack_harness.h"

#include <gtest/gtest.h>

#include "adapters/slack/signature.h"

namespace triagebot::testing::slack_bot {

using nlohmann::json;

namespace {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ts_now() { return std::to_string(unix_now()) + ".000100"; }

std::string url_encoded(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json callback(const std::string& event_id, json event) {
  return {{"token", "kH3x9bQ2LmP7vR1sT8wYz4Na"},
          {"team_id", kTeam},
          {"api_app_id", "A07TRIAGE01"},
          {"event", std::move(event)},
          {"type", "event_callback"},
          {"event_id", event_id},
          {"event_time", unix_now()},
          {"authorizations",
           json::array({{{"team_id", kTeam}, {"user_id", kBotUser}, {"is_bot", true}}})}};
}

}  // namespace

json dm_event(const std::string& event_id, const std::string& text) {
  return callback(event_id, {{"type", "message"},
                             {"user", kUser},
                             {"text", text},
                             {"ts", ts_now()},
                             {"team", kTeam},
                             {"channel", kDm},
                             {"event_ts", ts_now()},
                             {"channel_type", "im"}});
}

json mention_event(const std::string& event_id, const std::string& text,
                   const std::string& thread_ts) {
  json event{{"type", "app_mention"},
             {"user", kUser},
             {"text", "<@" + std::string(kBotUser) + "> " + text},
             {"ts", ts_now()},
             {"team", kTeam},
             {"channel", kChannel},
             {"event_ts", ts_now()}};
  if (!thread_ts.empty()) event["thread_ts"] = thread_ts;
  return callback(event_id, std::move(event));
}

json subtype_event(const std::string& event_id, const std::string& subtype) {
  json event{{"type", "message"},   {"subtype", subtype}, {"text", "my leg is numb"},
             {"ts", ts_now()},      {"channel", kDm},     {"event_ts", ts_now()},
             {"channel_type", "im"}};
  if (subtype == "bot_message") {
    event["bot_id"] = "B06NOTICE9";
  } else {
    event["user"] = kUser;
  }
  return callback(event_id, std::move(event));
}

json press_payload(const std::string& message_ts, const std::string& value,
                   const std::string& label, const std::string& question_text,
                   const std::string& action_ts) {
  return {{"type", "block_actions"},
          {"user", {{"id", kUser}, {"username", "mara.ahmed"}, {"team_id", kTeam}}},
          {"api_app_id", "A07TRIAGE01"},
          {"container",
           {{"type", "message"},
            {"message_ts", message_ts},
            {"channel_id", kDm},
            {"is_ephemeral", false}}},
          {"trigger_id", "8023117755092.4837292110384.6b1f0c9e2d7a"},
          {"team", {{"id", kTeam}, {"domain", "northside-clinic"}}},
          {"channel", {{"id", kDm}, {"name", "directmessage"}}},
          {"message",
           {{"user", kBotUser},
            {"type", "message"},
            {"ts", message_ts},
            {"bot_id", "B07TRIBOT1"},
            {"text", question_text}}},
          {"response_url", "https://hooks.slack.com/actions/T04QZ7R9B2L/1/abc"},
          {"actions", json::array({{{"action_id", "choice_0"},
                                    {"block_id", "b"},
                                    {"text", {{"type", "plain_text"}, {"text", label}}},
                                    {"value", value},
                                    {"type", "button"},
                                    {"action_ts", action_ts}}})}};
}

std::string form_body(const json& payload) { return "payload=" + url_encoded(payload.dump()); }

json slash_command(const std::string& text, const std::string& trigger_id, std::string_view user,
                   std::string_view command) {
  json fields = json::object();
  // The fields Slack documents for a slash command; we read five of them.
  fields["token"] = "kH3x9bQ2LmP7vR1sT8wYz4Na";
  fields["team_id"] = kTeam;
  fields["team_domain"] = "northside-clinic";
  fields["channel_id"] = kChannel;
  fields["channel_name"] = "general";
  fields["user_id"] = user;
  fields["user_name"] = "mara.ahmed";
  fields["command"] = command;
  fields["text"] = text;
  fields["api_app_id"] = "A07TRIAGE01";
  fields["is_enterprise_install"] = "false";
  fields["response_url"] = "https://hooks.slack.com/commands/T04QZ7R9B2L/1/abc";
  fields["trigger_id"] = trigger_id;
  return fields;
}

std::string command_form(const json& fields) {
  std::string body;
  for (const auto& [name, value] : fields.items()) {
    if (!body.empty()) body += '&';
    body += url_encoded(name) + "=" +
            url_encoded(value.is_string() ? value.get<std::string>() : value.dump());
  }
  return body;
}

HeaderList signed_headers(const std::string& body, std::string_view secret,
                          std::chrono::seconds age) {
  const std::string timestamp = std::to_string(unix_now() - age.count());
  return {{"X-Slack-Request-Timestamp", timestamp},
          {"X-Slack-Signature", adapters::slack::sign(secret, timestamp, body)}};
}

void script_slack_api(FakeApiServer& fake) {
  fake.set_default("/auth.test", FakeAnswer{200,
                                            {},
                                            json{{"ok", true},
                                                 {"team", "Northside Clinic"},
                                                 {"team_id", kTeam},
                                                 {"user_id", kBotUser},
                                                 {"bot_id", "B07TRIBOT1"}}
                                                .dump()});
  fake.set_default("/conversations.open",
                   FakeAnswer{200, {}, json{{"ok", true}, {"channel", {{"id", kDm}}}}.dump()});
  fake.set_default("/chat.postMessage",
                   FakeAnswer{200, {}, json{{"ok", true}, {"ts", "1732540122.004100"}}.dump()});
}

std::vector<json> calls_to(const FakeApiServer& fake, std::string_view method) {
  std::vector<json> bodies;
  for (const auto& request : fake.requests_to("/" + std::string(method))) {
    bodies.push_back(request.json());
  }
  return bodies;
}

std::vector<json> dm_posts(const FakeApiServer& fake) {
  std::vector<json> posts;
  for (auto& post : calls_to(fake, "chat.postMessage")) {
    if (post.value("channel", "") == kDm) posts.push_back(std::move(post));
  }
  return posts;
}

std::vector<std::pair<std::string, std::string>> buttons(const json& post) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& block : post.value("blocks", json::array())) {
    if (block.value("type", "") != "actions") continue;
    for (const auto& element : block["elements"]) {
      out.emplace_back(element.value("value", ""), element["text"].value("text", ""));
    }
  }
  return out;
}

bool has_buttons(const json& post) { return !buttons(post).empty(); }

bool is_assessment(const json& post) {
  return post.value("text", "").find("not a diagnosis") != std::string::npos;
}

std::pair<std::string, std::string> harmless_button(const json& post) {
  const auto all = buttons(post);
  const bool yes_no = all.size() == 3 && all[1].second == "No";
  return all.at(yes_no ? 1 : 0);
}

SlackBot::SlackBot(FakeApiServer& fake, SlackBotOptions options)
    : fake_(fake), options_(std::move(options)), db_(dir_ / "triagebot.db") {
  start();
}

void SlackBot::start() {
  EnvVars env = {
      {"TRIAGEBOT_DB", db_.string()},
      {"TRIAGEBOT_SLACK_TOKEN", std::string(kToken)},
      {"TRIAGEBOT_SLACK_SIGNING_SECRET", std::string(kSecret)},
      {"TRIAGEBOT_SLACK_API", fake_.base_url()},
      {"TRIAGEBOT_EMERGENCY_NUMBER", std::string(kEmergencyNumber)},
      // Milliseconds instead of Slack's pace, so retry paths run quickly.
      {"TRIAGEBOT_OUTBOX_BACKOFF", "50ms"},
      {"TRIAGEBOT_OUTBOX_BACKOFF_MAX", "200ms"},
      {"TRIAGEBOT_OUTBOX_CHAT_INTERVAL", "10ms"},
  };
  env.insert(env.end(), options_.env.begin(), options_.env.end());
  process_ = std::make_unique<ServerProcess>(
      ServerProcessOptions{.args = options_.args, .env = std::move(env)});
  ASSERT_TRUE(process_->wait_for_listening()) << process_->stderr_text();
}

void SlackBot::stop() {
  process_->terminate();
  EXPECT_EQ(process_->wait_for_exit(), 0) << process_->stderr_text();
}

HttpResult SlackBot::post_raw(std::string_view path, const std::string& body,
                              const HeaderList& headers) {
  HttpClient client(process_->host(), process_->port());
  return client.post(path, body, headers);
}

HttpResult SlackBot::post_event(const json& event) {
  const std::string body = event.dump();
  HeaderList headers = signed_headers(body);
  headers.emplace_back("Content-Type", "application/json");
  return post_raw("/webhooks/slack/events", body, headers);
}

HttpResult SlackBot::command(const json& fields) {
  const std::string body = command_form(fields);
  HeaderList headers = signed_headers(body);
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return post_raw("/webhooks/slack/commands", body, headers);
}

HttpResult SlackBot::press(const json& payload) {
  const std::string body = form_body(payload);
  HeaderList headers = signed_headers(body);
  headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  return post_raw("/webhooks/slack/interactions", body, headers);
}

}  // namespace triagebot::testing::slack_bot
