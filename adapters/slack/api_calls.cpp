#include "adapters/slack/api_calls.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "adapters/slack/json_fields.h"
#include "adapters/slack/outbound.h"
#include "adapters/slack/web_api_answer.h"

namespace triagebot::adapters::slack {
namespace {

using nlohmann::json;

std::vector<std::string> split_scopes(std::string_view list) {
  std::vector<std::string> scopes;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    std::string_view scope = list.substr(0, comma);
    while (!scope.empty() && scope.front() == ' ') scope.remove_prefix(1);
    while (!scope.empty() && scope.back() == ' ') scope.remove_suffix(1);
    if (!scope.empty()) scopes.emplace_back(scope);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return scopes;
}

}  // namespace

std::vector<std::string> required_scopes() {
  return {"chat:write", "im:history", "im:write", "app_mentions:read", "commands"};
}

OutboundCall render_auth_test(std::string_view bot_token) {
  return render_method(bot_token, "auth.test", json::object());
}

Result<AuthInfo> read_auth_test(int http_status, std::string_view body, const Headers& headers) {
  auto answer = ok_answer(http_status, body, "auth.test");
  if (!answer) return answer.error();
  AuthInfo info;
  info.team = fields::string_or_empty(*answer, "team");
  info.team_id = fields::string_or_empty(*answer, "team_id");
  info.bot_user_id = fields::string_or_empty(*answer, "user_id");
  info.bot_id = fields::string_or_empty(*answer, "bot_id");
  info.url = fields::string_or_empty(*answer, "url");
  if (info.bot_user_id.empty())
    return make_error(ErrorCode::bad_response, "auth.test answer has no user_id");
  if (auto scopes = headers.get("x-oauth-scopes")) {
    info.scopes_known = true;
    info.granted_scopes = split_scopes(*scopes);
    for (const std::string& scope : required_scopes()) {
      if (std::find(info.granted_scopes.begin(), info.granted_scopes.end(), scope) ==
          info.granted_scopes.end()) {
        info.missing_scopes.push_back(scope);
      }
    }
  }
  return info;
}

OutboundCall render_connections_open(std::string_view app_token) {
  return render_method(app_token, "apps.connections.open", json::object());
}

Result<std::string> read_connection_url(int http_status, std::string_view body) {
  auto answer = ok_answer(http_status, body, "apps.connections.open");
  if (!answer) return answer.error();
  std::string url = fields::string_or_empty(*answer, "url");
  if (!url.starts_with("wss://")) {
    return make_error(ErrorCode::bad_response, "apps.connections.open answer has no wss:// url");
  }
  return url;
}

}  // namespace triagebot::adapters::slack
