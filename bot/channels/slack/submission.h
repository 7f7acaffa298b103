// What a verified Slack event, button press or slash command becomes for the pipeline:
// one Submission
// whose extra rows (the thread pointer after a mention, chat.update of a pressed
// message) are queued in the same transaction as the turn, and only for a new event,
// so a redelivery (X-Slack-Retry-Num, a Socket Mode retry_attempt) leaves nothing twice.
// Shared by the HTTP routes and the Socket Mode handler, so both store exactly the same.
// Pure construction; the row closures run on the writer thread, the completion on the
// writer's finisher thread.
//
// Outbox rows of Slack, by payload kind (read back in outbound.cpp):
//   {"kind":"reply","reply":…}          target {"channel":"D…"} or {"user":"U…"}
//   {"kind":"thread_pointer","thread_ts":…,"user":…}   target {"channel":"C…"}
//   {"kind":"update_pressed","ts":…,"question_text":…,"chosen_label":…}
//                                                      target {"channel":"D…"}
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "adapters/slack/slash_command.h"
#include "bot/flow/pipeline.h"

namespace triagebot::bot {

// A `turn` or `mention` (not url_verification or ignored, which store nothing).
Submission slack_event_submission(const adapters::slack::ParsedEvent& parsed);

// A `button_press`.
Submission slack_press_submission(const adapters::slack::ParsedInteraction& parsed);

// A slash command's DM command (any action but `usage`): exactly what the same command
// typed in the person's DM would submit, so it is deduplicated, stepped, stored and
// delivered (to the DM) the same way, and `/triage forget` deletes what `/forget` does.
Submission slack_command_submission(const adapters::slack::ParsedSlashCommand& parsed);

// What became of one parsed request: success once its effects are committed (or it was
// a duplicate, or stores nothing on purpose); the pipeline's error otherwise
// ("overloaded", "closed", a storage failure). Called exactly once, on the writer's
// finisher thread or, when nothing is stored or the pipeline refused, on the caller's.
using Processed = std::function<void(Result<void>)>;

// Submits what needs storing (turns, mentions, presses); url_verification and ignored
// kinds complete at once with success.
void process_slack_event(Pipeline& pipeline, const adapters::slack::ParsedEvent& parsed,
                         Processed done);
void process_slack_interaction(Pipeline& pipeline, const adapters::slack::ParsedInteraction& parsed,
                               Processed done);

// What became of a slash command: its ephemeral answer (slash_command_answer) once its
// effects are committed, or it was a repeat of a committed one; the pipeline's error
// otherwise. `usage` and `ssl_check` store nothing and are answered at once, on the
// caller's thread (`ssl_check` with null: no answer).
using CommandAnswered = std::function<void(Result<nlohmann::json>)>;

void process_slack_command(Pipeline& pipeline, const adapters::slack::ParsedSlashCommand& parsed,
                           CommandAnswered done);

}  // namespace triagebot::bot
