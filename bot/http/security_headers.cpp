#include "bot/http/security_headers.h"

#include <string>

namespace triagebot::bot::http {
namespace {

void set_default(adapters::HttpResponse& response, std::string_view name, std::string_view value) {
  if (!response.headers.get(name)) response.headers.set(std::string(name), std::string(value));
}

bool is_html(const adapters::HttpResponse& response) {
  const auto type = response.headers.get("Content-Type").value_or(response.content_type);
  return adapters::iequals(type.substr(0, type.find(';')), "text/html");
}

}  // namespace

void add_security_headers(adapters::HttpResponse& response) {
  set_default(response, "X-Content-Type-Options", "nosniff");
  set_default(response, "Referrer-Policy", "no-referrer");
  set_default(response, "Content-Security-Policy",
              is_html(response) ? kPagePolicy : kNoContentPolicy);
}

}  // namespace triagebot::bot::http
