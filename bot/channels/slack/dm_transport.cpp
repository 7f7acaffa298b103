#include "bot/channels/slack/dm_transport.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "adapters/slack/outbound.h"

namespace triagebot::bot {
namespace {

namespace slack_api = adapters::slack;
using nlohmann::json;

class DmDirectory {
 public:
  std::optional<std::string> find(const std::string& user) const {
    std::lock_guard lock(mutex_);
    auto found = channels_.find(user);
    if (found == channels_.end()) return std::nullopt;
    return found->second;
  }
  void remember(const std::string& user, std::string channel) {
    std::lock_guard lock(mutex_);
    channels_[user] = std::move(channel);
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string> channels_;
};

// The user a chat.postMessage call is addressed to, when it is addressed to a user.
std::optional<std::string> addressed_user(const adapters::OutboundCall& call) {
  if (call.path != "/chat.postMessage") return std::nullopt;
  json body = json::parse(call.body, nullptr, false);
  if (!body.is_object() || !body.contains("channel") || !body["channel"].is_string()) {
    return std::nullopt;
  }
  std::string channel = body["channel"];
  if (!is_slack_user_id(channel)) return std::nullopt;
  return channel;
}

adapters::OutboundCall posted_to(adapters::OutboundCall call, const std::string& channel) {
  json body = json::parse(call.body);
  body["channel"] = channel;
  call.body = body.dump();
  return call;
}

// An answer that says something Slack decided (HTTP 429, ok:false) goes to the
// classifier as the row's answer; an ok answer without a channel is not Slack's
// conversations.open answer at all, so it counts as a failed transport (back off).
Result<TransportResponse> failed_open(TransportResponse answer) {
  json body = json::parse(answer.body, nullptr, false);
  const bool refused = answer.status == 429 || answer.status >= 300 ||
                       (body.is_object() && body.contains("ok") && body["ok"] == false);
  if (refused) return answer;
  return make_error(ErrorCode::bad_response, "conversations.open answered without a channel id");
}

}  // namespace

bool is_slack_user_id(std::string_view id) {
  return id.size() > 1 && (id.front() == 'U' || id.front() == 'W');
}

Transport dm_opening_transport(Transport inner, std::string token) {
  auto directory = std::make_shared<DmDirectory>();
  return [inner = std::move(inner), token = std::move(token), directory](
             adapters::OutboundCall call, TransportDone done) {
    auto user = addressed_user(call);
    if (!user) return inner(std::move(call), std::move(done));
    if (auto channel = directory->find(*user)) {
      return inner(posted_to(std::move(call), *channel), std::move(done));
    }
    inner(slack_api::render_open_dm(*user, token),
          [inner, directory, user = *user, call = std::move(call),
           done = std::move(done)](Result<TransportResponse> opened) mutable {
            if (!opened) return done(std::move(opened));
            auto channel = slack_api::read_opened_channel(opened->status, opened->body);
            if (!channel) return done(failed_open(std::move(*opened)));
            directory->remember(user, *channel);
            inner(posted_to(std::move(call), *channel), std::move(done));
          });
  };
}

}  // namespace triagebot::bot
