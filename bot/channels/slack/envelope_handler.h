// What the Socket Mode loop does with an events_api, interactive or slash_commands
// envelope: the same parsers, Submission, dedup and outbox as the HTTP routes
// (routes.h), with `done` called once the effects are committed, so the loop
// acknowledges the envelope only then; a slash command's `done` carries its ephemeral
// answer, which the acknowledgement's payload shows the person. An envelope that can never be
// processed (its payload is not Slack's) is reported as "bad_request", which the loop acknowledges
// anyway; a refused submission
// ("overloaded", "closed") leaves it unacknowledged, so Slack delivers it again.
//
// Threads: called on the loop's thread; never blocks (it submits to the pipeline).
// `done` runs on the writer's finisher thread, or at once on the caller's.
#pragma once

#include <memory>

#include "bot/channels/slack/identity.h"
#include "bot/channels/slack/socket_mode_loop.h"
#include "bot/flow/pipeline.h"

namespace triagebot::bot::slack {

EnvelopeHandler make_envelope_handler(Pipeline& pipeline,
                                      std::shared_ptr<const SlackIdentity> identity);

}  // namespace triagebot::bot::slack
