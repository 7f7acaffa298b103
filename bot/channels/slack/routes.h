// Slack over HTTP (PLATFORMS.md §2.1-2.3): POST /webhooks/slack/events (Events API),
// POST /webhooks/slack/interactions (button presses, a form field `payload`) and
// POST /webhooks/slack/commands (the `/triage` slash command, a form).
//
// Each request's signature is checked over the raw body before anything is parsed:
// a wrong or missing signature, or a timestamp more than 5 minutes off, is 401 and
// stores nothing. url_verification is answered with its challenge. Everything else is
// answered 200 as soon as its effects are committed (a commit is milliseconds; the Web
// API is never on this path: replies go through the outbox), so Slack's 3 s deadline
// holds whatever the Web API is doing. Kinds we do not handle (bots, edits, channel
// messages ...) are answered 200 at once and store nothing. A body that is not Slack's
// is 400 with X-Slack-No-Retry: 1.
//
// A slash command is answered 200 with its ephemeral answer as JSON once its DM command
// is committed (an unknown sub-command at once, with the help text, storing nothing);
// the interview's replies go to the person's DM through the outbox. Slack's signed
// ssl_check is answered 200 with nothing.
#pragma once

#include <memory>

#include "bot/channels/slack/identity.h"
#include "bot/flow/pipeline.h"
#include "bot/http/router.h"

namespace triagebot::bot {

void add_slack_routes(http::Router& router, Pipeline& pipeline,
                      std::shared_ptr<const SlackIdentity> identity);

}  // namespace triagebot::bot
