#include "bot/channels/slack/submission.h"

#include <utility>

#include "adapters/slack/command_names.h"
#include "adapters/slack/reply_parts.h"
#include "bot/channels/slack/identity.h"

namespace triagebot::bot {
namespace {

namespace slack_api = adapters::slack;
using nlohmann::json;

// Slack refuses a message over its block limits whole (invalid_blocks): a reply that
// does not fit is cut before the outbox, one row per message, so a retry after a failed
// second part never repeats the first. The commands the text names are first put as a
// Slack user types them (/triage forget), before the limits are measured; the stored
// transcript keeps the interview's own words.
std::vector<dialogs::Reply> split_for_slack(const dialogs::Reply& reply) {
  return slack_api::split_reply(slack_api::with_slash_commands(reply));
}

}  // namespace

Submission slack_event_submission(const slack_api::ParsedEvent& parsed) {
  Submission submission;
  if (parsed.event) submission.events.push_back(*parsed.event);
  submission.split_reply = split_for_slack;
  if (parsed.thread_pointer) {
    // The public answer to a mention: a pointer in its thread, nothing clinical, queued
    // ahead of the DM's replies. It belongs to no conversation, so it is never reviewed
    // as part of one (the interview itself is in the DM).
    submission.rows_before_replies =
        [pointer = *parsed.thread_pointer](
            storage::WriteTransaction& tx, const adapters::InboundEvent&, std::int64_t,
            std::chrono::system_clock::time_point now) -> Result<void> {
      auto queued = tx.enqueue_notice(
          kSlackChannelName, json{{"channel", pointer.channel}},
          json{
              {"kind", "thread_pointer"}, {"thread_ts", pointer.thread_ts}, {"user", pointer.user}},
          now);
      if (!queued) return queued.error();
      return {};
    };
  }
  return submission;
}

Submission slack_press_submission(const slack_api::ParsedInteraction& parsed) {
  Submission submission;
  if (parsed.event) submission.events.push_back(*parsed.event);
  submission.split_reply = split_for_slack;
  if (parsed.pressed) {
    // The pressed question loses its buttons and shows the answer, before the next
    // question arrives, so an old button cannot be pressed a second time.
    submission.rows_before_replies =
        [pressed = *parsed.pressed](storage::WriteTransaction& tx,
                                    const adapters::InboundEvent& event,
                                    std::int64_t conversation_id,
                                    std::chrono::system_clock::time_point now) -> Result<void> {
      auto queued = tx.enqueue_outbox(conversation_id, adapters::to_string(event.platform),
                                      json{{"channel", pressed.channel}},
                                      json{{"kind", "update_pressed"},
                                           {"ts", pressed.message_ts},
                                           {"question_text", pressed.question_text},
                                           {"chosen_label", pressed.chosen_label}},
                                      now);
      if (!queued) return queued.error();
      return {};
    };
  }
  return submission;
}

Submission slack_command_submission(const slack_api::ParsedSlashCommand& parsed) {
  Submission submission;
  if (parsed.event) submission.events.push_back(*parsed.event);
  submission.split_reply = split_for_slack;
  return submission;
}

namespace {

void submit(Pipeline& pipeline, Submission submission, Processed done) {
  auto committed = [done](Result<std::vector<EventOutcome>> outcome) {
    if (!outcome) return done(outcome.error());
    done(Result<void>());
  };
  if (auto queued = pipeline.submit(std::move(submission), committed); !queued) {
    done(queued.error());
  }
}

}  // namespace

void process_slack_event(Pipeline& pipeline, const slack_api::ParsedEvent& parsed, Processed done) {
  if (parsed.kind != slack_api::EventKind::turn && parsed.kind != slack_api::EventKind::mention) {
    return done(Result<void>());
  }
  submit(pipeline, slack_event_submission(parsed), std::move(done));
}

void process_slack_interaction(Pipeline& pipeline, const slack_api::ParsedInteraction& parsed,
                               Processed done) {
  if (parsed.kind != slack_api::InteractionKind::button_press || !parsed.event) {
    return done(Result<void>());
  }
  submit(pipeline, slack_press_submission(parsed), std::move(done));
}

void process_slack_command(Pipeline& pipeline, const slack_api::ParsedSlashCommand& parsed,
                           CommandAnswered done) {
  nlohmann::json answer = slack_api::slash_command_answer(parsed.action);
  // usage answers with the help text, ssl_check with nothing (a null answer).
  if (!parsed.event) return done(answer);
  submit(pipeline, slack_command_submission(parsed),
         [done = std::move(done), answer = std::move(answer)](Result<void> committed) {
           if (!committed) return done(committed.error());
           done(answer);
         });
}

}  // namespace triagebot::bot
