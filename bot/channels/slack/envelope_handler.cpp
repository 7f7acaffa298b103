#include "bot/channels/slack/envelope_handler.h"

#include <chrono>
#include <utility>

#include "bot/channels/slack/submission.h"
#include "bot/obs/log.h"

namespace triagebot::bot::slack {
namespace {

namespace adapter = adapters::slack;

Error unprocessable(const Error& error, std::string_view kind) {
  log(LogLevel::warn, "slack.envelope_unreadable", {{"kind", kind}, {"error", error.message}});
  return make_error(ErrorCode::bad_request, error.message);
}

// Events and presses are acknowledged with no payload.
Processed without_payload(EnvelopeDone done) {
  return [done = std::move(done)](Result<void> outcome) {
    if (!outcome) return done(outcome.error());
    done(nlohmann::json());
  };
}

}  // namespace

EnvelopeHandler make_envelope_handler(Pipeline& pipeline,
                                      std::shared_ptr<const SlackIdentity> identity) {
  return [&pipeline, identity](const adapter::Envelope& envelope, EnvelopeDone done) {
    const adapter::InboundOptions options{.bot_user_id = identity->bot_user_id,
                                          .now = std::chrono::system_clock::now()};
    if (envelope.kind == adapter::EnvelopeKind::events_api) {
      auto parsed = adapter::parse_events_envelope(envelope, options);
      if (!parsed) return done(unprocessable(parsed.error(), "events_api"));
      return process_slack_event(pipeline, *parsed, without_payload(std::move(done)));
    }
    if (envelope.kind == adapter::EnvelopeKind::interactive) {
      auto parsed = adapter::parse_interactive_envelope(envelope, options);
      if (!parsed) return done(unprocessable(parsed.error(), "interactive"));
      return process_slack_interaction(pipeline, *parsed, without_payload(std::move(done)));
    }
    if (envelope.kind == adapter::EnvelopeKind::slash_commands) {
      // Acknowledged once committed, with the ephemeral answer as the ack's payload.
      auto parsed = adapter::parse_slash_commands_envelope(envelope, options);
      if (!parsed) return done(unprocessable(parsed.error(), "slash_commands"));
      return process_slack_command(pipeline, *parsed, std::move(done));
    }
    done(nlohmann::json());  // nothing of ours: acknowledge, do nothing
  };
}

}  // namespace triagebot::bot::slack
