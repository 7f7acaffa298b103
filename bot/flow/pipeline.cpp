#include "bot/flow/pipeline.h"

#include <algorithm>
#include <exception>
#include <memory>
#include <utility>

#include "bot/obs/log.h"
#include "dialogs/choice_label.h"
#include "storage/outbox_chat.h"
#include "storage/outbox_parts.h"
#include "storage/time.h"

namespace triagebot::bot {

using storage::ConversationStatus;
using storage::Direction;
using storage::WriteTransaction;

// Metrics are applied only after the commit: a rolled-back turn never counts.
struct Pipeline::Observed {
  std::string platform;
  std::string recorded_event_id;  // the delivery id this turn recorded for dedup, if any
  bool duplicate = false;
  std::optional<bool> step_reused;  // whether the turn taken before the writer was used
  bool started = false;
  bool completed = false;
  std::optional<dialogs::Assessment> assessment;
  std::vector<std::string> red_flags_fired;  // recorded by this turn, not before it
  std::vector<std::string> safety;           // safety categories this turn answered
  std::optional<std::chrono::milliseconds> emergency_after;
};

// One event's interview step, taken on the submitting thread. `base` is the cache entry
// it stepped on (nullptr: no entry, so it stepped on a fresh session as for a new
// conversation); the writer reuses the turn only if it finds that same entry, or creates
// the conversation in this very item.
struct Pipeline::Prepared {
  bool stepped = false;  // false: not stepped (a known duplicate, or the row was unreadable)
  storage::SessionCache::Snapshot base;
  // Not in the cache but in the database: the session JSON the step read, and that
  // session parsed (the writer reuses the turn, and skips the parse, if the row still
  // holds exactly this text).
  std::string stored_json;
  storage::SharedSession stored_session;
  storage::TimePoint now;
  dialogs::Turn turn;           // its `next` moved into `next`
  storage::SharedSession next;  // the session the turn ends in, for the cache as it is
  std::string session_json;     // `next`, serialised
  // For a step on a fresh session: the review columns the new row is inserted with.
  std::optional<storage::SummaryUpdate> first_summary;
  std::vector<storage::RenderedOutbox> replies;    // the turn's outbox rows, if it has any
  std::vector<storage::RenderedMessage> messages;  // the turn's rows in the transcript

  bool fits(const storage::ConversationRef& conversation) const {
    if (!stepped) return false;
    if (base) return conversation.cached == base;
    if (stored_session) return conversation.matched_stored;
    return conversation.created;
  }
};

namespace {

ConversationStatus status_of(const dialogs::Session& session) {
  return session.status == dialogs::SessionStatus::completed ? ConversationStatus::completed
                                                             : ConversationStatus::active;
}

// What the person said, as the history shows it: a button press becomes its label.
std::string user_text(const dialogs::Knowledge& knowledge, const dialogs::Input& input) {
  if (input.kind == dialogs::Input::Kind::text) return input.text;
  if (auto label = dialogs::choice_label(knowledge, input.choice_id)) return *label;
  return input.choice_id;
}

// The review columns a turn leaves, ending in `next` (the statistics' figures are added
// by apply).
storage::SummaryUpdate summary_of(const dialogs::Turn& turn, const dialogs::Session& next) {
  storage::SummaryUpdate summary;
  summary.status = status_of(next);
  summary.triage = next.triage;
  summary.red_flags = next.red_flags;
  // Only a turn that ranks causes may replace the stored ranking: the engine gives no
  // assessment for a later "thanks" or /help, and an empty list would erase the one
  // under review.
  summary.update_top_causes = turn.assessment.has_value();
  summary.safety = turn.safety;
  if (turn.assessment) {
    for (const auto& cause : turn.assessment->causes) summary.top_causes.push_back(cause.id);
  }
  return summary;
}

// The same for the first turn of a new conversation, with the figures apply gives a
// conversation the item created: no question answered before an assessment at the
// opening, and emergency guidance 0 ms after the first message.
storage::SummaryUpdate first_summary_of(const dialogs::Turn& turn) {
  storage::SummaryUpdate summary = summary_of(turn, turn.next);
  if (turn.assessment) {
    summary.questions_to_assessment = 0;
    if (turn.assessment->triage == dialogs::Triage::emergency) {
      summary.emergency_after = std::chrono::milliseconds(0);
    }
  }
  return summary;
}

// The transcript rows of a turn: what the person said (unless the platform keeps no
// record of it) and each reply, in order, as the writer binds them (render_message's
// rows, their JSON written straight from the replies).
std::vector<storage::RenderedMessage> turn_messages(const dialogs::Knowledge& knowledge,
                                                    const Submission& submission,
                                                    const adapters::InboundEvent& event,
                                                    const dialogs::Turn& turn,
                                                    storage::TimePoint now) {
  std::vector<storage::RenderedMessage> out;
  out.reserve(turn.replies.size() + 1);
  if (submission.record_user_turn) {
    storage::RenderedMessage said;
    said.direction = Direction::user;
    said.text = user_text(knowledge, event.input);
    said.at = now;
    said.platform_message_id = event.event_id;
    out.push_back(std::move(said));
  }
  for (const auto& reply : turn.replies) {
    storage::RenderedMessage answer;
    answer.direction = Direction::bot;
    answer.text = reply.text;
    if (!reply.choices.empty()) dialogs::append_json(answer.choices, reply.choices);
    if (reply.assessment) dialogs::append_json(answer.assessment, *reply.assessment);
    answer.at = now;
    out.push_back(std::move(answer));
  }
  return out;
}

// The outbox row of a turn's replies (none when it has none): each reply split to the
// platform's limits, every part in order in one row (storage/outbox_parts.h), whose
// recorded progress lets a retry resume at the first unsent part.
std::vector<storage::RenderedOutbox> render_replies(const Submission& submission,
                                                    const adapters::InboundEvent& event,
                                                    const std::vector<dialogs::Reply>& replies) {
  std::vector<std::string> parts;
  for (const auto& reply : replies) {
    if (!submission.split_reply) {
      parts.push_back(reply_payload_text(reply));
      continue;
    }
    for (const auto& part : submission.split_reply(reply))
      parts.push_back(reply_payload_text(part));
  }
  if (parts.empty()) return {};
  return {storage::render_outbox(adapters::to_string(event.platform), event.reply_address,
                                 storage::parts_payload_text(parts, "reply"))};
}

}  // namespace

std::string reply_payload_text(const dialogs::Reply& reply) {
  std::string out = "{\"kind\":\"reply\",\"reply\":";
  dialogs::append_json(out, reply);
  out += '}';
  return out;
}

Pipeline::Pipeline(storage::Store& store, const dialogs::Knowledge& knowledge,
                   dialogs::EngineOptions engine_options, PipelineMetrics& metrics)
    : store_(store),
      knowledge_(knowledge),
      engine_options_(std::move(engine_options)),
      metrics_(metrics) {}

storage::SessionCache::Snapshot Pipeline::cached_conversation(
    std::string_view platform, std::string_view conversation_key) const {
  return store_.writer().session_snapshot(platform, conversation_key);
}

Result<void> Pipeline::submit(Submission submission, SubmissionDone done) {
  // Shared between the work function (writer thread) and the completion (finisher thread),
  // which runs after the last call of the work function: the hand-over orders them.
  struct State {
    Submission submission;
    std::vector<Prepared> prepared;  // one per event
    std::vector<EventOutcome> outcomes;
    std::vector<Observed> observed;
  };
  auto state = std::make_shared<State>(State{std::move(submission), {}, {}, {}});
  state->prepared.reserve(state->submission.events.size());
  for (const auto& event : state->submission.events) {
    state->prepared.push_back(prepare(event, state->submission));
  }

  storage::WorkItem item;
  item.work = [this, state](WriteTransaction& tx) -> Result<void> {
    // The writer may run this twice (a neighbour failed: writer.h); the second run must
    // not see the first's leftovers. Metrics wait for the completion, which runs once.
    state->outcomes.clear();
    state->observed.clear();
    for (std::size_t i = 0; i < state->submission.events.size(); ++i) {
      auto outcome = apply(tx, state->submission.events[i], state->submission, state->prepared[i],
                           state->observed);
      if (!outcome) return outcome.error();
      state->outcomes.push_back(std::move(*outcome));
    }
    if (state->submission.extra) return state->submission.extra(tx);
    return {};
  };
  item.completion = [this, state, done = std::move(done)](Result<void> committed) {
    if (!committed) {
      done(committed.error());
      return;
    }
    for (const auto& seen : state->observed) {
      if (!seen.recorded_event_id.empty()) recent_.committed(seen.platform, seen.recorded_event_id);
      if (seen.duplicate) metrics_.duplicate_suppressed(seen.platform);
      if (seen.step_reused) metrics_.step_prepared(*seen.step_reused);
      if (seen.started) metrics_.conversation_started(seen.platform);
      if (seen.completed) metrics_.conversation_completed(seen.platform);
      if (seen.assessment) metrics_.assessment(seen.platform, seen.assessment->triage);
      for (const auto& flag : seen.red_flags_fired) metrics_.red_flag(flag);
      for (const auto& category : seen.safety) metrics_.safety_event(category);
      if (seen.emergency_after) metrics_.time_to_emergency_guidance(*seen.emergency_after);
    }
    done(std::move(state->outcomes));
  };
  auto queued = store_.writer().submit(std::move(item));
  if (!queued && queued.error().code == ErrorCode::overloaded) metrics_.rejected_overloaded();
  return queued;
}

Pipeline::Prepared Pipeline::prepare(const adapters::InboundEvent& event,
                                     const Submission& submission) const {
  Prepared prepared;
  prepared.now = storage::Clock::now();
  if (event.deduplicate && recent_.seen(adapters::to_string(event.platform), event.event_id)) {
    metrics_.known_duplicate();
    return prepared;  // the writer's dedup answers it; nothing to step
  }
  const auto platform = adapters::to_string(event.platform);
  prepared.base = store_.writer().session_snapshot(platform, event.conversation_key);
  // A conversation the writer has never seen (storage/known_keys.h) has no row to read.
  if (!prepared.base && store_.writer().may_have_conversation(platform, event.conversation_key)) {
    // Not cached (evicted, or only the database has it): read the committed row here, so
    // neither the read nor the parse falls to the writer. A missing row means a new
    // conversation; an unreadable one is left to the writer, which reports it.
    auto stored = store_.readers().stored_session(platform, event.conversation_key);
    if (!stored) return prepared;
    if (*stored) {
      auto session = dialogs::session_from_text(**stored);
      if (!session) return prepared;
      prepared.stored_json = std::move(**stored);
      prepared.stored_session = std::make_shared<const dialogs::Session>(std::move(*session));
    }
  }
  prepared.stepped = true;
  // A new conversation starts from storage::fresh_session(), as load_or_create_conversation
  // starts it.
  const dialogs::Session& before = prepared.base             ? *prepared.base->session
                                   : prepared.stored_session ? *prepared.stored_session
                                                             : *storage::fresh_session();
  prepared.turn = dialogs::step(knowledge_, engine_options_, before, event.input, prepared.now);
  prepared.session_json = dialogs::session_to_text(prepared.turn.next);
  if (!prepared.base && !prepared.stored_session) {
    prepared.first_summary = first_summary_of(prepared.turn);
  }
  prepared.next = std::make_shared<const dialogs::Session>(std::move(prepared.turn.next));
  if (submission.deliver_through_outbox) {
    prepared.replies = render_replies(submission, event, prepared.turn.replies);
  }
  if (prepared.turn.intent != dialogs::Intent::forget) {
    prepared.messages = turn_messages(knowledge_, submission, event, prepared.turn, prepared.now);
  }
  return prepared;
}

Result<EventOutcome> Pipeline::apply(WriteTransaction& tx, const adapters::InboundEvent& event,
                                     const Submission& submission, const Prepared& prepared,
                                     std::vector<Observed>& observed) {
  // The step's time, so a reused turn and the rows stored with it agree.
  const auto now = prepared.now;
  const std::string platform(adapters::to_string(event.platform));
  Observed seen;
  seen.platform = platform;
  EventOutcome outcome;
  outcome.at = storage::format_rfc3339(now);

  if (event.deduplicate) {
    auto fresh = tx.record_event(platform, event.event_id, now);
    if (!fresh) return fresh.error();
    if (!*fresh) {
      seen.duplicate = true;
      outcome.duplicate = true;
      observed.push_back(std::move(seen));
      return outcome;
    }
    seen.recorded_event_id = event.event_id;
  }

  // A step taken for a new conversation gives the row its session at once; one taken on
  // the stored row spares the writer its parse.
  storage::LoadHint hint;
  if (prepared.stepped && !prepared.base) {
    if (prepared.stored_session) {
      hint.stored_json = prepared.stored_json;
      hint.stored_session = prepared.stored_session;
    } else {
      hint.first_session_json = prepared.session_json;
      if (prepared.first_summary) hint.first_summary = &*prepared.first_summary;
      hint.first_message_count = prepared.messages.size();
    }
  }
  auto conversation =
      tx.load_or_create_conversation(platform, event.conversation_key, event.user_key, now, hint);
  if (!conversation) return conversation.error();
  if (conversation->created && !submission.create_conversation) {
    return make_error(ErrorCode::not_found, "the conversation no longer exists");  // rolled back
  }
  seen.started = conversation->created;
  if (conversation->created && submission.credential) {
    if (auto set = tx.set_credential(conversation->id, submission.credential->hash); !set) {
      return set.error();
    }
  }

  const dialogs::Session& before = *conversation->session;
  const bool reuse = prepared.fits(*conversation);
  seen.step_reused = reuse;
  dialogs::Turn stepped;
  storage::SharedSession stepped_next;
  if (!reuse) {
    stepped = dialogs::step(knowledge_, engine_options_, before, event.input, now);
    stepped_next = std::make_shared<const dialogs::Session>(std::move(stepped.next));
  }
  const dialogs::Turn& turn = reuse ? prepared.turn : stepped;
  const storage::SharedSession& next_session = reuse ? prepared.next : stepped_next;
  const dialogs::Session& next = *next_session;
  outcome.replies = turn.replies;

  std::int64_t conversation_id = conversation->id;
  if (turn.intent == dialogs::Intent::forget) {
    // Delete everything of this person, then keep only what is needed to deliver the
    // confirmation: an empty conversation row for the outbox to hang on, no messages.
    if (auto forgotten = tx.forget_user(platform, event.user_key); !forgotten) {
      return forgotten.error();
    }
    outcome.forgotten = true;
    if (!submission.deliver_through_outbox) {
      observed.push_back(std::move(seen));
      return outcome;
    }
    auto fresh_conversation =
        tx.load_or_create_conversation(platform, event.conversation_key, event.user_key, now);
    if (!fresh_conversation) return fresh_conversation.error();
    conversation_id = fresh_conversation->id;
  } else {
    storage::SummaryUpdate summary = summary_of(turn, next);
    // Figures for the review statistics, kept at the first assessment, read before this
    // turn's messages are appended (so the session's UPDATE lists them: append_messages).
    // A conversation this item created holds no earlier message of the person: nothing
    // to look up.
    const bool fresh_conversation = conversation->created && conversation_id == conversation->id;
    if (turn.assessment && !before.triage) {
      // The opening message is not an answer: the rest of what they wrote up to now, this
      // message included, is.
      std::int64_t written = 1;
      if (!fresh_conversation) {
        auto counted = tx.user_message_count(conversation_id);
        if (!counted) return counted.error();
        written = *counted + (submission.record_user_turn ? 1 : 0);
      }
      summary.questions_to_assessment = std::max<std::int64_t>(written - 1, 0);
    }
    // The first emergency guidance of the interview; later ones come after it.
    if (turn.assessment && turn.assessment->triage == dialogs::Triage::emergency &&
        before.triage != dialogs::Triage::emergency) {
      // From the person's first message, not the conversation's start: a widget session
      // starts when the panel opens, which may be long before anyone types.
      std::optional<storage::TimePoint> first = now;
      if (!fresh_conversation) {
        auto looked_up = tx.first_user_message_at(conversation_id);
        if (!looked_up) return looked_up.error();
        first = *looked_up;
      }
      seen.emergency_after =
          std::chrono::duration_cast<std::chrono::milliseconds>(now - first.value_or(now));
      summary.emergency_after = seen.emergency_after;
    }
    // The person's message and the replies in one statement.
    const auto stepped_messages = reuse ? std::vector<storage::RenderedMessage>()
                                        : turn_messages(knowledge_, submission, event, turn, now);
    if (auto appended =
            tx.append_messages(conversation_id, reuse ? prepared.messages : stepped_messages);
        !appended) {
      return appended.error();
    }
    if (auto saved = tx.save_session(conversation_id, next_session, now, summary,
                                     reuse ? prepared.session_json : std::string_view());
        !saved) {
      return saved.error();
    }
    seen.completed = before.status != dialogs::SessionStatus::completed &&
                     next.status == dialogs::SessionStatus::completed;
    seen.assessment = turn.assessment;
    seen.safety = turn.safety;
    // An assessment lists every red flag of the interview; count only the new ones, so
    // a second red flag after the first does not count the first again.
    for (const auto& flag : next.red_flags) {
      if (std::find(before.red_flags.begin(), before.red_flags.end(), flag) ==
          before.red_flags.end()) {
        seen.red_flags_fired.push_back(flag);
      }
    }
  }

  if (submission.deliver_through_outbox) {
    // The platform's own rows first (e.g. acknowledging a pressed button), so they go
    // out before the replies.
    if (submission.rows_before_replies) {
      if (auto queued = submission.rows_before_replies(tx, event, conversation_id, now); !queued) {
        return queued.error();
      }
    }
    const auto rows = reuse ? std::vector<storage::RenderedOutbox>()
                            : render_replies(submission, event, turn.replies);
    for (const auto& row : reuse ? prepared.replies : rows) {
      if (auto queued = tx.enqueue_outbox(conversation_id, platform, row, now); !queued) {
        return queued.error();
      }
    }
  }
  outcome.conversation_id = conversation_id;
  observed.push_back(std::move(seen));
  return outcome;
}

}  // namespace triagebot::bot
