// Helpers for the widget API tests: the real `triagebot serve` (ServerProcess) spoken to
// over HTTP on 127.0.0.1, one session at a time. Failures to set up (the server does not
// start, a session cannot be created) throw std::runtime_error, which gtest reports as a
// failure of the test; the assertions themselves stay in the tests.
//
// Threads: like HttpClient, one client per thread; the free functions hold no state.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/http_client.h"
#include "tests/support/json_error.h"
#include "tests/support/server_process.h"

// Own namespace: the Telegram harness has constants of the same names.
namespace triagebot::testing::widget_api {

// Not the default (911), so a test sees the configured number reach the guidance.
inline constexpr const char* kEmergencyNumber = "112";
inline constexpr std::string_view kSessionsPath = "/api/widget/sessions";

// Opening texts whose outcome the knowledge base fixes (dialogs/knowledge/leg_numbness.json).
inline constexpr const char* kSciaticaOpening =
    "my left leg has been numb for three weeks and the pain shoots down the back of my leg";
// "arm ... weak*" and "face ... droop*" are phrases of the stroke_signs finding.
inline constexpr const char* kStrokeOpening =
    "my left leg went numb and then suddenly my arm went weak and my face is drooping";

// Rate limits are off unless a test turns them on: a whole interview is more turns than
// the per-session default allows in a minute.
inline EnvVars widget_env(EnvVars extra = {}) {
  EnvVars env = {{"TRIAGEBOT_EMERGENCY_NUMBER", kEmergencyNumber},
                 {"TRIAGEBOT_WIDGET_RATE_PER_SESSION", "0"},
                 {"TRIAGEBOT_WIDGET_RATE_PER_ADDRESS", "0"}};
  for (auto& entry : extra) env.push_back(std::move(entry));
  return env;
}

// `triagebot serve` with widget_env(extra), listening when it returns.
inline std::unique_ptr<ServerProcess> start_widget_server(EnvVars extra = {}) {
  auto server = std::make_unique<ServerProcess>(ServerProcessOptions{.env = widget_env(extra)});
  if (!server->wait_for_listening()) {
    throw std::runtime_error("triagebot did not start: " + server->stderr_text());
  }
  return server;
}

struct WidgetSession {
  std::string id;
  std::string token;
  nlohmann::json messages;  // the greeting, as the 201 carried it

  std::string path() const { return std::string(kSessionsPath) + "/" + id + "/messages"; }
  HeaderList auth(HeaderList extra = {}) const {
    extra.emplace_back("Authorization", "Bearer " + token);
    return extra;
  }
};

inline WidgetSession create_session(HttpClient& client, const HeaderList& headers = {}) {
  const auto reply = client.post(std::string(kSessionsPath), "{}", headers);
  const auto body = reply.json();
  if (reply.status != 201 || !body.is_object()) {
    throw std::runtime_error("POST /api/widget/sessions: " + std::to_string(reply.status) + " " +
                             reply.body);
  }
  return {body.value("session_id", ""), body.value("token", ""), body["messages"]};
}

inline HttpResult post_turn(HttpClient& client, const WidgetSession& session,
                            const nlohmann::json& body, const HeaderList& headers = {}) {
  return client.post(session.path(), body.dump(), session.auth(headers));
}
inline HttpResult say(HttpClient& client, const WidgetSession& session, std::string_view text) {
  return post_turn(client, session, {{"text", text}});
}
inline HttpResult press(HttpClient& client, const WidgetSession& session, std::string_view id) {
  return post_turn(client, session, {{"choice", id}});
}

// The whole history (GET .../messages); throws unless it answers 200.
inline nlohmann::json history(HttpClient& client, const WidgetSession& session) {
  const auto reply = client.get(session.path(), session.auth());
  const auto body = reply.json();
  if (reply.status != 200 || !body.is_object()) {
    throw std::runtime_error("GET history: " + std::to_string(reply.status) + " " + reply.body);
  }
  return body["messages"];
}

// One turn as the history must show it: what the person said, then the bot's replies.
struct Exchange {
  std::string user_text;
  nlohmann::json replies;  // the "messages" of the 200
};

// The history after the greeting must be exactly these exchanges, in order; bot replies
// compare whole (text, choices, assessment, at).
inline void expect_history(const nlohmann::json& messages, const nlohmann::json& greeting,
                           const std::vector<Exchange>& exchanges) {
  nlohmann::json expected = greeting;
  for (const auto& exchange : exchanges) {
    expected.push_back({{"from", "user"}, {"text", exchange.user_text}});
    for (const auto& reply : exchange.replies) expected.push_back(reply);
  }
  ASSERT_EQ(messages.size(), expected.size()) << messages.dump(1);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (expected[i]["from"] == "user") {
      EXPECT_EQ(messages[i]["from"], "user") << i;
      EXPECT_EQ(messages[i]["text"], expected[i]["text"]) << i;
    } else {
      EXPECT_EQ(messages[i], expected[i]) << i;
    }
  }
}

// The assessment among a turn's replies, or null.
inline nlohmann::json assessment_of(const nlohmann::json& replies) {
  for (const auto& message : replies) {
    if (message.contains("assessment")) return message["assessment"];
  }
  return nullptr;
}

// Sends `opening`, then answers every question until an assessment comes: "no" to each
// yes/no question, alternately by button and typed, and the second choice of any other
// (the first of the age question is "under 16"). Returns every exchange, in order.
inline std::vector<Exchange> run_interview(HttpClient& client, const WidgetSession& session,
                                           std::string_view opening) {
  std::vector<Exchange> exchanges;
  auto send = [&](const nlohmann::json& body, std::string user_text) {
    const auto reply = post_turn(client, session, body);
    if (reply.status != 200) {
      throw std::runtime_error("turn " + body.dump() + ": " + std::to_string(reply.status) + " " +
                               reply.body);
    }
    exchanges.push_back({std::move(user_text), reply.json()["messages"]});
  };
  send({{"text", opening}}, std::string(opening));
  for (int turn = 0; turn < 20; ++turn) {
    const auto& replies = exchanges.back().replies;
    if (!assessment_of(replies).is_null()) return exchanges;
    const auto& choices = replies.back().value("choices", nlohmann::json::array());
    std::optional<nlohmann::json> pick;
    for (const auto& choice : choices) {
      if (choice["id"].get<std::string>().ends_with(":no")) pick = choice;
    }
    if (pick && turn % 2 == 1) {
      send({{"text", "no"}}, "no");
    } else if (pick || choices.size() > 1) {
      const auto& choice = pick ? *pick : choices[1];
      send({{"choice", choice["id"]}}, choice["label"]);
    } else {
      send({{"text", "it is just numb"}}, "it is just numb");
    }
  }
  throw std::runtime_error("no assessment after 20 turns");
}

// The value of one sample of a /metrics exposition, the series written exactly as
// rendered ("name{label=\"value\"}" or "name"); nullopt when it is absent.
inline std::optional<double> metric_value(const std::string& exposition, std::string_view series) {
  std::istringstream lines(exposition);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 &&
        line[series.size()] == ' ') {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return std::nullopt;
}

}  // namespace triagebot::testing::widget_api
