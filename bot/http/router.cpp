#include "bot/http/router.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <utility>

#include "bot/http/responses.h"

namespace triagebot::bot::http {
namespace {

// "/a/b/" -> {"a", "b", ""}; the trailing empty segment keeps "/a/b/" distinct from "/a/b".
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_placeholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler,
                 std::string route_label) {
  // A malformed pattern is a programming error found at start-up, not bad input.
  if (pattern.empty() || pattern.front() != '/') {
    throw std::invalid_argument("route pattern must start with '/': " + pattern);
  }
  Route route{std::move(method), {}, 0, std::move(handler), std::move(route_label)};
  for (const auto segment : split_path(pattern)) {
    route.segments.emplace_back(segment);
    if (is_placeholder(segment)) ++route.placeholders;
  }
  routes_.push_back(std::move(route));
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  std::string label = pattern;
  add(std::move(method), std::move(pattern), std::move(handler), std::move(label));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  const auto segments = split_path(path);
  const Route* best = nullptr;
  const Route* any_method = nullptr;
  const Route* head_as_get = nullptr;
  std::set<std::string> allowed;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool fits = true;
    for (std::size_t i = 0; i < segments.size() && fits; ++i) {
      const auto& expected = route.segments[i];
      fits = is_placeholder(expected) ? !segments[i].empty() : expected == segments[i];
    }
    if (!fits) continue;
    allowed.insert(route.method);
    if (route.method == "GET") allowed.insert("HEAD");
    if (any_method == nullptr || route.placeholders < any_method->placeholders) any_method = &route;
    if (route.method == method && (best == nullptr || route.placeholders < best->placeholders)) {
      best = &route;
    }
    if (method == "HEAD" && route.method == "GET" &&
        (head_as_get == nullptr || route.placeholders < head_as_get->placeholders)) {
      head_as_get = &route;
    }
  }
  // HEAD is GET without the body (RFC 9110 §9.3.2): the session drops the body.
  if (best == nullptr) best = head_as_get;

  RouteMatch result;
  if (best == nullptr) {
    if (any_method == nullptr) {
      result.label = std::string(unmatched_label);
      result.error = json_error(404, "not_found", "no such route");
      return result;
    }
    result.label = any_method->label;
    result.error = json_error(405, "method_not_allowed",
                              "method " + std::string(method) + " is not allowed here");
    std::string allow;
    for (const auto& name : allowed) allow += (allow.empty() ? "" : ", ") + name;
    result.error.headers.set("Allow", allow);
    return result;
  }
  result.handler = &best->handler;
  result.label = best->label;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& expected = best->segments[i];
    if (is_placeholder(expected)) {
      result.params.emplace_back(expected.substr(1, expected.size() - 2), segments[i]);
    }
  }
  return result;
}

}  // namespace triagebot::bot::http
