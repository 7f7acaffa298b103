#include "bot/channels/slack/routes.h"

#include <chrono>
#include <string>
#include <utility>

#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "adapters/slack/signature.h"
#include "adapters/slack/slash_command.h"
#include "bot/channels/slack/submission.h"
#include "bot/flow/error_response.h"
#include "bot/http/responses.h"
#include "bot/obs/log.h"

namespace triagebot::bot {
namespace {

namespace slack_api = adapters::slack;
using adapters::HttpRequest;
using adapters::HttpResponse;
using http::Respond;

HttpResponse empty_ok() {
  HttpResponse ok;
  ok.status = 200;
  ok.content_type = "text/plain";
  return ok;
}

// A malformed body stays malformed: Slack's retries of it could only add load.
HttpResponse bad_request(const std::string& message) {
  HttpResponse answer = http::json_error(400, "bad_request", message);
  answer.headers.set(std::string(slack_api::kNoRetryHeader), "1");
  return answer;
}

// Before parsing (STYLE.md §2): a forged or replayed request costs us nothing more. The
// reason is logged (a replay looks different from a wrong secret); the body never is.
bool signed_by_slack(const HttpRequest& request, const SlackIdentity& identity,
                     std::string_view route) {
  const auto check = slack_api::check_signature(request, identity.signing_secret,
                                                std::chrono::system_clock::now());
  if (check == slack_api::SignatureCheck::valid) return true;
  log(LogLevel::warn, "slack.signature_refused",
      {{"route", route}, {"reason", slack_api::to_string(check)}});
  return false;
}

slack_api::InboundOptions inbound_options(const SlackIdentity& identity) {
  return {.bot_user_id = identity.bot_user_id, .now = std::chrono::system_clock::now()};
}

// The answer once the pipeline has committed (or refused).
Processed answer_when_committed(Respond respond) {
  return [respond = std::move(respond)](Result<void> done) {
    if (!done) return respond(pipeline_error_response(done.error()));
    respond(empty_ok());
  };
}

// A slash command's answer: 200 with the ephemeral JSON Slack shows the person.
CommandAnswered answer_command(Respond respond) {
  return [respond = std::move(respond)](Result<nlohmann::json> answered) {
    if (!answered) return respond(pipeline_error_response(answered.error()));
    if (answered->is_null()) return respond(empty_ok());  // Slack's ssl_check
    HttpResponse answer;
    answer.body = answered->dump();
    respond(std::move(answer));
  };
}

void log_redelivery(const slack_api::Redelivery& redelivery) {
  if (redelivery.attempt == 0) return;
  log(LogLevel::info, "slack.redelivery",
      {{"attempt", redelivery.attempt}, {"reason", redelivery.reason}});
}

}  // namespace

void add_slack_routes(http::Router& router, Pipeline& pipeline,
                      std::shared_ptr<const SlackIdentity> identity) {
  router.add("POST", "/webhooks/slack/events",
             [&pipeline, identity](HttpRequest request, Respond respond) {
               if (!signed_by_slack(request, *identity, "events")) {
                 return respond(http::json_error(401, "unauthorized", "Bad request signature."));
               }
               auto parsed = slack_api::parse_event_request(request, inbound_options(*identity));
               if (!parsed) return respond(bad_request(parsed.error().message));
               if (parsed->kind == slack_api::EventKind::url_verification) {
                 HttpResponse answer;
                 answer.body = slack_api::url_verification_answer(parsed->challenge);
                 return respond(std::move(answer));
               }
               log_redelivery(parsed->redelivery);
               if (parsed->kind == slack_api::EventKind::ignored) {
                 log(LogLevel::debug, "slack.event_ignored", {{"reason", parsed->ignored_reason}});
               }
               process_slack_event(pipeline, *parsed, answer_when_committed(std::move(respond)));
             });
  router.add(
      "POST", "/webhooks/slack/interactions",
      [&pipeline, identity](HttpRequest request, Respond respond) {
        if (!signed_by_slack(request, *identity, "interactions")) {
          return respond(http::json_error(401, "unauthorized", "Bad request signature."));
        }
        auto parsed = slack_api::parse_interaction_request(request, inbound_options(*identity));
        if (!parsed) return respond(bad_request(parsed.error().message));
        if (parsed->kind == slack_api::InteractionKind::ignored) {
          log(LogLevel::debug, "slack.interaction_ignored", {{"reason", parsed->ignored_reason}});
        }
        process_slack_interaction(pipeline, *parsed, answer_when_committed(std::move(respond)));
      });
  router.add("POST", "/webhooks/slack/commands",
             [&pipeline, identity](HttpRequest request, Respond respond) {
               if (!signed_by_slack(request, *identity, "commands")) {
                 return respond(http::json_error(401, "unauthorized", "Bad request signature."));
               }
               auto parsed =
                   slack_api::parse_slash_command_request(request, inbound_options(*identity));
               if (!parsed) return respond(bad_request(parsed.error().message));
               if (parsed->action == slack_api::SlashAction::usage) {
                 // The command's name is the app's configuration, not anything a person wrote.
                 log(LogLevel::debug, "slack.command_usage", {{"command", parsed->command}});
               }
               process_slack_command(pipeline, *parsed, answer_command(std::move(respond)));
             });
}

}  // namespace triagebot::bot
