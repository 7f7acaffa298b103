// The HTTP front door without sockets: the bytes a client sends are read by Beast's
// request parser with the server's limits (ServerOptions: 1 MiB body, 16 KiB header),
// turned into adapters::HttpRequest the way bot/http/session.cpp does, and routed by
// the Router over API.md's route table. A matched webhook or widget route runs its
// adapter's verify + parse, as the real handlers do before the pipeline; handlers that
// need the store are not run (the stored-session and adapter targets cover what they
// read). Input: raw request bytes, possibly several pipelined requests.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "adapters/slack/events.h"
#include "adapters/slack/interactions.h"
#include "adapters/slack/signature.h"
#include "adapters/slack/slash_command.h"
#include "adapters/telegram/inbound.h"
#include "adapters/widget/inbound.h"
#include "adapters/widget/session_request.h"
#include "adapters/widget/tokens.h"
#include "bot/http/router.h"
#include "fuzz/fuzz_input.h"

namespace bhttp = boost::beast::http;
using triagebot::adapters::HttpRequest;
using triagebot::adapters::HttpResponse;
using triagebot::bot::http::Respond;
using triagebot::bot::http::Router;

namespace {

const auto kNow =
    std::chrono::system_clock::time_point(std::chrono::seconds(triagebot::fuzz::kFixedNowSeconds));

std::string_view to_std(boost::beast::string_view view) { return {view.data(), view.size()}; }

Router make_router() {
  namespace telegram = triagebot::adapters::telegram;
  namespace widget = triagebot::adapters::widget;
  namespace slack = triagebot::adapters::slack;
  Router router;
  auto ignore = [](HttpRequest, Respond respond) { respond(HttpResponse{}); };
  for (const char* path : {"/healthz", "/metrics", "/", "/widget.js", "/admin", "/admin/admin.js",
                           "/admin/api/conversations", "/admin/api/conversations/{id}",
                           "/admin/api/stats", "/admin/api/conversations/export"}) {
    router.add("GET", path, ignore);
  }
  router.add("POST", "/admin/api/conversations/{id}/reviews", ignore);
  router.add("POST", "/webhooks/telegram", [](HttpRequest request, Respond respond) {
    if (telegram::verify(request, "s3cret-Token_1")) {
      (void)telegram::parse(request, {.bot_username = "leg_triage_demo_bot", .now = kNow});
    }
    respond(HttpResponse{});
  });
  router.add("POST", "/api/widget/sessions", [](HttpRequest request, Respond respond) {
    (void)widget::check_session_request(request.body);
    respond(HttpResponse{});
  });
  router.add(
      "POST", "/api/widget/sessions/{id}/messages", [](HttpRequest request, Respond respond) {
        if (widget::is_session_id(request.param("id")) && widget::bearer_token(request.headers)) {
          (void)widget::verify(request, widget::token_hash("fuzz-token"));
          (void)widget::parse(request, {.event_id = "widget:fuzz", .now = kNow});
        }
        respond(HttpResponse{});
      });
  router.add("GET", "/api/widget/sessions/{id}/messages", ignore);
  router.add("OPTIONS", "/api/widget/sessions", ignore);
  router.add("OPTIONS", "/api/widget/sessions/{id}/messages", ignore);
  const slack::InboundOptions slack_options{.bot_user_id = "U07BOT4TRI", .now = kNow};
  router.add("POST", "/webhooks/slack/events",
             [slack_options](HttpRequest request, Respond respond) {
               (void)slack::verify(request, "8f742231b10e8888abcd99yyyzzz85a5", kNow);
               (void)slack::parse_event_request(request, slack_options);
               respond(HttpResponse{});
             });
  router.add("POST", "/webhooks/slack/interactions",
             [slack_options](HttpRequest request, Respond respond) {
               (void)slack::verify(request, "8f742231b10e8888abcd99yyyzzz85a5", kNow);
               (void)slack::parse_interaction_request(request, slack_options);
               respond(HttpResponse{});
             });
  router.add("POST", "/webhooks/slack/commands",
             [slack_options](HttpRequest request, Respond respond) {
               (void)slack::verify(request, "8f742231b10e8888abcd99yyyzzz85a5", kNow);
               (void)slack::parse_slash_command_request(request, slack_options);
               respond(HttpResponse{});
             });
  return router;
}

// bot/http/session.cpp's handle_request, without the socket.
HttpRequest to_request(bhttp::request<bhttp::string_body>& message) {
  HttpRequest request;
  request.method = std::string(to_std(message.method_string()));
  const auto target = to_std(message.target());
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
  for (const auto& field : message) {
    request.headers.set(std::string(to_std(field.name_string())),
                        std::string(to_std(field.value())));
  }
  request.body = std::move(message.body());
  request.remote_address = "127.0.0.1";
  return request;
}

// Feeds bytes to the parser as the session's reads would (Beast's read_some), until one
// request is complete. False when the bytes are not a request the server would handle (it
// answers 400, 413 or 431 and closes) or end before one is complete (it would wait for
// more, then time out). After need_more the session puts again only once a read has ADDED
// bytes; the parser relies on that (it skips what it has already scanned), so putting the
// same bytes again is a misuse (it trips Beast's assertion `n >= 5` in
// parse_chunk_header, as the 10-minute run of this target found in the first harness).
bool read_request(bhttp::request_parser<bhttp::string_body>& parser,
                  boost::asio::const_buffer& input) {
  while (!parser.is_done()) {
    boost::beast::error_code ec;
    const std::size_t used = parser.put(input, ec);
    input += used;
    if (ec || used == 0) return false;  // need_more included: no more bytes will come
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router = make_router();
  boost::asio::const_buffer input(data, size);
  // Keep-alive: the server reads request after request from one connection.
  for (int requests = 0; requests < 8 && input.size() > 0; ++requests) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(1024 * 1024);
    parser.header_limit(16 * 1024);
    parser.eager(true);
    if (!read_request(parser, input)) return 0;
    HttpRequest request = to_request(parser.get());
    auto match = router.match(request.method, request.path);
    if (match.handler == nullptr) continue;
    request.params = std::move(match.params);
    (*match.handler)(std::move(request), [](HttpResponse) {});
    if (!parser.get().keep_alive()) return 0;
  }
  return 0;
}
