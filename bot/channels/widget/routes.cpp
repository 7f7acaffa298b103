#include "bot/channels/widget/routes.h"

#include <memory>
#include <string>
#include <utility>

#include "adapters/widget/messages.h"
#include "adapters/widget/tokens.h"
#include "adapters/widget/turn.h"
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
  WidgetState(Pipeline& pipeline_in, storage::Readers& readers_in, WidgetRoutesOptions options_in)
      : pipeline(pipeline_in),
        readers(readers_in),
        options(std::move(options_in)),
        per_session(options.per_session),
        per_address(options.per_address),
        session_creation(options.session_creation) {}

  Pipeline& pipeline;
  storage::Readers& readers;
  WidgetRoutesOptions options;
  widget::RateLimiter per_session;
  widget::RateLimiter per_address;
  widget::RateLimiter session_creation;
};

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
std::optional<HttpResponse> over_limit(widget::RateLimiter& limiter, std::string_view key) {
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

// The session of a request, or the error answer (401 / 404 / 500).
std::variant<Authorized, HttpResponse> authorize(WidgetState& state, const HttpRequest& request) {
  auto token = widget::bearer_token(request.headers);
  if (!token) return json_error(401, "unauthorized", "A bearer token is required.");
  const std::string_view id = request.param("id");
  if (!widget::is_session_id(id)) return json_error(404, "not_found", "No such session.");
  auto found = state.readers.find_conversation("widget", id);
  if (!found) {
    log(LogLevel::error, "widget.lookup_failed", {{"code", found.error().code}});
    return json_error(500, "internal", "The session could not be read.");
  }
  if (!*found) return json_error(404, "not_found", "No such session.");
  const auto& handle = **found;
  if (!handle.credential_hash || !widget::token_matches(*token, *handle.credential_hash)) {
    return json_error(401, "unauthorized", "The token does not match this session.");
  }
  return Authorized{handle.id};
}

void create_session(WidgetState& state, HttpRequest request, Respond respond) {
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

  std::string session_id = widget::new_session_id();
  std::string token = widget::new_token();
  adapters::InboundEvent opening;
  opening.platform = adapters::Platform::widget;
  opening.conversation_key = session_id;
  opening.user_key = session_id;
  opening.event_id = "widget:" + session_id + ":open";
  opening.input = dialogs::Input::typed("/start");
  opening.at = std::chrono::system_clock::now();

  Submission submission;
  submission.events.push_back(std::move(opening));
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

void post_turn(WidgetState& state, HttpRequest request, Respond respond) {
  if (auto refused = widget::origin_refusal(state.options.cors, request)) {
    return respond(with_cors(state, request, std::move(*refused)));
  }
  auto authorized = authorize(state, request);
  if (auto* error = std::get_if<HttpResponse>(&authorized)) {
    return respond(with_cors(state, request, std::move(*error)));
  }
  const std::string session_id(request.param("id"));
  const std::string address = widget::client_address(request, state.options.trusted_proxies);
  if (auto limited = over_limit(state.per_session, session_id)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  if (auto limited = over_limit(state.per_address, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  auto input = widget::parse_turn(request.body);
  if (!input) {
    return respond(
        with_cors(state, request, json_error(400, "bad_request", input.error().message)));
  }

  adapters::InboundEvent event;
  event.platform = adapters::Platform::widget;
  event.conversation_key = session_id;
  event.user_key = session_id;
  // Each POST is a new turn; the widget has no delivery retries of its own to dedup.
  event.event_id = "widget:" + widget::new_session_id();
  event.input = std::move(*input);
  event.at = std::chrono::system_clock::now();

  Submission submission;
  submission.events.push_back(std::move(event));
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

void get_history(WidgetState& state, HttpRequest request, Respond respond) {
  if (auto refused = widget::origin_refusal(state.options.cors, request)) {
    return respond(with_cors(state, request, std::move(*refused)));
  }
  auto authorized = authorize(state, request);
  if (auto* error = std::get_if<HttpResponse>(&authorized)) {
    return respond(with_cors(state, request, std::move(*error)));
  }
  const std::string address = widget::client_address(request, state.options.trusted_proxies);
  if (auto limited = over_limit(state.per_address, address)) {
    return respond(with_cors(state, request, std::move(*limited)));
  }
  auto messages = state.readers.messages(std::get<Authorized>(authorized).conversation_id);
  if (!messages) {
    log(LogLevel::error, "widget.history_failed", {{"code", messages.error().code}});
    return respond(
        with_cors(state, request, json_error(500, "internal", "The history could not be read.")));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& message : *messages) list.push_back(storage::to_json(message));
  respond(with_cors(state, request, json_response(200, widget::messages_json(std::move(list)))));
}

}  // namespace

void add_widget_routes(http::Router& router, Pipeline& pipeline, storage::Readers& readers,
                       WidgetRoutesOptions options) {
  auto state = std::make_shared<WidgetState>(pipeline, readers, std::move(options));
  auto preflight = [state](HttpRequest request, Respond respond) {
    respond(widget::preflight(state->options.cors, request));
  };
  router.add("POST", std::string(kSessionsPath), [state](HttpRequest request, Respond respond) {
    create_session(*state, std::move(request), never_stored(std::move(respond)));
  });
  router.add("OPTIONS", std::string(kSessionsPath), preflight);
  router.add("POST", std::string(kMessagesPath), [state](HttpRequest request, Respond respond) {
    post_turn(*state, std::move(request), never_stored(std::move(respond)));
  });
  router.add("GET", std::string(kMessagesPath), [state](HttpRequest request, Respond respond) {
    get_history(*state, std::move(request), never_stored(std::move(respond)));
  });
  router.add("OPTIONS", std::string(kMessagesPath), preflight);
}

}  // namespace triagebot::bot
