#include "bot/channels/widget/routes.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "adapters/widget/inbound.h"
#include "adapters/widget/messages.h"
#include "adapters/widget/session_request.h"
#include "adapters/widget/tokens.h"
#include "bot/flow/error_response.h"
#include "bot/http/responses.h"
#include "bot/obs/log.h"

namespace triagebot::bot {

namespace widget = adapters::widget;
using adapters::HttpRequest;
using adapters::HttpResponse;
using http::json_error;
using http::json_response;
using http::Respond;

namespace {

constexpr std::string_view kSessionsPath = "/api/widget/sessions";
constexpr std::string_view kMessagesPath = "/api/widget/sessions/{id}/messages";

// Shared by the handlers of one server; the limiters lock internally.
struct WidgetState {
  WidgetState(Pipeline& pipeline_in, storage::Readers& readers_in, WidgetRoutesOptions options_in,
              RunBlocking run_blocking_in)
      : pipeline(pipeline_in),
        readers(readers_in),
        options(std::move(options_in)),
        run_blocking(std::move(run_blocking_in)),
        per_session(options.per_session),
        per_address(options.per_address),
        session_creation(options.session_creation) {}

  Pipeline& pipeline;
  storage::Readers& readers;
  WidgetRoutesOptions options;
  RunBlocking run_blocking;
  http::RateLimiter per_session;
  http::RateLimiter per_address;
  http::RateLimiter session_creation;
};
using SharedState = std::shared_ptr<WidgetState>;

HttpResponse with_cors(const WidgetState& state, const HttpRequest& request,
                       HttpResponse response) {
  for (auto& field : widget::cors_headers(state.options.cors, request).fields) {
    response.headers.fields.push_back(std::move(field));
  }
  return response;
}

// Every widget API answer holds (or reveals) health data or a session token: no
// browser or proxy cache may keep a copy, whatever the status.
Respond never_stored(Respond respond) {
  return [respond = std::move(respond)](HttpResponse response) {
    response.headers.set("Cache-Control", "no-store");
    respond(std::move(response));
  };
}

HttpResponse too_many_requests(std::chrono::seconds retry_after) {
  auto response = json_error(429, "rate_limited", "Too many requests; try again shortly.");
  response.headers.set("Retry-After", std::to_string(retry_after.count()));
  return response;
}

// Applies a limiter; returns the 429 to send when it refuses.
std::optional<HttpResponse> over_limit(http::RateLimiter& limiter, std::string_view key) {
  auto decision = limiter.check(key, std::chrono::steady_clock::now());
  if (decision.allowed) return std::nullopt;
  return too_many_requests(decision.retry_after);
}

nlohmann::json replies_json(const EventOutcome& outcome) {
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& reply : outcome.replies) {
    messages.push_back(widget::reply_message_json(reply, outcome.at));
  }
  return messages;
}

struct Authorized {
  std::int64_t conversation_id = 0;
};
using Authorization = std::variant<Authorized, HttpResponse>;

// The token check against the session's stored hash: the session, or 401.
Authorization checked(const HttpRequest& request, std::int64_t conversation_id,
                      const std::optional<std::string>& credential_hash) {
  if (auto verified = widget::verify(request, credential_hash); !verified) {
    return json_error(401, "unauthorized", verified.error().message);
  }
  return Authorized{conversation_id};
}

// Where a handler may run once its session is known.
enum class Runs {
  off_the_io_thread,  // it reads the store itself (the history)
  anywhere,           // it only submits to the pipeline (a turn)
};

// The session of a request, or the error answer (401 / 404 / 500). The checks that need
// no store come first, on the io thread; the lookup and what follows run through
// run_blocking, and `then` gets the outcome there. A conversation the writer's session
// cache holds has its committed id and token hash in memory: a handler that may run
// anywhere is then authorized and started on the io thread, with no store read and no
// hop to the pool (most turns of a live chat; bench/reports/2026-12-05-server.md).
void authorize(const SharedState& state, HttpRequest request, Runs runs,
               std::function<void(HttpRequest, Authorization)> then) {
  if (!widget::bearer_token(request.headers)) {
    return then(std::move(request), json_error(401, "unauthorized", "A bearer token is required."));
  }
  if (!widget::is_session_id(request.param("id"))) {
    return then(std::move(request), json_error(404, "not_found", "No such session."));
  }
  if (runs == Runs::anywhere) {
    if (auto cached = state->pipeline.cached_conversation("widget", request.param("id"))) {
      auto outcome = checked(request, cached->id, cached->credential_hash);
      return then(std::move(request), std::move(outcome));
    }
  }
  state->run_blocking([state, request = std::move(request), then = std::move(then)]() mutable {
    auto found = state->readers.find_conversation("widget", request.param("id"));
    if (!found) {
      log(LogLevel::error, "widget.lookup_failed", {{"code", found.error().code}});
      return then(std::move(request),
                  json_error(500, "internal", "The session could not be read."));
    }
    if (!*found) return then(std::move(request), json_error(404, "not_found", "No such session."));
    auto outcome = checked(request, (*found)->id, (*found)->credential_hash);
    then(std::move(request), std::move(outcome));
  });
}

void create_session(const SharedState& shared, HttpRequest request, Respond respond) {
  WidgetState& state = *shared;
  if (auto refused = widget::origin_refusal(state.options.cors, request)) {
    return respond(with_cors(state, request, std::move(*refused)));
  }
  const std::string address = widget::client_address(request, state.options.trusted_proxies);
  if (auto limited = over_limit(state.per_address, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  if (auto limited = over_limit(state.session_creation, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  if (auto checked = widget::check_session_request(request.body); !checked) {
    return respond(
        with_cors(state, request, json_error(400, "bad_request", checked.error().message)));
  }

  std::string session_id = widget::new_session_id();
  std::string token = widget::new_token();
  Submission submission;
  submission.events.push_back(widget::opening_event(session_id, std::chrono::system_clock::now()));
  submission.credential = NewConversationCredential{widget::token_hash(token)};
  submission.deliver_through_outbox = false;
  submission.record_user_turn = false;

  auto cors = widget::cors_headers(state.options.cors, request);
  auto answer = [respond, cors, session_id, token](Result<std::vector<EventOutcome>> done) {
    HttpResponse response =
        done ? json_response(201, widget::session_created_json(session_id, token,
                                                               replies_json(done->front())))
             : pipeline_error_response(done.error());
    for (const auto& field : cors.fields) response.headers.fields.push_back(field);
    respond(std::move(response));
  };
  if (auto queued = state.pipeline.submit(std::move(submission), answer); !queued) {
    respond(with_cors(state, request, pipeline_error_response(queued.error())));
  }
}

// After authorize(): limits, then the adapter's parse, then the pipeline.
void submit_turn(WidgetState& state, const HttpRequest& request, const Respond& respond,
                 std::int64_t /*conversation_id: the pipeline finds it by the session*/) {
  const std::string session_id(request.param("id"));
  const std::string address = widget::client_address(request, state.options.trusted_proxies);
  if (auto limited = over_limit(state.per_session, session_id)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  if (auto limited = over_limit(state.per_address, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  auto events = widget::parse(request, {.event_id = widget::turn_event_id(widget::new_session_id()),
                                        .now = std::chrono::system_clock::now()});
  if (!events) {
    return respond(
        with_cors(state, request, json_error(400, "bad_request", events.error().message)));
  }

  Submission submission;
  submission.events = std::move(*events);
  submission.deliver_through_outbox = false;
  submission.create_conversation = false;

  auto cors = widget::cors_headers(state.options.cors, request);
  auto answer = [respond, cors](Result<std::vector<EventOutcome>> done) {
    HttpResponse response =
        done ? json_response(200, widget::messages_json(replies_json(done->front())))
             : pipeline_error_response(done.error());
    for (const auto& field : cors.fields) response.headers.fields.push_back(field);
    respond(std::move(response));
  };
  if (auto queued = state.pipeline.submit(std::move(submission), answer); !queued) {
    respond(with_cors(state, request, pipeline_error_response(queued.error())));
  }
}

// After authorize(): the address limit, then the history (on the blocking pool).
void send_history(WidgetState& state, const HttpRequest& request, const Respond& respond,
                  std::int64_t conversation_id) {
  const std::string address = widget::client_address(request, state.options.trusted_proxies);
  if (auto limited = over_limit(state.per_address, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  auto messages = state.readers.messages(conversation_id);
  if (!messages) {
    log(LogLevel::error, "widget.history_failed", {{"code", messages.error().code}});
    return respond(
        with_cors(state, request, json_error(500, "internal", "The history could not be read.")));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& message : *messages) list.push_back(storage::to_json(message));
  respond(with_cors(state, request, json_response(200, widget::messages_json(std::move(list)))));
}

using SessionHandler = void (*)(WidgetState& state, const HttpRequest& request,
                                const Respond& respond, std::int64_t conversation_id);

// The start every per-session route shares: the origin check, then authorize(), then
// `handler` with the session's conversation (or the error answer, with CORS headers).
void for_session(const SharedState& shared, HttpRequest request, Respond respond,
                 SessionHandler handler, Runs runs) {
  if (auto refused = widget::origin_refusal(shared->options.cors, request)) {
    return respond(with_cors(*shared, request, std::move(*refused)));
  }
  authorize(shared, std::move(request), runs,
            [shared, respond = std::move(respond), handler](HttpRequest authorized_request,
                                                            Authorization authorization) {
              if (auto* error = std::get_if<HttpResponse>(&authorization)) {
                return respond(with_cors(*shared, authorized_request, std::move(*error)));
              }
              handler(*shared, authorized_request, respond,
                      std::get<Authorized>(authorization).conversation_id);
            });
}

}  // namespace

void add_widget_routes(http::Router& router, Pipeline& pipeline, storage::Readers& readers,
                       WidgetRoutesOptions options, RunBlocking run_blocking) {
  auto state =
      std::make_shared<WidgetState>(pipeline, readers, std::move(options), std::move(run_blocking));
  auto preflight = [state](HttpRequest request, Respond respond) {
    respond(widget::preflight(state->options.cors, request));
  };
  router.add("POST", std::string(kSessionsPath), [state](HttpRequest request, Respond respond) {
    create_session(state, std::move(request), never_stored(std::move(respond)));
  });
  router.add("OPTIONS", std::string(kSessionsPath), preflight);
  router.add("POST", std::string(kMessagesPath), [state](HttpRequest request, Respond respond) {
    for_session(state, std::move(request), never_stored(std::move(respond)), submit_turn,
                Runs::anywhere);
  });
  router.add("GET", std::string(kMessagesPath), [state](HttpRequest request, Respond respond) {
    for_session(state, std::move(request), never_stored(std::move(respond)), send_history,
                Runs::off_the_io_thread);
  });
  router.add("OPTIONS", std::string(kMessagesPath), preflight);
}

}  // namespace triagebot::bot
