// Router: maps (method, path) to a handler and a route label.
//
// Patterns are absolute paths whose segments are literals or `{name}` placeholders;
// a placeholder matches one non-empty segment, and its (undecoded) value lands in
// HttpRequest::params. When several patterns match a path, the one with the fewest
// placeholders wins, so `/admin/api/conversations/export` beats `/{id}`.
// Unknown path -> 404 JSON; known path but other method -> 405 JSON with `Allow`.
// HEAD matches a GET route when no HEAD route is added (the session sends no body).
//
// The label (the pattern itself, e.g. "/api/widget/sessions/{id}/messages") is what
// metrics and logs show: never the raw path, which holds ids.
//
// Threads: add() all routes before Server::start(); afterwards the router is
// read-only and match() may be called from every io thread at once.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/http_types.h"

namespace triagebot::bot::http {

// Sends the response. Call it exactly once, from any thread: it posts back to the
// connection's executor. Later calls are ignored; if every copy is dropped without a
// call, the client gets a 500 JSON error rather than a hung connection.
using Respond = std::function<void(adapters::HttpResponse)>;

// Runs on an io thread: it must not block. Slow work (the storage writer) gets the
// Respond and calls it when done. A handler that throws gets a 500 JSON answer.
using Handler = std::function<void(adapters::HttpRequest, Respond)>;

// What to do with one request: call `handler`, or (handler == nullptr) send `error`.
struct RouteMatch {
  const Handler* handler = nullptr;
  std::string label;  // the pattern, or "unmatched" for an unknown path
  std::vector<std::pair<std::string, std::string>> params;
  adapters::HttpResponse error;  // 404 or 405 when there is no handler
};

class Router {
 public:
  // Label for requests that match no pattern.
  static constexpr std::string_view unmatched_label = "unmatched";

  // `route_label` is usually `pattern`; it is what metrics and logs show.
  void add(std::string method, std::string pattern, Handler handler, std::string route_label);
  // Shorthand with the pattern as label.
  void add(std::string method, std::string pattern, Handler handler);

  RouteMatch match(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" marks a placeholder
    std::size_t placeholders = 0;
    Handler handler;
    std::string label;
  };

  std::vector<Route> routes_;
};

}  // namespace triagebot::bot::http
