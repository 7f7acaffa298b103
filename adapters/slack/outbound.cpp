#include "adapters/slack/outbound.h"

#include <array>
#include <charconv>

#include "adapters/slack/address.h"
#include "adapters/slack/blocks.h"
#include "adapters/slack/json_fields.h"
#include "adapters/slack/mrkdwn.h"
#include "adapters/slack/web_api_answer.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;
using Kind = DeliveryOutcome::Kind;

// Slack's own failures, worth trying again later (§2.4).
constexpr std::array<std::string_view, 4> kTransientErrors = {
    "internal_error", "fatal_error", "service_unavailable", "request_timeout"};

// Failures of our token or app configuration: every later call fails the same way.
constexpr std::array<std::string_view, 9> kOperatorErrors = {
    "not_authed",        "invalid_auth",  "token_revoked",          "token_expired",
    "account_inactive",  "missing_scope", "not_allowed_token_type", "no_permission",
    "org_login_required"};

DeliveryOutcome back_off(std::string reason) {
  return DeliveryOutcome{Kind::back_off, std::chrono::seconds(0), std::move(reason)};
}

DeliveryOutcome dead(std::string reason) {
  return DeliveryOutcome{Kind::dead, std::chrono::seconds(0), std::move(reason)};
}

// Retry-After in whole seconds (at least 1); an HTTP date or garbage reads as absent.
std::optional<std::chrono::seconds> retry_after_header(const Headers& headers) {
  auto value = headers.get("Retry-After");
  if (!value || value->empty() || value->size() > 9) return std::nullopt;
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
  if (ec != std::errc() || end != value->data() + value->size() || seconds < 0) return std::nullopt;
  return std::chrono::seconds(std::max<std::int64_t>(1, seconds));
}

DeliveryOutcome rate_limited(const Headers& headers) {
  return DeliveryOutcome{Kind::retry_after,
                         retry_after_header(headers).value_or(kDefaultRetryAfter), "ratelimited"};
}

}  // namespace

OutboundCall render_method(std::string_view token, std::string_view method, const json& body) {
  OutboundCall call;
  call.method = "POST";
  call.path = "/" + std::string(method);
  call.log_name = "slack." + std::string(method);
  call.headers.set("Authorization", "Bearer " + std::string(token));
  call.headers.set("Content-Type", "application/json; charset=utf-8");
  call.body = body.dump();
  return call;
}

std::vector<OutboundCall> render_reply(const dialogs::Reply& reply, const json& reply_address,
                                       std::string_view token) {
  const ReplyAddress address = read_reply_address(reply_address);
  if (address.channel.empty()) return {};
  std::vector<OutboundCall> calls;
  for (MessageLayout& message : layout_reply(reply)) {
    // Links in knowledge-base text (e.g. a helpline page) must not unfurl into previews
    // that push the question off screen.
    json body{{"channel", address.channel},
              {"text", std::move(message.fallback_text)},
              {"blocks", std::move(message.blocks)},
              {"unfurl_links", false},
              {"unfurl_media", false}};
    calls.push_back(render_method(token, "chat.postMessage", body));
  }
  return calls;
}

OutboundCall render_update_pressed(const PressedMessage& pressed, std::string_view token) {
  MessageLayout message = layout_answered(pressed.question_text, pressed.chosen_label);
  return render_method(token, "chat.update",
                       json{{"channel", pressed.channel},
                            {"ts", pressed.message_ts},
                            {"text", std::move(message.fallback_text)},
                            {"blocks", std::move(message.blocks)}});
}

std::string thread_pointer_text(std::string_view user_id) {
  std::string greeting =
      user_id.empty() ? std::string("Hi!") : "Hi <@" + std::string(user_id) + ">!";
  return greeting +
         " Health questions are private, so I only talk about them one to one. I've sent you "
         "a direct message: let's continue there.";
}

OutboundCall render_thread_pointer(const ThreadPointer& pointer, std::string_view token) {
  json body{{"channel", pointer.channel}, {"text", thread_pointer_text(pointer.user)}};
  if (!pointer.thread_ts.empty()) body["thread_ts"] = pointer.thread_ts;
  return render_method(token, "chat.postMessage", body);
}

OutboundCall render_open_dm(std::string_view user_id, std::string_view token) {
  return render_method(token, "conversations.open", json{{"users", std::string(user_id)}});
}

Result<std::string> read_opened_channel(int http_status, std::string_view body) {
  auto answer = ok_answer(http_status, body, "conversations.open");
  if (!answer) return answer.error();
  const json* channel = fields::find(*answer, "channel");
  const std::string id = channel != nullptr ? fields::string_or_empty(*channel, "id") : "";
  if (id.empty())
    return make_error(ErrorCode::bad_response, "conversations.open answer has no channel.id");
  return id;
}

DeliveryOutcome classify(int http_status, std::string_view body, const Headers& headers) {
  if (http_status == 429) return rate_limited(headers);
  json answer = json::parse(body, nullptr, false);
  const json* ok = fields::find(answer, "ok");
  const bool readable = ok != nullptr && ok->is_boolean();
  if (http_status >= 500) return back_off("http " + std::to_string(http_status));
  if (http_status == 408) return back_off("http 408");
  if (!readable) {
    if (http_status >= 200 && http_status < 300) return back_off("unreadable answer");
    return dead("http " + std::to_string(http_status));
  }
  if (ok->get<bool>()) {
    if (http_status >= 200 && http_status < 300) return DeliveryOutcome{};  // delivered
    return back_off("http " + std::to_string(http_status));
  }
  std::string error = fields::string_or_empty(answer, "error");
  if (error.empty()) error = "unknown_error";
  if (error == "ratelimited") return rate_limited(headers);
  for (std::string_view transient : kTransientErrors) {
    if (error == transient) return back_off(error);
  }
  return dead(error);
}

bool needs_operator(std::string_view reason) {
  for (std::string_view error : kOperatorErrors) {
    if (reason == error) return true;
  }
  return false;
}

}  // namespace triagebot::adapters::slack
